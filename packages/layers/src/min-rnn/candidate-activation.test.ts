import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { minRnnCandidate } from './candidate-activation.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('minRnnCandidate', () => {
  it('is x + 0.5 for x ≥ 0 and σ(x) below, with slopes 1 and σ′(x)', async () => {
    const xs = [-30, -2, -1e-3, 0, 1e-3, 0.3, 4];
    const expected = xs.map((x) => (x >= 0 ? x + 0.5 : 1 / (1 + Math.exp(-x))));
    const got = Array.from(await minRnnCandidate(tf.tensor1d(xs)).data());
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] as number, 6));
    const slopes = Array.from(await tf.grad((x: tf.Tensor) => tf.sum(minRnnCandidate(x)) as tf.Scalar)(tf.tensor1d([-2, 0, 3])).data());
    const s = 1 / (1 + Math.exp(2));
    expect(slopes[0]).toBeCloseTo(s * (1 - s), 6);
    expect(slopes.slice(1)).toEqual([1, 1]);
  });
});
