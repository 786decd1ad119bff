import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@recurrent/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAM_UPDATE_KERNEL, FusedAdamOptimizer } from './fused-adam.js';
import { readOptimizerState, restoreOptimizerState } from './optimizer-state.js';

/** Deterministic values in about [-1, 1]. */
const wave = (n: number, phase: number) => Array.from({ length: n }, (_, i) => Math.sin(1.7 * i + phase));

interface Run {
  readonly weights: number[][];
  readonly moments: number[][];
}

/**
 * Five Adam steps on two variables (one gradient missing at step 3) with a learning-rate change;
 * returns the final weights and optimizer moments.
 */
async function fiveSteps(optimizer: tf.Optimizer, prefix: string): Promise<Run> {
  const a = tf.variable(tf.tensor2d(wave(12, 0), [3, 4]), true, `${prefix}_a`);
  const b = tf.variable(tf.tensor1d(wave(5, 1)), true, `${prefix}_b`);
  for (let step = 0; step < 5; step++) {
    tf.tidy(() => {
      const ga = tf.tensor2d(wave(12, step + 2).map((v) => v * (step + 1)), [3, 4]);
      const gb = tf.tensor1d(wave(5, step + 3).map((v) => v * 1e-3));
      if (step === 2) (optimizer as unknown as { learningRate: number }).learningRate = 0.05;
      optimizer.applyGradients(step === 3 ? [{ name: a.name, tensor: ga }] : [{ name: a.name, tensor: ga }, { name: b.name, tensor: gb }]);
    });
  }
  const weights = [[...(await a.data())], [...(await b.data())]];
  const state = await readOptimizerState(optimizer);
  const moments = await Promise.all(state.weights.slice(1).map(async (w) => [...(await w.tensor.data())]));
  state.release();
  tf.dispose([a, b]);
  return { weights, moments };
}

function expectClose(actual: number[][], expected: number[][], tol: number): void {
  expect(actual.map((r) => r.length)).toEqual(expected.map((r) => r.length));
  actual.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - (expected[i]?.[j] as number))).toBeLessThanOrEqual(tol)));
}

describe.each(['cpu', 'wasm'] as const)('FusedAdamOptimizer on %s', (backend) => {
  afterAll(() => tf.disposeVariables());

  it('uses the fused kernel and matches tf.train.adam over five steps (weights and both moments)', async () => {
    await initBackend({ prefer: backend });
    expect(tf.getKernel(ADAM_UPDATE_KERNEL, backend)).toBeDefined();
    const stock = await fiveSteps(tf.train.adam(0.1, 0.9, 0.999, 1e-7), `${backend}_stock`);
    const before = tf.memory().numTensors;
    const fused = await fiveSteps(new FusedAdamOptimizer(0.1, 0.9, 0.999, 1e-7), `${backend}_fused`);
    // Five variables' worth of optimizer state stay alive (2 moments × 2 variables + accBeta1/2 + iterations are
    // owned by the optimizer, which fiveSteps does not dispose): only compare results here.
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(before);
    expectClose(fused.weights, stock.weights, 2e-6);
    expectClose(fused.moments, stock.moments, 1e-6);
    // The update is not the identity: the first step moves every weight by about the learning rate.
    expect(Math.abs((fused.weights[0]?.[0] as number) - wave(1, 0)[0]!)).toBeGreaterThan(0.1);
  });

  it('leaks no tensors per step and resumes from a checkpoint exactly as an uninterrupted run', async () => {
    await initBackend({ prefer: backend });
    const w = tf.variable(tf.tensor1d(wave(6, 0.5)), true, `${backend}_resume_w`);
    const grad = (step: number) => tf.tensor1d(wave(6, step));
    const optimizer = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    tf.tidy(() => optimizer.applyGradients([{ name: w.name, tensor: grad(0) }])); // creates the moments
    const before = tf.memory().numTensors;
    tf.tidy(() => optimizer.applyGradients([{ name: w.name, tensor: grad(1) }]));
    expect(tf.memory().numTensors).toBe(before);

    const state = await readOptimizerState(optimizer);
    const saved = state.weights.map((x) => ({ name: x.name, tensor: tf.clone(x.tensor) }));
    const wSaved = tf.clone(w);
    state.release();
    tf.tidy(() => optimizer.applyGradients([{ name: w.name, tensor: grad(2) }]));
    const uninterrupted = [...(await w.data())];

    w.assign(wSaved);
    const resumed = new FusedAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    await restoreOptimizerState(resumed, saved, state.extras);
    tf.tidy(() => resumed.applyGradients([{ name: w.name, tensor: grad(2) }]));
    expect([...(await w.data())]).toEqual(uninterrupted);
    tf.dispose([w, wSaved]);
    optimizer.dispose();
    resumed.dispose();
  });
});
