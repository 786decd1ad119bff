import * as tf from '@tensorflow/tfjs';
import { hasRecurrenceKernel, rcMinGRU, rcMinLSTM } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINEAR_SCAN_KERNEL } from './linear-scan-kernel.js';
import {
  MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_GRU_PROJECTED_SCAN_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_KERNEL,
} from './min-rnn-kernel.js';
import { loadRecurrenceModule } from './recurrence-module.js';
import { registerRecurrenceKernels } from './register-recurrence-kernels.js';
import {
  expectAllClose,
  FUSED_TEST_BACKENDS,
  lengthsMask,
  outputsAndGrads,
  randomize,
  seeded,
  useFusedKernels,
} from './test-fused-recurrence.js';

useFusedKernels([
  MIN_GRU_PROJECTED_SCAN_KERNEL,
  MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_KERNEL,
  MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
]);

/** Each minimal RNN with its fused kernels. */
const CELLS = [
  {
    cell: 'minGRU',
    make: rcMinGRU,
    forward: MIN_GRU_PROJECTED_SCAN_KERNEL,
    backward: MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL,
  },
  {
    cell: 'minLSTM',
    make: rcMinLSTM,
    forward: MIN_LSTM_PROJECTED_SCAN_KERNEL,
    backward: MIN_LSTM_PROJECTED_SCAN_GRAD_KERNEL,
  },
] as const;
const MATRIX = FUSED_TEST_BACKENDS.flatMap((backend) => CELLS.map((c) => ({ backend, ...c })));

