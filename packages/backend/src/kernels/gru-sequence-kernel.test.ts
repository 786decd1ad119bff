import * as tf from '@tensorflow/tfjs';
import { gruRecurrenceFused, hasRecurrenceKernel, rcGRU } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectAllClose,
  lengthsMask,
  outputsAndGrads,
  randomize,
  seeded,
  FUSED_TEST_BACKENDS,
  useFusedKernels,
} from './test-fused-recurrence.js';
import {
  GRU_PROJECTED_SEQUENCE_GRAD_KERNEL,
  GRU_PROJECTED_SEQUENCE_KERNEL,
  GRU_SEQUENCE_GRAD_KERNEL,
  GRU_SEQUENCE_KERNEL,
} from './gru-sequence-kernel.js';
import { loadRecurrenceModule } from './recurrence-module.js';
import { registerRecurrenceKernels } from './register-recurrence-kernels.js';

const UNITS = 6; // not a multiple of 8: exercises the gemm's column tails
const BACKENDS = FUSED_TEST_BACKENDS;
const VARIANTS = [
  ['resetAfter false', false],
  ['resetAfter true', true],
] as const;

useFusedKernels([
  GRU_SEQUENCE_KERNEL,
  GRU_SEQUENCE_GRAD_KERNEL,
  GRU_PROJECTED_SEQUENCE_KERNEL,
  GRU_PROJECTED_SEQUENCE_GRAD_KERNEL,
]);

const CASES: [string, Record<string, unknown>, (n: number) => Record<string, unknown>][] = [
  ['unmasked, returnSequences + returnState', { returnSequences: true, returnState: true }, () => ({})],
  [
    'masked, returnSequences + returnState',
    { returnSequences: true, returnState: true },
    (time) => ({ mask: lengthsMask([time, 4, 1, time - 2, 2], time) }),
  ],
  [
    'masked, goBackwards, returnSequences',
    { returnSequences: true, goBackwards: true },
    (time) => ({ mask: lengthsMask([time, 3, 1, 5, 2], time) }),
  ],
  ['unmasked, goBackwards, last output', { goBackwards: true }, () => ({})],
];
const MATRIX = VARIANTS.flatMap(([variant, resetAfter]) =>
  CASES.map(([name, args, kwargs]) => [`${variant}, ${name}`, { ...args, resetAfter }, kwargs] as const),
);

