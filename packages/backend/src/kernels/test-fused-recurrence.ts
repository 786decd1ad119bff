// Test helpers shared by the fused recurrence kernels' tests (not exported from the package).
import * as tf from '@tensorflow/tfjs';
import { setRecurrencePlan } from '@recurrent/layers';
import { afterEach, beforeAll, expect } from 'vitest';
import { loadWasmBackend } from '../wasm-runtime.js';
import { registerRecurrenceKernels } from './register-recurrence-kernels.js';

/** A recurrent layer as the tests see it (rcLSTM / rcGRU / tf.layers.lstm). */
export interface TestLayer {
  apply(x: tf.Tensor, kwargs?: Record<string, unknown>): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[];
  readonly trainableWeights: { read(): tf.Tensor }[];
  getWeights(): tf.Tensor[];
  setWeights(weights: tf.Tensor[]): void;
}

/** Deterministic normal values in [shape] (seeded). */
export const seeded = (shape: number[], seed: number, std = 1): tf.Tensor => tf.randomNormal(shape, 0, std, 'float32', seed);

/** Replaces every weight of `layer` by seeded values (gates far from saturation). */
export function randomize(layer: TestLayer, seed: number): void {
  layer.setWeights(layer.getWeights().map((w, i) => seeded(w.shape, seed + i, 0.5)));
}

/** Outputs, a weighted loss and the gradients w.r.t. `x`, every weight and `extra` variables, under the fused or composite plan. */
export function outputsAndGrads(
  fused: boolean,
  layer: TestLayer,
  x: tf.Variable,
  kwargs: Record<string, unknown>,
  extra: tf.Variable[] = [],
): tf.Tensor[] {
  setRecurrencePlan({ fused });
  try {
    const outputs = () => {
      const y = layer.apply(x, kwargs) as tf.Tensor | tf.Tensor[];
      return Array.isArray(y) ? y : [y];
    };
    const loss = () => tf.addN(outputs().map((o, i) => tf.sum(tf.mul(o, seeded(o.shape, 900 + i))))) as tf.Scalar;
    const vars = [x, ...extra, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
    const { value, grads } = tf.variableGrads(loss, vars);
    return [...outputs(), value, ...vars.map((v) => grads[v.name] as tf.Tensor)];
  } finally {
    setRecurrencePlan(null);
  }
}

/** Asserts that two lists of tensors have equal shapes and values within `tol`, absolute or relative to each tensor's largest magnitude (`relative`). */
export async function expectAllClose(actual: tf.Tensor[], expected: tf.Tensor[], tol = 1e-5, relative = false): Promise<void> {
  expect(actual.map((t) => t.shape)).toEqual(expected.map((t) => t.shape));
  for (let i = 0; i < actual.length; i++) {
    const a = await (actual[i] as tf.Tensor).data();
    const e = await (expected[i] as tf.Tensor).data();
    let worst = 0;
    let scale = 0;
    for (let j = 0; j < a.length; j++) {
      worst = Math.max(worst, Math.abs((a[j] as number) - (e[j] as number)));
      scale = Math.max(scale, Math.abs(e[j] as number));
    }
    if (relative) worst /= Math.max(scale, 1);
    expect(worst, `tensor ${i} of shape [${(actual[i] as tf.Tensor).shape.join(', ')}]`).toBeLessThanOrEqual(tol);
  }
}

/** `[batch, time]` right-padded mask with the given lengths. */
export function lengthsMask(lengths: number[], time: number): tf.Tensor2D {
  return tf.tensor2d(lengths.map((len) => Array.from({ length: time }, (_, t) => (t < len ? 1 : 0))));
}

/** The backends every fused-kernel test runs on. */
export const FUSED_TEST_BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Test-file setup: registers the fused kernels on wasm and cpu (checking that `names` are among
 * them) before all tests, and resets the recurrence plan after each.
 *
 * @example
 * useFusedKernels([LSTM_SEQUENCE_KERNEL, LSTM_SEQUENCE_GRAD_KERNEL]);
 */
export function useFusedKernels(names: readonly string[]): void {
  beforeAll(async () => {
    await loadWasmBackend();
    for (const backend of FUSED_TEST_BACKENDS) {
      await tf.setBackend(backend);
      expect(await registerRecurrenceKernels(backend)).toEqual(expect.arrayContaining([...names]));
    }
  });
  afterEach(() => setRecurrencePlan(null));
}
