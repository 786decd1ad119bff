import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SELECTOR_CHUNK_ROWS, TimeStepSelector, blend, maskColumns, splitTimeSteps } from './time-steps.js';
import { seededTensor } from './test-tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('splitTimeSteps', () => {
  it('gives tf.split(x, time) for odd and even lengths, and its gradient', async () => {
    for (const time of [1, 2, 7, 8]) {
      const x = tf.variable(seededTensor([time, 2, 3], time));
      const steps = splitTimeSteps(x);
      const expected = tf.split(x, time, 0);
      expect(steps).toHaveLength(time);
      for (let t = 0; t < time; t++) expect(await steps[t]!.array()).toEqual(await expected[t]!.array());
      const weights = steps.map((_, t) => t + 1);
      const { grads } = tf.variableGrads(() => tf.addN(splitTimeSteps(x).map((s, t) => tf.mul(tf.sum(s), weights[t]!))) as tf.Scalar, [x]);
      const grad = (await grads[x.name]!.array()) as number[][][];
      expect(grad.map((row) => row[0]![0])).toEqual(weights);
      tf.dispose([x, ...steps, ...expected, grads]);
    }
  });
});

describe('TimeStepSelector', () => {
  it.each([SELECTOR_CHUNK_ROWS, 4])('reads every row exactly, across chunks of at most %i rows', async (chunkRows) => {
    for (const rows of [1, 5, 19, 40, SELECTOR_CHUNK_ROWS + 3]) {
      const x = seededTensor([rows, 6], rows) as tf.Tensor2D;
      const select = new TimeStepSelector(x, chunkRows);
      const values = (await x.array()) as number[][];
      for (let r = 0; r < rows; r++) expect(await select.at(r).array()).toEqual([values[r]]);
      expect(() => select.at(rows)).toThrowError(expect.objectContaining({ code: 'INTERNAL', message: expect.stringMatching(`row ${rows} is outside`) }));
    }
  });
});

describe('maskColumns and blend', () => {
  it('give valid/keep columns per step and exact blends of fresh and carried states', async () => {
    expect(maskColumns(null, 2)).toBeNull();
    const masks = maskColumns(tf.tensor2d([[1, 1, 0], [1, 0, 0]]), 2)!;
    const [valid, keep] = masks(1);
    expect(await valid.array()).toEqual([[1], [0]]);
    expect(await keep.array()).toEqual([[0], [1]]);
    const fresh = tf.tensor2d([[0.1, 0.2], [0.3, 0.4]]);
    const old = tf.tensor2d([[5, 6], [7, 8]]);
    const mixed = (await blend(fresh, old, valid, keep).array()) as number[][];
    expect(mixed).toEqual([(await fresh.array())[0], [7, 8]]);
  });
});
