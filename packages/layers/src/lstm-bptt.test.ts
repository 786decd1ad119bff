import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lstmRecurrenceBptt } from './lstm-bptt.js';
import { lstmRecurrenceAutodiff } from './lstm-recurrence.js';
import { RECURRENCE_LAYOUTS, type RecurrenceLayout } from './recurrence-layout.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';
import { expectClose, seededTensor } from './test-tensors.js';

const [BATCH, TIME, UNITS] = [3, 5, 4];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CASES: { name: string; masked: boolean; options: RecurrenceOptions }[] = [
  { name: 'sequences', masked: false, options: { goBackwards: false, returnSequences: true } },
  { name: 'last output', masked: false, options: { goBackwards: false, returnSequences: false } },
  { name: 'masked sequences', masked: true, options: { goBackwards: false, returnSequences: true } },
  { name: 'masked, backwards', masked: true, options: { goBackwards: true, returnSequences: true } },
];

type Impl = (x: tf.Tensor3D, u: tf.Tensor2D, h0: tf.Tensor2D, c0: tf.Tensor2D, mask: tf.Tensor | null, o: RecurrenceOptions) => RecurrenceResult;
/** The reference: autodiff through the feature-major time loop. */
const lstmRecurrence: Impl = (...a) => lstmRecurrenceAutodiff(...a, 'feature-major');
const IMPLS: { name: string; layout: RecurrenceLayout; impl: Impl }[] = [
  ...RECURRENCE_LAYOUTS.map((layout) => ({ name: `bptt ${layout}`, layout, impl: ((...a) => lstmRecurrenceBptt(...a, layout)) as Impl })),
  { name: 'autodiff batch-major', layout: 'batch-major', impl: (...a) => lstmRecurrenceAutodiff(...a, 'batch-major') },
];
const MATRIX = IMPLS.flatMap((impl) => CASES.map((c) => ({ ...c, ...impl, label: `${impl.name}, ${c.name}` })));

describe('lstmRecurrenceBptt', () => {
  it.each(MATRIX)('gives the outputs and gradients of feature-major autodiff ($label)', async ({ masked, options, impl }) => {
    const xProj = tf.variable(seededTensor([BATCH, TIME, 4 * UNITS], 1, 1.5));
    const u = tf.variable(seededTensor([UNITS, 4 * UNITS], 2, 0.6));
    const h0 = tf.variable(seededTensor([BATCH, UNITS], 3, 0.5));
    const c0 = tf.variable(seededTensor([BATCH, UNITS], 4, 0.5));
    const mask = masked ? tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]) : null;
    const probes = [seededTensor([BATCH, TIME, UNITS], 5), seededTensor([BATCH, UNITS], 6), seededTensor([BATCH, UNITS], 7)];
    const run = (impl: typeof lstmRecurrence) => () => {
      const { outputs, states } = impl(xProj as tf.Tensor3D, u as tf.Tensor2D, h0 as tf.Tensor2D, c0 as tf.Tensor2D, mask, options);
      const parts = [...(outputs === null ? [] : [tf.sum(tf.mul(outputs, probes[0]!))]), tf.sum(tf.mul(states[0]!, probes[1]!)), tf.sum(tf.mul(states[1]!, probes[2]!))];
      return tf.addN(parts) as tf.Scalar;
    };
    const vars = [xProj, u, h0, c0];
    const reference = tf.variableGrads(run(lstmRecurrence), vars);
    const ours = tf.variableGrads(run(impl), vars);
    await expectClose(ours.value, reference.value);
    for (const v of vars) await expectClose(ours.grads[v.name] as tf.Tensor, reference.grads[v.name] as tf.Tensor);
    const a = lstmRecurrence(xProj as tf.Tensor3D, u as tf.Tensor2D, h0 as tf.Tensor2D, c0 as tf.Tensor2D, mask, options);
    const b = impl(xProj as tf.Tensor3D, u as tf.Tensor2D, h0 as tf.Tensor2D, c0 as tf.Tensor2D, mask, options);
    if (a.outputs !== null && b.outputs !== null) await expectClose(b.outputs, a.outputs, 1e-6);
    expect(b.outputs === null).toBe(a.outputs === null);
    for (let s = 0; s < 2; s++) await expectClose(b.states[s]!, a.states[s]!, 1e-7);
    tf.dispose([...vars, ...probes, ...(mask ? [mask] : [])]);
  });

  it.each(RECURRENCE_LAYOUTS)('leaves tf.memory().numTensors unchanged around a forward and a gradient (%s)', (layout) => {
    const xProj = seededTensor([BATCH, TIME, 4 * UNITS], 1) as tf.Tensor3D;
    const u = tf.variable(seededTensor([UNITS, 4 * UNITS], 2));
    const h0 = tf.zeros([BATCH, UNITS]) as tf.Tensor2D;
    const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]);
    const options = { goBackwards: false, returnSequences: true };
    const before = tf.memory().numTensors;
    tf.tidy(() => void lstmRecurrenceBptt(xProj, u as tf.Tensor2D, h0, h0, mask, options, layout));
    const { value, grads } = tf.variableGrads(() => tf.sum(lstmRecurrenceBptt(xProj, u as tf.Tensor2D, h0, h0, mask, options, layout).outputs!), [u]);
    tf.dispose([value, grads]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([xProj, u, h0, mask]);
  });
});
