import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { WeightAverage } from './weight-average.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('WeightAverage', () => {
  it('follows avg ← avg + (1 − d)(w − avg) with d = min(decay, (1 + t)/(10 + t)), swaps both ways and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor1d([1, 2]), true, 'wa-test/w'));
    const set = (values: number[]): void => tf.tidy(() => w.assign(tf.tensor1d(values)));
    const average = new WeightAverage([w], 0.9);
    expect(average.decayAt(0)).toBeCloseTo(0.1, 12); // (1 + 0) / (10 + 0)
    expect(average.decayAt(100)).toBe(0.9); // 101/110 > 0.9
    set([3, 6]);
    average.update(0); // d = 0.1: avg = 1 + 0.9·2, 2 + 0.9·4
    set([5, 10]);
    average.update(100); // d = 0.9: avg += 0.1·(w − avg)
    const expected = [2.8 + 0.1 * (5 - 2.8), 5.6 + 0.1 * (10 - 5.6)];
    expect(Array.from(await average.shadows[0]!.data())).toEqual(expected.map((x) => expect.closeTo(x, 6)));
    average.swap();
    expect(Array.from(await w.data())).toEqual(expected.map((x) => expect.closeTo(x, 6)));
    expect(Array.from(await average.shadows[0]!.data())).toEqual([5, 10]);
    average.swap();
    expect(Array.from(await w.data())).toEqual([5, 10]);
    expect(average.shadows[0]!.name).toBe('ema/wa-test/w');
    average.dispose();
    w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
