import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gruRecurrenceBptt } from './gru-bptt.js';
import { type GruRecurrentWeights, gruRecurrenceAutodiff } from './gru-recurrence.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';
import { expectClose, seededTensor } from './test-tensors.js';

const [BATCH, TIME, UNITS] = [3, 5, 4];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Impl = (x: tf.Tensor3D, w: GruRecurrentWeights, h0: tf.Tensor2D, mask: tf.Tensor | null, o: RecurrenceOptions) => RecurrenceResult;
const IMPLS: { name: string; impl: Impl }[] = [
  { name: 'bptt', impl: gruRecurrenceBptt },
  { name: 'autodiff batch-major', impl: (...a) => gruRecurrenceAutodiff(...a, 'batch-major') },
];
const VARIANTS = [
  { variant: 'resetBefore', resetAfter: false, bias: false },
  { variant: 'resetAfter', resetAfter: true, bias: true },
  { variant: 'resetAfter, no bias', resetAfter: true, bias: false },
];
const CASES: { name: string; masked: boolean; options: RecurrenceOptions }[] = [
  { name: 'sequences', masked: false, options: { goBackwards: false, returnSequences: true } },
  { name: 'last output', masked: false, options: { goBackwards: false, returnSequences: false } },
  { name: 'masked sequences', masked: true, options: { goBackwards: false, returnSequences: true } },
  { name: 'masked last, backwards', masked: true, options: { goBackwards: true, returnSequences: false } },
];
const MATRIX = IMPLS.flatMap((i) => VARIANTS.flatMap((v) => CASES.map((c) => ({ ...i, ...v, ...c, label: `${i.name}, ${v.variant}, ${c.name}` }))));
const MASK = [[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]];

describe('gruRecurrenceBptt', () => {
  it.each(MATRIX)('gives the outputs and gradients of feature-major autodiff ($label)', async ({ impl, resetAfter, bias, masked, options }) => {
    const xProj = tf.variable(seededTensor([BATCH, TIME, 3 * UNITS], 1, 1.5));
    const u = tf.variable(seededTensor([UNITS, 3 * UNITS], 2, 0.6));
    const b = tf.variable(seededTensor([3 * UNITS], 3, 0.5));
    const h0 = tf.variable(seededTensor([BATCH, UNITS], 4, 0.5));
    const mask = masked ? tf.tensor2d(MASK) : null;
    const probes = [seededTensor([BATCH, TIME, UNITS], 5), seededTensor([BATCH, UNITS], 6)];
    const weights = (): GruRecurrentWeights => ({ recurrentKernel: u as tf.Tensor2D, recurrentBias: bias ? (b as tf.Tensor1D) : null, resetAfter });
    const run = (f: Impl) => () => {
      const { outputs, states } = f(xProj as tf.Tensor3D, weights(), h0 as tf.Tensor2D, mask, options);
      const parts = [...(outputs === null ? [] : [tf.sum(tf.mul(outputs, probes[0]!))]), tf.sum(tf.mul(states[0]!, probes[1]!))];
      return tf.addN(parts) as tf.Scalar;
    };
    const vars = bias ? [xProj, u, b, h0] : [xProj, u, h0];
    const reference = tf.variableGrads(run((...a) => gruRecurrenceAutodiff(...a, 'feature-major')), vars);
    const ours = tf.variableGrads(run(impl), vars);
    await expectClose(ours.value, reference.value);
    for (const v of vars) await expectClose(ours.grads[v.name] as tf.Tensor, reference.grads[v.name] as tf.Tensor);
    const a = gruRecurrenceAutodiff(xProj as tf.Tensor3D, weights(), h0 as tf.Tensor2D, mask, options, 'feature-major');
    const c = impl(xProj as tf.Tensor3D, weights(), h0 as tf.Tensor2D, mask, options);
    expect(c.outputs === null).toBe(a.outputs === null);
    if (a.outputs !== null && c.outputs !== null) await expectClose(c.outputs, a.outputs, 1e-6);
    await expectClose(c.states[0]!, a.states[0]!, 1e-6);
    if (masked && c.outputs !== null) {
      // padded steps output exactly zero
      const rows = (await c.outputs.array()) as number[][][];
      expect(rows[2]!.slice(1).flat().every((v) => v === 0)).toBe(true);
    }
    tf.dispose([xProj, u, b, h0, ...probes, ...(mask ? [mask] : [])]);
  });

  it.each([false, true])('leaves tf.memory().numTensors unchanged around a forward and a gradient (resetAfter %s)', (resetAfter) => {
    const xProj = seededTensor([BATCH, TIME, 3 * UNITS], 1) as tf.Tensor3D;
    const u = tf.variable(seededTensor([UNITS, 3 * UNITS], 2));
    const b = tf.variable(seededTensor([3 * UNITS], 3));
    const h0 = tf.zeros([BATCH, UNITS]) as tf.Tensor2D;
    const mask = tf.tensor2d(MASK);
    const options = { goBackwards: false, returnSequences: true };
    const weights = { recurrentKernel: u as tf.Tensor2D, recurrentBias: resetAfter ? (b as tf.Tensor1D) : null, resetAfter };
    const before = tf.memory().numTensors;
    tf.tidy(() => void gruRecurrenceBptt(xProj, weights, h0, mask, options));
    const { value, grads } = tf.variableGrads(() => tf.sum(gruRecurrenceBptt(xProj, weights, h0, mask, options).outputs!), resetAfter ? [u, b] : [u]);
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xProj, u, b, h0, mask]);
  });
});
