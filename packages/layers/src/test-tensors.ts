/** Test-only helpers (excluded from the build). */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { RefWeights } from './test-reference.js';

/** Largest absolute difference between two tensors/arrays of the same shape. */
export async function maxAbsDiff(a: tf.Tensor | number[] | number[][] | number[][][], b: tf.Tensor | number[] | number[][] | number[][][]): Promise<number> {
  const av = a instanceof tf.Tensor ? await a.data() : (a as unknown[]).flat(3);
  const bv = b instanceof tf.Tensor ? await b.data() : (b as unknown[]).flat(3);
  expect(av.length).toBe(bv.length);
  let max = 0;
  for (let i = 0; i < av.length; i++) max = Math.max(max, Math.abs(Number(av[i]) - Number(bv[i])));
  return max;
}

/** Asserts shape equality and every element within `tol`. */
export async function expectClose(a: tf.Tensor, b: tf.Tensor | number[][] | number[][][], tol = 1e-5): Promise<void> {
  if (b instanceof tf.Tensor) expect(a.shape).toEqual(b.shape);
  expect(await maxAbsDiff(a, b)).toBeLessThan(tol);
}

/** Deterministic pseudo-random tensor in [-scale, scale). */
export function seededTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  return tf.randomUniform(shape, -scale, scale, 'float32', seed);
}

/** A layer's weights as plain arrays for the float64 reference (bias flattened). */
export async function refWeights(layer: tf.layers.Layer): Promise<RefWeights> {
  const [kernel, recurrent, bias] = layer.getWeights();
  return {
    kernel: (await (kernel as tf.Tensor).array()) as number[][],
    recurrent: (await (recurrent as tf.Tensor).array()) as number[][],
    bias: Array.from(await (bias as tf.Tensor).data()),
  };
}

/** Gives every weight of `layer` deterministic values in [-0.5, 0.5) (incl. bias, so it matters). */
export function randomizeWeights(layer: tf.layers.Layer, seed: number): void {
  const weights = layer.getWeights().map((w, i) => seededTensor(w.shape, seed + i, 0.5));
  layer.setWeights(weights);
  tf.dispose(weights);
}

/**
 * Central-difference gradient check: for every element of every variable, compares
 * `(L(v+eps) − L(v−eps)) / 2eps` with the autodiff gradient. Returns the largest absolute error
 * and the largest gradient magnitude (so a test can also assert the gradients are not trivial).
 */
export async function finiteDifferenceCheck(
  loss: () => tf.Scalar,
  variables: tf.Variable[],
  eps = 1e-2,
): Promise<{ maxError: number; maxGrad: number; count: number }> {
  const { grads } = tf.variableGrads(loss, variables);
  let maxError = 0;
  let maxGrad = 0;
  let count = 0;
  const evaluate = async (): Promise<number> => {
    const l = loss();
    const value = (await l.data())[0] as number;
    l.dispose();
    return value;
  };
  for (const v of variables) {
    const analytic = await (grads[v.name] as tf.Tensor).data();
    const original = await v.data();
    for (let i = 0; i < original.length; i++) {
      const shifted = Float32Array.from(original);
      shifted[i] = (original[i] as number) + eps;
      v.assign(tf.tensor(shifted, v.shape));
      const plus = await evaluate();
      shifted[i] = (original[i] as number) - eps;
      v.assign(tf.tensor(shifted, v.shape));
      const minus = await evaluate();
      const numeric = (plus - minus) / (2 * eps);
      maxError = Math.max(maxError, Math.abs(numeric - (analytic[i] as number)));
      maxGrad = Math.max(maxGrad, Math.abs(analytic[i] as number));
      count++;
    }
    v.assign(tf.tensor(original, v.shape));
  }
  tf.dispose(grads);
  return { maxError, maxGrad, count };
}
