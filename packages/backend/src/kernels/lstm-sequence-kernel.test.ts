import * as tf from '@tensorflow/tfjs';
import { hasRecurrenceKernel, lstmRecurrenceFused, rcLSTM } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAllClose, lengthsMask, outputsAndGrads, randomize, seeded, FUSED_TEST_BACKENDS, useFusedKernels } from './test-fused-recurrence.js';
import {
  LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL,
  LSTM_PROJECTED_SEQUENCE_KERNEL,
  LSTM_SEQUENCE_GRAD_KERNEL,
  LSTM_SEQUENCE_KERNEL,
} from './lstm-sequence-kernel.js';
import { loadRecurrenceModule } from './recurrence-module.js';
import { registerRecurrenceKernels } from './register-recurrence-kernels.js';

const UNITS = 6; // not a multiple of 8: exercises the gemm's column tails
const BACKENDS = FUSED_TEST_BACKENDS;

useFusedKernels([LSTM_SEQUENCE_KERNEL, LSTM_SEQUENCE_GRAD_KERNEL, LSTM_PROJECTED_SEQUENCE_KERNEL, LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL]);

const CASES: [string, Record<string, unknown>, (n: number) => Record<string, unknown>][] = [
  ['unmasked, returnSequences + returnState', { returnSequences: true, returnState: true }, () => ({})],
  ['masked, returnSequences + returnState', { returnSequences: true, returnState: true }, (time) => ({ mask: lengthsMask([time, 4, 1, time - 2, 2], time) })],
  ['masked, goBackwards, returnSequences', { returnSequences: true, goBackwards: true }, (time) => ({ mask: lengthsMask([time, 3, 1, 5, 2], time) })],
  ['unmasked, goBackwards, last output + states', { returnState: true, goBackwards: true }, () => ({})],
  ['masked, last output', {}, (time) => ({ mask: lengthsMask([2, time, 1, 4, 3], time) })],
];

