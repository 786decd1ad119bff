import * as tf from '@tensorflow/tfjs';
import { hasRecurrenceKernel, rcMinGRU } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { LINEAR_SCAN_KERNEL } from './linear-scan-kernel.js';
import { MIN_GRU_SCAN_GRAD_KERNEL, MIN_GRU_SCAN_KERNEL } from './min-gru-kernel.js';
import { expectAllClose, FUSED_TEST_BACKENDS, lengthsMask, outputsAndGrads, randomize, seeded, useFusedKernels } from './test-fused-recurrence.js';

useFusedKernels([MIN_GRU_SCAN_KERNEL, MIN_GRU_SCAN_GRAD_KERNEL]);

describe.each(FUSED_TEST_BACKENDS)('fused minGRU scan on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it('replaces the coefficient ops and the linear scan (one kernel forward, one backward)', async () => {
    expect(hasRecurrenceKernel(MIN_GRU_SCAN_KERNEL)).toBe(true);
    const x = seeded([2, 7, 3], 1);
    const layer = rcMinGRU({ units: 5, returnSequences: true });
    const forward = await tf.profile(() => layer.apply(x) as tf.Tensor);
    const names = forward.kernels.map((k) => k.name);
    expect(names).toContain(MIN_GRU_SCAN_KERNEL);
    expect(names).not.toContain(LINEAR_SCAN_KERNEL);
    expect(names).not.toContain('Sigmoid');
    const backward = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(layer.apply(v) as tf.Tensor))(x));
    expect(backward.kernels.map((k) => k.name)).toContain(MIN_GRU_SCAN_GRAD_KERNEL);
    tf.dispose([x, forward.result as tf.Tensor, backward.result as tf.Tensor]);
  });

  it.each([
    ['no mask', undefined],
    ['masked (lengths 37, 20, 1)', [37, 20, 1]],
  ])('%s: outputs and every gradient match the composite scan within 1e-5 (37 steps, 3 × 6 units: lane tails)', async (_, lengths) => {
    const x = tf.variable(seeded([3, 37, 4], 4, 2));
    const h0 = tf.variable(seeded([3, 6], 5));
    const layer = rcMinGRU({ units: 6, returnSequences: true, returnState: true });
    layer.apply(x);
    randomize(layer, 70);
    const kwargs = { initialState: h0, ...(lengths === undefined ? {} : { mask: lengthsMask(lengths, 37) }) };
    const fused = outputsAndGrads(true, layer, x, kwargs, [h0]);
    const composite = outputsAndGrads(false, layer, x, kwargs, [h0]);
    await expectAllClose(fused, composite, 1e-5, true);
    tf.dispose([x, h0, ...fused, ...composite]);
  });

  it('matches sequential mode, which never uses the kernel', async () => {
    const x = seeded([2, 13, 3], 6);
    const parallel = rcMinGRU({ units: 4, returnSequences: true, mode: 'parallel' });
    const sequential = rcMinGRU({ units: 4, returnSequences: true, mode: 'sequential' });
    parallel.apply(x);
    sequential.apply(x);
    randomize(parallel, 80);
    sequential.setWeights(parallel.getWeights());
    await expectAllClose([parallel.apply(x) as tf.Tensor], [sequential.apply(x) as tf.Tensor]);
    x.dispose();
  });

  it('flushes gradients that decay below 1e-20 to exactly 0 (no denormals)', async () => {
    // a = σ(−kz) = 0.95 per step: the last step's gradient reaches step 0 as 0.95^1499 ≈ 1e-34.
    const [time, n] = [1500, 5];
    const kz = tf.fill([time, n], -2.944);
    const kh = tf.fill([time, n], 0.3);
    const h0 = tf.zeros([1, n]);
    const h = tf.engine().runKernel(MIN_GRU_SCAN_KERNEL, { kz, kh, h0 }) as tf.Tensor;
    const dy = tf.concat([tf.zeros([time - 1, n]), tf.ones([1, n])]);
    const [dkz, dkh, dh0] = tf.engine().runKernel(MIN_GRU_SCAN_GRAD_KERNEL, { kz, kh, h, h0, dy }) as tf.Tensor[];
    const z = await (dkz as tf.Tensor).data();
    const c = await (dkh as tf.Tensor).data();
    expect(c[0]).toBe(0);
    expect(c[(time - 1) * n]).toBeGreaterThan(0.01);
    expect(c[(time - 300) * n]).toBeGreaterThan(1e-10); // 0.95^299 ≈ 2e-7: still carried
    expect([...z, ...c].every((v) => v === 0 || Math.abs(v) >= 1.2e-38)).toBe(true); // no float32 denormals
    expect(Array.from(await (dh0 as tf.Tensor).data())).toEqual([0, 0, 0, 0, 0]);
    tf.dispose([kz, kh, h0, h, dy, dkz as tf.Tensor, dkh as tf.Tensor, dh0 as tf.Tensor]);
  });

  it('leaves tf.memory().numTensors unchanged around calls and training steps (masked)', () => {
    const x = seeded([2, 9, 3], 7);
    const mask = lengthsMask([9, 4], 9);
    const layer = rcMinGRU({ units: 4, returnSequences: true });
    const optimizer = tf.train.sgd(0.1);
    const step = () => tf.dispose(optimizer.minimize(() => tf.sum(layer.apply(x, { mask }) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    tf.dispose(layer.apply(x, { mask }) as tf.Tensor);
    step();
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x, { mask }) as tf.Tensor);
    step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
  });
});