describe.each(BACKENDS)('fused GRU kernels on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it('are registered and run instead of the per-step ops; the layer projects its inputs inside the kernels', async () => {
    expect(hasRecurrenceKernel(GRU_SEQUENCE_KERNEL)).toBe(true);
    const layer = rcGRU({ units: UNITS });
    const x = seeded([2, 5, 3], 1);
    const info = await tf.profile(() => layer.apply(x) as tf.Tensor);
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain(GRU_PROJECTED_SEQUENCE_KERNEL);
    expect(names.filter((n) => n === 'Sigmoid' || n === 'BatchMatMul' || n === '_FusedMatMul')).toEqual([]);
    const backward = await tf.profile(() =>
      tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x),
    );
    expect(backward.kernels.map((k) => k.name)).toContain(GRU_PROJECTED_SEQUENCE_GRAD_KERNEL);
    tf.dispose([x, info.result as tf.Tensor, backward.result as tf.Tensor]);
  });

  it.each(VARIANTS)(
    'projecting inside the kernels equals projecting first (%s): outputs and every gradient, masked, both directions',
    async (_, resetAfter) => {
      const time = 9;
      const x = tf.variable(seeded([5, time, 11], 3));
      const mask = lengthsMask([time, 4, 1, time - 2, 2], time);
      for (const goBackwards of [false, true]) {
        const layer = rcGRU({
          units: UNITS,
          returnSequences: true,
          returnState: true,
          goBackwards,
          resetAfter,
        });
        layer.apply(x);
        randomize(layer, 30);
        const projected = outputsAndGrads(true, layer, x, { mask });
        // The same maths through the plain fused kernels: xProj = x W + b_in first, then RcGruSequence.
        const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
        const [w, u, b] = weights as [tf.Variable, tf.Variable, tf.Variable];
        const loss = () => {
          const inBias = resetAfter ? tf.reshape(tf.slice(b, [0, 0], [1, -1]), [-1]) : b;
          const recBias = resetAfter ? (tf.reshape(tf.slice(b, [1, 0], [1, -1]), [-1]) as tf.Tensor1D) : null;
          const xProj = tf.reshape(tf.add(tf.matMul(tf.reshape(x, [-1, 11]), w), inBias), [
            5,
            time,
            3 * UNITS,
          ]) as tf.Tensor3D;
          const h0 = tf.zeros([5, UNITS]) as tf.Tensor2D;
          const { outputs, states } = gruRecurrenceFused(
            xProj,
            { recurrentKernel: u as tf.Tensor as tf.Tensor2D, recurrentBias: recBias, resetAfter },
            h0,
            mask,
            { goBackwards, returnSequences: true },
          );
          const all = [outputs as tf.Tensor, ...states];
          return tf.addN(all.map((o, i) => tf.sum(tf.mul(o, seeded(o.shape, 900 + i))))) as tf.Scalar;
        };
        const { value, grads } = tf.variableGrads(loss, [x, ...weights]);
        const plain = [value, ...[x, ...weights].map((v) => grads[v.name] as tf.Tensor)];
        await expectAllClose(projected.slice(2), plain, 1e-5, true);
        tf.dispose([...projected, ...plain]);
      }
      tf.dispose([x, mask]);
    },
  );

  it.each(MATRIX)(
    '%s: outputs, states and every gradient match the composite path within 1e-5',
    async (_, args, kwargs) => {
      const time = 7;
      const x = tf.variable(seeded([5, time, 3], 2));
      const layer = rcGRU({ units: UNITS, ...args });
      layer.apply(x);
      randomize(layer, 20);
      const fused = outputsAndGrads(true, layer, x, kwargs(time));
      const composite = outputsAndGrads(false, layer, x, kwargs(time));
      await expectAllClose(fused, composite);
      tf.dispose([x, ...fused, ...composite]);
    },
  );

  it.each(VARIANTS)(
    '%s, initial state: outputs and the gradient w.r.t. h0 match the composite path',
    async (_, resetAfter) => {
      const x = tf.variable(seeded([4, 6, 3], 3));
      const h0 = tf.variable(seeded([4, UNITS], 4, 0.5));
      const layer = rcGRU({ units: UNITS, resetAfter, returnSequences: true, returnState: true });
      layer.apply(x);
      randomize(layer, 30);
      const kwargs = { initialState: [h0], mask: lengthsMask([6, 0, 2, 5], 6) };
      const fused = outputsAndGrads(true, layer, x, kwargs, [h0]);
      const composite = outputsAndGrads(false, layer, x, kwargs, [h0]);
      await expectAllClose(fused, composite);
      tf.dispose([x, h0, ...fused, ...composite]);
    },
  );

  // tf.layers.gru has no resetAfter; that variant is checked against the composite path above.
  it('matches tf.layers.gru (sigmoid gates, copied weights) within 1e-5 of the magnitudes, 40 steps of 32 × 17 units', async () => {
    const x = tf.variable(seeded([32, 40, 9], 6));
    const ours = rcGRU({ units: 17, returnSequences: true });
    const theirs = tf.layers.gru({ units: 17, returnSequences: true, recurrentActivation: 'sigmoid' });
    ours.apply(x);
    theirs.apply(x);
    randomize(ours, 40);
    theirs.setWeights(ours.getWeights());
    const a = outputsAndGrads(true, ours, x, {});
    const b = outputsAndGrads(true, theirs as never, x, {});
    await expectAllClose(a, b, 1e-5, true);
    tf.dispose([x, ...a, ...b]);
  });

  it('a one-step sequence (masked and not) matches the composite path', async () => {
    const x = tf.variable(seeded([3, 1, 4], 12));
    const layer = rcGRU({ units: 5, returnSequences: true, returnState: true });
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
      const layer = rcGRU({
        units: 7,
        returnSequences: true,
        returnState: true,
        goBackwards,
        resetAfter: true,
      });
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

  it.each(VARIANTS)(
    'the carried state gradient halves exactly per step and is flushed to 0 below 1e-20 (%s)',
    async (_, resetAfter) => {
      // Zero weights: z = σ(0) = ½ and U = 0, so ∂h_T/∂h_0 = 2^−T exactly. 2^−40 is carried;
      // 2^−90 ≈ 8e-28 must be 0 (a tiny state gradient makes denormal products in the next steps).
      const layer = rcGRU({ units: UNITS, resetAfter });
      const h0 = tf.ones([2, UNITS]);
      for (const [time, expected] of [
        [40, 2 ** -40],
        [90, 0],
      ] as const) {
        const x = seeded([2, time, 3], 4);
        layer.apply(x, { initialState: h0 });
        layer.setWeights(layer.getWeights().map((w) => tf.zerosLike(w)));
        const dh0 = tf.grad((h: tf.Tensor) => tf.sum(layer.apply(x, { initialState: h }) as tf.Tensor))(h0);
        expect(Array.from(await dh0.data())).toEqual(new Array(2 * UNITS).fill(expected));
        tf.dispose([x, dh0]);
      }
      h0.dispose();
    },
  );

  it('leaves tf.memory().numTensors unchanged around calls and training steps', () => {
    const x = seeded([3, 5, 2], 9);
    const mask = lengthsMask([5, 3, 1], 5);
    const layer = rcGRU({ units: UNITS, resetAfter: true, returnSequences: true });
    const optimizer = tf.train.sgd(0.1);
    const step = () =>
      tf.dispose(
        optimizer.minimize(
          () => tf.sum(layer.apply(x, { mask }) as tf.Tensor) as tf.Scalar,
          true,
        ) as tf.Scalar,
      );
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