describe.each(BACKENDS)('fused LSTM kernels on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it('are registered and run instead of the per-step ops; the layer projects its inputs inside the kernels', async () => {
    expect(hasRecurrenceKernel(LSTM_SEQUENCE_KERNEL)).toBe(true);
    const layer = rcLSTM({ units: UNITS });
    const x = seeded([2, 5, 3], 1);
    const info = await tf.profile(() => layer.apply(x) as tf.Tensor);
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain(LSTM_PROJECTED_SEQUENCE_KERNEL);
    expect(names.filter((n) => n === 'Sigmoid' || n === 'BatchMatMul' || n === '_FusedMatMul')).toEqual([]);
    const backward = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x));
    const backNames = backward.kernels.map((k) => k.name);
    expect(backNames).toContain(LSTM_PROJECTED_SEQUENCE_GRAD_KERNEL);
    expect(backNames.filter((n) => n === 'BatchMatMul' || n === '_FusedMatMul')).toEqual([]);
    tf.dispose([x, info.result as tf.Tensor, backward.result as tf.Tensor]);
  });

  it.each([true, false])('projecting inside the kernels equals projecting first (useBias %s): outputs and every gradient, masked, both directions', async (useBias) => {
    const time = 9;
    const x = tf.variable(seeded([5, time, 11], 3));
    const mask = lengthsMask([time, 4, 1, time - 2, 2], time);
    for (const goBackwards of [false, true]) {
      const layer = rcLSTM({ units: UNITS, returnSequences: true, returnState: true, goBackwards, useBias });
      layer.apply(x);
      randomize(layer, 30);
      const projected = outputsAndGrads(true, layer, x, { mask });
      // The same maths through the plain fused kernels: xProj = x W + b first, then RcLstmSequence.
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const [w, u, b] = weights as [tf.Variable, tf.Variable, tf.Variable | undefined];
      const loss = () => {
        const xProj = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [-1, 11]), w), b ?? 0), [5, time, 4 * UNITS]) as tf.Tensor3D;
        const zeros = tf.zeros([5, UNITS]) as tf.Tensor2D;
        const { outputs, states } = lstmRecurrenceFused(xProj, u as tf.Tensor as tf.Tensor2D, zeros, zeros, mask, { goBackwards, returnSequences: true });
        const all = [outputs as tf.Tensor, ...states];
        return tf.addN(all.map((o, i) => tf.sum(tf.mul(o, seeded(o.shape, 900 + i))))) as tf.Scalar;
      };
      const { value, grads } = tf.variableGrads(loss, [x, ...weights]);
      const plain = [value, ...[x, ...weights].map((v) => grads[v.name] as tf.Tensor)];
      await expectAllClose(projected.slice(3), plain, 1e-5, true);
      tf.dispose([...projected, ...plain]);
    }
    tf.dispose([x, mask]);
  });

  it.each(CASES)('%s: outputs, states and every gradient match the composite path within 1e-5', async (_, args, kwargs) => {
    const time = 7;
    const x = tf.variable(seeded([5, time, 3], 2));
    const layer = rcLSTM({ units: UNITS, ...args });
    layer.apply(x);
    randomize(layer, 20);
    const fused = outputsAndGrads(true, layer, x, kwargs(time));
    const composite = outputsAndGrads(false, layer, x, kwargs(time));
    await expectAllClose(fused, composite);
    tf.dispose([x, ...fused, ...composite]);
  });

  it('initial states: outputs and gradients w.r.t. h0 and c0 match the composite path', async () => {
    const x = tf.variable(seeded([4, 6, 3], 3));
    const h0 = tf.variable(seeded([4, UNITS], 4, 0.5));
    const c0 = tf.variable(seeded([4, UNITS], 5, 0.5));
    const layer = rcLSTM({ units: UNITS, returnSequences: true, returnState: true });
    layer.apply(x);
    randomize(layer, 30);
    const kwargs = { initialState: [h0, c0], mask: lengthsMask([6, 0, 2, 5], 6) };
    const fused = outputsAndGrads(true, layer, x, kwargs, [h0, c0]);
    const composite = outputsAndGrads(false, layer, x, kwargs, [h0, c0]);
    await expectAllClose(fused, composite);
    tf.dispose([x, h0, c0, ...fused, ...composite]);
  });

  it('matches tf.layers.lstm (sigmoid gates, copied weights): outputs and gradients within 1e-5 of their magnitude, 40 steps of 32 × 17 units', async () => {
    const x = tf.variable(seeded([32, 40, 9], 6));
    const ours = rcLSTM({ units: 17, returnSequences: true });
    const theirs = tf.layers.lstm({ units: 17, returnSequences: true, recurrentActivation: 'sigmoid' });
    ours.apply(x);
    theirs.apply(x);
    randomize(ours, 40);
    theirs.setWeights(ours.getWeights());
    const a = outputsAndGrads(true, ours, x, {});
    const b = outputsAndGrads(true, theirs as never, x, {});
    await expectAllClose(a, b, 1e-5, true);
    tf.dispose([x, ...a, ...b]);
  });

  it('recurrent-kernel gradient agrees with central differences', async () => {
    const x = seeded([2, 4, 2], 7);
    const mask = lengthsMask([4, 2], 4);
    const layer = rcLSTM({ units: 3 });
    layer.apply(x);
    randomize(layer, 50);
    const weights = layer.getWeights();
    const loss = (u: tf.Tensor) => {
      layer.setWeights([weights[0] as tf.Tensor, u, weights[2] as tf.Tensor]);
      return tf.tidy(() => tf.sum(tf.mul(layer.apply(x, { mask }) as tf.Tensor, seeded([2, 3], 8))).dataSync()[0] as number);
    };
    const u = weights[1] as tf.Tensor;
    const uVar = tf.variable(u);
    layer.setWeights([weights[0] as tf.Tensor, uVar, weights[2] as tf.Tensor]);
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { mask }) as tf.Tensor, seeded([2, 3], 8))) as tf.Scalar, [
      layer.trainableWeights[1]!.read() as tf.Variable,
    ]);
    const analytic = await (Object.values(grads)[0] as tf.Tensor).data();
    const base = await u.data();
    const eps = 1e-2;
    for (const idx of [0, 5, 17, 35]) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[idx] = (plus[idx] as number) + eps;
      minus[idx] = (minus[idx] as number) - eps;
      const numeric = (loss(tf.tensor(plus, u.shape)) - loss(tf.tensor(minus, u.shape))) / (2 * eps);
      expect(Math.abs(numeric - (analytic[idx] as number))).toBeLessThan(2e-3);
    }
    tf.dispose([x, mask, uVar]);
  });

  it('a one-step sequence (masked and not) matches the composite path', async () => {
    const x = tf.variable(seeded([3, 1, 4], 12));
    const layer = rcLSTM({ units: 5, returnSequences: true, returnState: true });
    layer.apply(x);
    randomize(layer, 70);
    for (const kwargs of [{}, { mask: lengthsMask([1, 0, 1], 1) }]) {
      const fused = outputsAndGrads(true, layer, x, kwargs);
      const composite = outputsAndGrads(false, layer, x, kwargs);
      await expectAllClose(fused, composite);
      tf.dispose([...fused, ...composite]);
    }
    x.dispose();
  });

  it('two threads (batch rows split with a helper thread) give the numbers of one, masked, both directions', async () => {
    expect((await loadRecurrenceModule({ threads: 2 })).threads).toBe(2); // Node: a helper thread runs
    const x = tf.variable(seeded([9, 6, 3], 13));
    const mask = lengthsMask([6, 2, 6, 1, 5, 6, 3, 6, 4], 6);
    for (const goBackwards of [false, true]) {
      const layer = rcLSTM({ units: 7, returnSequences: true, returnState: true, goBackwards });
      layer.apply(x);
      randomize(layer, 80);
      await registerRecurrenceKernels(backend, { threads: 2 });
      const two = outputsAndGrads(true, layer, x, { mask });
      await registerRecurrenceKernels(backend, { threads: 1 });
      const one = outputsAndGrads(true, layer, x, { mask });
      await expectAllClose(two, one);
      tf.dispose([...two, ...one]);
    }
    tf.dispose([x, mask]);
  });

  it('leaves tf.memory().numTensors unchanged around calls and training steps', () => {
    const x = seeded([3, 5, 2], 9);
    const mask = lengthsMask([5, 3, 1], 5);
    const layer = rcLSTM({ units: UNITS, returnSequences: true });
    const optimizer = tf.train.sgd(0.1);
    const step = () => tf.dispose(optimizer.minimize(() => tf.sum(layer.apply(x, { mask }) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    tf.dispose(layer.apply(x) as tf.Tensor);
    step();
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x, { mask }) as tf.Tensor);
    tf.dispose(layer.apply(x) as tf.Tensor);
    step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
  });
});
