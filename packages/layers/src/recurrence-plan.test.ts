import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';
import { rcSimpleRNN } from './rc-simple-rnn.js';
import { type RecurrencePlan, currentRecurrencePlan, recurrencePlanFor, setRecurrencePlan } from './recurrence-layout.js';
import type { RcRecurrentLayer } from './recurrent-layer.js';
import { expectClose, randomizeWeights, seededTensor } from './test-tensors.js';

const UNITS = 3;
const PLANS: RecurrencePlan[] = [
  { layout: 'feature-major', bptt: false, fused: false },
  { layout: 'feature-major', bptt: true, fused: false },
  { layout: 'batch-major', bptt: false, fused: false },
  { layout: 'batch-major', bptt: true, fused: false },
];
const REFERENCE: RecurrencePlan = { layout: 'feature-major', bptt: false, fused: false };
const KINDS: { name: string; make: (a: Record<string, unknown>) => RcRecurrentLayer; numStates: number }[] = [
  { name: 'RcSimpleRNN', make: (a) => rcSimpleRNN({ units: UNITS, ...a }), numStates: 1 },
  { name: 'RcGRU', make: (a) => rcGRU({ units: UNITS, ...a }), numStates: 1 },
  { name: 'RcGRU resetAfter', make: (a) => rcGRU({ units: UNITS, resetAfter: true, ...a }), numStates: 1 },
  { name: 'RcLSTM', make: (a) => rcLSTM({ units: UNITS, ...a }), numStates: 2 },
];
const MATRIX = PLANS.flatMap((plan) => KINDS.map((kind) => ({ plan, kind, label: `${kind.name}, ${plan.layout}${plan.bptt ? ' + BPTT' : ''}` })));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setRecurrencePlan(null));

/** Outputs, weighted loss and gradients (input and every weight) of `layer` on `x` under `plan`. */
function run(plan: RecurrencePlan, layer: RcRecurrentLayer, x: tf.Variable, kwargs: Record<string, unknown>) {
  setRecurrencePlan(plan);
  const outputs = () => {
    const y = layer.apply(x, kwargs);
    return Array.isArray(y) ? (y as tf.Tensor[]) : [y as tf.Tensor];
  };
  const loss = () => tf.addN(outputs().map((o, i) => tf.sum(tf.mul(o, seededTensor(o.shape, 900 + i))))) as tf.Scalar;
  const { value, grads } = tf.variableGrads(loss, [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)]);
  return { outputs: outputs(), value, grads: Object.values(grads) };
}

describe('recurrence plans', () => {
  it('picks feature-major autodiff on cpu and batch-major BPTT elsewhere, and validates overrides', () => {
    expect(recurrencePlanFor('cpu')).toEqual({ layout: 'feature-major', bptt: false, fused: true });
    expect(recurrencePlanFor('wasm')).toEqual({ layout: 'batch-major', bptt: true, fused: true });
    expect(currentRecurrencePlan()).toEqual({ layout: 'feature-major', bptt: false, fused: true });
    setRecurrencePlan({ layout: 'batch-major' });
    expect(currentRecurrencePlan()).toEqual({ layout: 'batch-major', bptt: false, fused: true });
    expect(() => setRecurrencePlan({ layout: 'diagonal' as never })).toThrowError(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/recurrence layout.*"diagonal".*allowed: feature-major, batch-major/) }),
    );
  });

  it.each(MATRIX)('$label: same outputs, states and gradients as feature-major autodiff (mask, initial state, backwards)', async ({ plan, kind }) => {
    const x = tf.variable(seededTensor([3, 5, 2], 1));
    const mask = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 1, 0, 0], [1, 0, 0, 0, 0]]);
    const initialState = Array.from({ length: kind.numStates }, (_, s) => seededTensor([3, UNITS], 50 + s));
    for (const [args, kwargs] of [
      [{ returnSequences: true, returnState: true }, { mask }],
      [{ returnSequences: false, returnState: true }, { initialState }],
      [{ returnSequences: true, goBackwards: true }, { mask }],
    ] as [Record<string, unknown>, Record<string, unknown>][]) {
      const layer = kind.make(args);
      layer.apply(x);
      randomizeWeights(layer, 10);
      const ours = run(plan, layer, x, kwargs);
      const reference = run(REFERENCE, layer, x, kwargs);
      expect(ours.outputs).toHaveLength(reference.outputs.length);
      for (let i = 0; i < ours.outputs.length; i++) await expectClose(ours.outputs[i]!, reference.outputs[i]!);
      await expectClose(ours.value, reference.value);
      expect(ours.grads).toHaveLength(reference.grads.length);
      for (let i = 0; i < ours.grads.length; i++) await expectClose(ours.grads[i]!, reference.grads[i]!);
    }
    tf.dispose([x, mask, ...initialState]);
  });

  it.each(KINDS)('$name, batch-major + BPTT: 37 steps (reads across several chunks) match feature-major autodiff', async (kind) => {
    const x = tf.variable(seededTensor([2, 37, 2], 3));
    const lengths = [37, 20];
    const mask = tf.tensor2d(lengths.map((len) => Array.from({ length: 37 }, (_, t) => (t < len ? 1 : 0))));
    const layer = kind.make({ returnSequences: true, returnState: true });
    layer.apply(x);
    randomizeWeights(layer, 11);
    const ours = run({ layout: 'batch-major', bptt: true, fused: false }, layer, x, { mask });
    const reference = run(REFERENCE, layer, x, { mask });
    for (let i = 0; i < ours.outputs.length; i++) await expectClose(ours.outputs[i]!, reference.outputs[i]!);
    for (let i = 0; i < ours.grads.length; i++) await expectClose(ours.grads[i]!, reference.grads[i]!);
    tf.dispose([x, mask]);
  });

  it.each(MATRIX)('$label: leaves tf.memory().numTensors unchanged around calls and a training step', ({ plan, kind }) => {
    setRecurrencePlan(plan);
    const x = seededTensor([2, 4, 2], 1);
    const mask = tf.tensor2d([[1, 1, 1, 0], [1, 0, 0, 0]]);
    const layer = kind.make({ returnSequences: true });
    const step = () => tf.dispose(optimizer.minimize(() => tf.sum(layer.apply(x, { mask }) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const optimizer = tf.train.sgd(0.1);
    step();
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x, { mask }) as tf.Tensor);
    step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
  });
});