describe.each(MATRIX)(
  'fused $cell kernels on $backend',
  ({ backend, make, forward: FORWARD, backward: BACKWARD }) => {
    beforeAll(async () => {
      await tf.setBackend(backend);
    });

    it('replaces the projection matMuls, the coefficient ops and the linear scan (one kernel forward, one backward)', async () => {
      expect(hasRecurrenceKernel(FORWARD)).toBe(true);
      const x = seeded([2, 7, 3], 1);
      const layer = make({ units: 5, returnSequences: true });
      const forward = await tf.profile(() => layer.apply(x) as tf.Tensor);
      const names = forward.kernels.map((k) => k.name);
      expect(names).toContain(FORWARD);
      expect(
        names.filter(
          (n) => n === LINEAR_SCAN_KERNEL || n === 'Sigmoid' || n === 'BatchMatMul' || n === '_FusedMatMul',
        ),
      ).toEqual([]);
      const backward = await tf.profile(() =>
        tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x),
      );
      const backwardNames = backward.kernels.map((k) => k.name);
      expect(backwardNames).toContain(BACKWARD);
      expect(backwardNames.filter((n) => n === 'BatchMatMul' || n === '_FusedMatMul')).toEqual([]);
      tf.dispose([x, forward.result as tf.Tensor, backward.result as tf.Tensor]);
    });

    it.each([
      ['no mask, training (projections saved)', undefined, true, true],
      ['no mask, not training (projections recomputed)', undefined, false, true],
      ['masked (lengths 37, 20, 1), training', [37, 20, 1], true, true],
      ['masked (lengths 37, 20, 1), not training', [37, 20, 1], false, true],
      ['no bias, masked, training', [37, 20, 1], true, false],
    ] as const)(
      '%s: outputs and every gradient match the composite scan within 1e-5 (37 steps, 3 × 6 units: lane tails)',
      async (_, lengths, training, useBias) => {
        const x = tf.variable(seeded([3, 37, 4], 4, 2));
        const h0 = tf.variable(seeded([3, 6], 5));
        const layer = make({ units: 6, returnSequences: true, returnState: true, useBias });
        layer.apply(x);
        randomize(layer, 70);
        const kwargs = {
          initialState: h0,
          training,
          ...(lengths === undefined ? {} : { mask: lengthsMask([...lengths], 37) }),
        };
        const fused = outputsAndGrads(true, layer, x, kwargs, [h0]);
        const composite = outputsAndGrads(false, layer, x, kwargs, [h0]);
        await expectAllClose(fused, composite, 1e-5, true);
        tf.dispose([x, h0, ...fused, ...composite]);
      },
    );

    it('a projection wider than the gemm blocks (600 steps × 5 rows × 40 inputs → 2 × 36 units) matches the composite path, and two threads give the numbers of one', async () => {
      expect((await loadRecurrenceModule({ threads: 2 })).threads).toBe(2); // Node: a helper thread runs
      const x = tf.variable(seeded([5, 600, 40], 8));
      const mask = lengthsMask([600, 17, 599, 1, 300], 600);
      const layer = make({ units: 36 });
      layer.apply(x);
      randomize(layer, 90);
      const kwargs = { training: true, mask };
      await registerRecurrenceKernels(backend, { threads: 2 });
      const two = outputsAndGrads(true, layer, x, kwargs);
      await registerRecurrenceKernels(backend, { threads: 1 });
      const one = outputsAndGrads(true, layer, x, kwargs);
      const composite = outputsAndGrads(false, layer, x, kwargs);
      await expectAllClose(one, composite, 1e-5, true);
      await expectAllClose(two, one);
      tf.dispose([x, mask, ...two, ...one, ...composite]);
    });

    it("saturated gates (pre-activations up to ±100: minLSTM's log space) match the composite path within 1e-5", async () => {
      const x = tf.variable(seeded([3, 20, 3], 14));
      const layer = make({ units: 4, returnSequences: true });
      layer.apply(x);
      randomize(layer, 15);
      layer.setWeights(layer.getWeights().map((w) => tf.mul(w, 60)));
      const kwargs = { training: true, mask: lengthsMask([20, 9, 3], 20) };
      const fused = outputsAndGrads(true, layer, x, kwargs);
      const composite = outputsAndGrads(false, layer, x, kwargs);
      await expectAllClose(fused, composite, 1e-5, true);
      tf.dispose([x, ...fused, ...composite]);
    });

    it('matches sequential mode, which never uses the kernel (within 1e-5)', async () => {
      const x = seeded([2, 13, 3], 6);
      const parallel = make({ units: 4, returnSequences: true, mode: 'parallel' });
      const sequential = make({ units: 4, returnSequences: true, mode: 'sequential' });
      parallel.apply(x);
      sequential.apply(x);
      randomize(parallel, 80);
      sequential.setWeights(parallel.getWeights());
      await expectAllClose([parallel.apply(x) as tf.Tensor], [sequential.apply(x) as tf.Tensor]);
      x.dispose();
    });

    it('flushes gradients that decay below 1e-20 to exactly 0 (no denormals; minGRU kernels, W = I)', async () => {
      // With W = I (no bias), x = [kz | kh] and dx = [dkz | dkh]. a = σ(−kz) = 0.95 per step: the
      // last step's gradient reaches step 0 as 0.95^1499 ≈ 1e-34.
      const [time, n] = [1500, 5];
      const x = tf.concat([tf.fill([time, 1, n], -2.944), tf.fill([time, 1, n], 0.3)], 2);
      const w = tf.eye(2 * n);
      const h0 = tf.zeros([1, n]);
      const [h] = tf.engine().runKernel(MIN_GRU_PROJECTED_SCAN_KERNEL, { x, w, h0 }) as tf.Tensor[];
      const dy = tf.concat([tf.zeros([time - 1, 1, n]), tf.ones([1, 1, n])]);
      const grads = tf
        .engine()
        .runKernel(MIN_GRU_PROJECTED_SCAN_GRAD_KERNEL, { x, w, h: h as tf.Tensor, h0, dy }) as tf.Tensor[];
      const [dx, , , dh0] = grads as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const rows = (await dx.array()) as number[][][];
      const dkh = rows.map((r) => (r[0] as number[])[n] as number);
      const all = rows.flatMap((r) => r[0] as number[]);
      expect(dkh[0]).toBe(0);
      expect(dkh[time - 1]).toBeGreaterThan(0.01);
      expect(dkh[time - 300]).toBeGreaterThan(1e-10); // 0.95^299 ≈ 2e-7: still carried
      expect(all.every((v) => v === 0 || Math.abs(v) >= 1.2e-38)).toBe(true); // no float32 denormals
      expect(Array.from(await dh0.data())).toEqual([0, 0, 0, 0, 0]);
      tf.dispose([x, w, h0, h as tf.Tensor, dy, ...grads]);
    });

    it.each([false, true])(
      'leaves tf.memory().numTensors unchanged around calls and training steps (masked, training %s)',
      (training) => {
        const x = seeded([2, 9, 3], 7);
        const mask = lengthsMask([9, 4], 9);
        const layer = make({ units: 4, returnSequences: true });
        const optimizer = tf.train.sgd(0.1);
        const loss = () => tf.sum(layer.apply(x, { mask, training }) as tf.Tensor) as tf.Scalar;
        const step = () => tf.dispose(optimizer.minimize(loss, true) as tf.Scalar);
        tf.dispose(layer.apply(x, { mask, training }) as tf.Tensor);
        step();
        const before = tf.memory().numTensors;
        tf.dispose(layer.apply(x, { mask, training }) as tf.Tensor); // projections returned, no gradient taken
        step();
        expect(tf.memory().numTensors).toBe(before);
        tf.dispose([x, mask]);
      },
    );
  },
);
