import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, maxAbsDiff, seededTensor } from '../test-tensors.js';
import { parallelLinearScan } from './parallel-scan.js';
import { sequentialLinearScan } from './sequential-scan.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Random coefficients: a = σ(uniform(−spread, spread)) in (0, 1), b uniform in [−1, 1). */
function coefficients(time: number, batch: number, units: number, seed: number, spread = 4) {
  const a = tf.sigmoid(seededTensor([time, batch, units], seed, spread)) as tf.Tensor3D;
  const b = seededTensor([time, batch, units], seed + 1) as tf.Tensor3D;
  const h0 = seededTensor([batch, units], seed + 2) as tf.Tensor2D;
  return { a, b, h0 };
}

/** The recurrence in float64 on plain arrays: the numerical ground truth. */
async function float64Reference(a: tf.Tensor3D, b: tf.Tensor3D, h0: tf.Tensor2D): Promise<Float64Array> {
  const [time, batch, units] = a.shape;
  const av = await a.data();
  const bv = await b.data();
  const h = Float64Array.from(await h0.data());
  const out = new Float64Array(time * batch * units);
  for (let t = 0; t < time; t++) {
    for (let i = 0; i < batch * units; i++) {
      const k = t * batch * units + i;
      h[i] = (av[k] as number) * (h[i] as number) + (bv[k] as number);
      out[k] = h[i] as number;
    }
  }
  return out;
}

describe('parallelLinearScan', () => {
  it('gives the hand-computed prefix values when a = 0.5 and b = 1', async () => {
    const a = tf.fill([4, 1, 2], 0.5) as tf.Tensor3D;
    const b = tf.ones([4, 1, 2]) as tf.Tensor3D;
    const h0 = tf.tensor2d([[0, 2]]);
    // column 0 from h0 = 0: 1, 1.5, 1.75, 1.875; column 1 from h0 = 2 stays at the fixed point 2.
    expect(await parallelLinearScan(a, b, h0).array()).toEqual([[[1, 2]], [[1.5, 2]], [[1.75, 2]], [[1.875, 2]]]);
  });

  it.each([1, 2, 3, 7, 8, 9, 64, 200, 512])('equals the sequential loop within 1e-5 when time = %i', async (time) => {
    const { a, b, h0 } = coefficients(time, 2, 3, time);
    const diff = await maxAbsDiff(parallelLinearScan(a, b, h0), sequentialLinearScan(a, b, h0));
    expect(diff).toBeLessThan(1e-5);
  });

  it.each([2, 3, 5, 16, 64])('gives the same values and gradients with chunk = %i (time 50, recursion over chunks)', async (chunk) => {
    const { a, b, h0 } = coefficients(50, 2, 3, 40 + chunk);
    const probe = seededTensor([50, 2, 3], 41);
    expect(await maxAbsDiff(parallelLinearScan(a, b, h0, chunk), sequentialLinearScan(a, b, h0))).toBeLessThan(1e-5);
    const loss = (scan: typeof parallelLinearScan) => (av: tf.Tensor, bv: tf.Tensor, hv: tf.Tensor) =>
      tf.sum(tf.mul(scan(av as tf.Tensor3D, bv as tf.Tensor3D, hv as tf.Tensor2D, chunk), probe)) as tf.Scalar;
    const ours = tf.grads(loss(parallelLinearScan))([a, b, h0]);
    const reference = tf.grads(loss(sequentialLinearScan))([a, b, h0]);
    for (let i = 0; i < 3; i++) await expectClose(ours[i] as tf.Tensor, reference[i] as tf.Tensor, 1e-5);
  });

  it('stays within 1e-5 of float64 at time 1024 with gates saturated at both ends', async () => {
    // Pre-activations in [−30, 30]: a rounds to 0 or 1 in float32 at the extremes, the regime where
    // a log-space scan with one global max loses early steps to underflow and where running
    // products of a underflow to 0 inside a chunk.
    const { a, b, h0 } = coefficients(1024, 2, 4, 77, 30);
    const reference = await float64Reference(a, b, h0);
    const parallel = await parallelLinearScan(a, b, h0).data();
    let maxError = 0;
    let maxValue = 0;
    parallel.forEach((v, i) => {
      maxError = Math.max(maxError, Math.abs(v - (reference[i] as number)));
      maxValue = Math.max(maxValue, Math.abs(reference[i] as number));
    });
    expect(Number.isFinite(maxError)).toBe(true);
    expect(maxValue).toBeGreaterThan(1); // states accumulate, so the check is not on tiny numbers
    expect(maxError).toBeLessThan(1e-5 * maxValue);
  });

  it.each([1, 37, 300])('has the same gradients with respect to a, b and h0 as the sequential loop when time = %i', async (time) => {
    const { a, b, h0 } = coefficients(time, 2, 3, 5);
    const probe = seededTensor([time, 2, 3], 99);
    const lossOf = (scan: typeof parallelLinearScan) => (av: tf.Tensor, bv: tf.Tensor, hv: tf.Tensor) =>
      tf.sum(tf.mul(scan(av as tf.Tensor3D, bv as tf.Tensor3D, hv as tf.Tensor2D), probe)) as tf.Scalar;
    const parallel = tf.grads(lossOf(parallelLinearScan))([a, b, h0]);
    const sequential = tf.grads(lossOf(sequentialLinearScan))([a, b, h0]);
    for (let i = 0; i < 3; i++) await expectClose(parallel[i] as tf.Tensor, sequential[i] as tf.Tensor, 1e-5);
    expect(await maxAbsDiff(parallel[1] as tf.Tensor, tf.zerosLike(a))).toBeGreaterThan(0.5);
  });

  it('leaves no tensor behind, forwards and backwards', () => {
    const { a, b, h0 } = coefficients(50, 2, 3, 8);
    const before = tf.memory().numTensors;
    const h = parallelLinearScan(a, b, h0);
    expect(tf.memory().numTensors).toBe(before + 1);
    h.dispose();
    tf.dispose(tf.grads((av: tf.Tensor, bv: tf.Tensor) => tf.sum(parallelLinearScan(av as tf.Tensor3D, bv as tf.Tensor3D, h0)) as tf.Scalar)([a, b]));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws SHAPE when the coefficients or the initial state do not match', () => {
    const { a, b, h0 } = coefficients(5, 2, 3, 9);
    expect(() => parallelLinearScan(a, tf.ones([5, 2, 4]) as tf.Tensor3D, h0)).toThrow(
      expect.objectContaining({ code: 'SHAPE', message: expect.stringMatching(/\[5, 2, 3\] and \[5, 2, 4\]/) }),
    );
    expect(() => parallelLinearScan(a, b, h0, 1)).toThrow(expect.objectContaining({ code: 'CONFIG', message: 'chunk must be an integer ≥ 2, got 1' }));
    expect(() => sequentialLinearScan(a, b, tf.ones([3, 2]) as tf.Tensor2D)).toThrow(
      expect.objectContaining({ code: 'SHAPE', message: expect.stringMatching(/initial state must be \[batch, units\] = \[2, 3\]/) }),
    );
  });
});
