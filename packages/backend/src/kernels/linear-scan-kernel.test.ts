import * as tf from '@tensorflow/tfjs';
import { hasRecurrenceKernel, parallelLinearScan, rcMinGRU, rcMinLSTM, sequentialLinearScan, setRecurrencePlan } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAllClose, lengthsMask, outputsAndGrads, randomize, seeded, FUSED_TEST_BACKENDS, useFusedKernels } from './test-fused-recurrence.js';
import { LINEAR_SCAN_GRAD_KERNEL, LINEAR_SCAN_KERNEL } from './linear-scan-kernel.js';

const BACKENDS = FUSED_TEST_BACKENDS;

useFusedKernels([LINEAR_SCAN_KERNEL, LINEAR_SCAN_GRAD_KERNEL]);

/** h, and the gradients w.r.t. a, b, h0 of a weighted sum of h, with the fused kernels on or off. */
function scanWithGrads(fused: boolean, a: tf.Tensor3D, b: tf.Tensor3D, h0: tf.Tensor2D): tf.Tensor[] {
  setRecurrencePlan({ fused });
  const weights = seeded(a.shape, 77);
  const f = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor) => tf.sum(tf.mul(parallelLinearScan(x as tf.Tensor3D, y as tf.Tensor3D, z as tf.Tensor2D), weights));
  const h = parallelLinearScan(a, b, h0);
  const grads = tf.grads(f)([a, b, h0]);
  setRecurrencePlan(null);
  return [h, ...grads];
}

describe.each(BACKENDS)('fused linear scan on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  it('runs instead of the chunked scan and equals it (values and gradients) at 37 steps', async () => {
    expect(hasRecurrenceKernel(LINEAR_SCAN_KERNEL)).toBe(true);
    const a = tf.sigmoid(seeded([37, 3, 5], 1)) as tf.Tensor3D;
    const b = seeded([37, 3, 5], 2) as tf.Tensor3D;
    const h0 = seeded([3, 5], 3) as tf.Tensor2D;
    const info = await tf.profile(() => parallelLinearScan(a, b, h0));
    expect(info.kernels.map((k) => k.name)).toContain(LINEAR_SCAN_KERNEL);
    const fused = scanWithGrads(true, a, b, h0);
    const composite = scanWithGrads(false, a, b, h0);
    await expectAllClose(fused, composite);
    await expectAllClose([fused[0] as tf.Tensor], [sequentialLinearScan(a, b, h0)]);
    tf.dispose([a, b, h0, ...fused, ...composite]);
  });

  it('flushes gradients that decay below 1e-20 to exactly 0 (no denormals), like the chunked scan', async () => {
    const a = tf.fill([300, 1, 4], 0.7) as tf.Tensor3D; // 0.7^300 ≈ 1e-47
    const b = tf.ones([300, 1, 4]) as tf.Tensor3D;
    const h0 = tf.zeros([1, 4]) as tf.Tensor2D;
    setRecurrencePlan({ fused: true });
    const onlyLast = tf.concat([tf.zeros([299, 1, 4]), tf.ones([1, 1, 4])]);
    const [, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(parallelLinearScan(x as tf.Tensor3D, y as tf.Tensor3D, h0), onlyLast)))([a, b]);
    const values = await (db as tf.Tensor).data();
    expect(values[0]).toBe(0);
    expect(values[299 * 4]).toBe(1);
    expect([...values].every((v) => v === 0 || Math.abs(v) >= 1e-20)).toBe(true);
    tf.dispose([a, b, h0, onlyLast, db as tf.Tensor]);
  });

  it.each([
    ['minGRU', (args: Record<string, unknown>) => rcMinGRU({ units: 4, ...args })],
    ['minLSTM', (args: Record<string, unknown>) => rcMinLSTM({ units: 4, ...args })],
  ])('%s (parallel mode, masked): outputs and every gradient match the composite chunked scan within 1e-5', async (_, make) => {
    const x = tf.variable(seeded([3, 11, 2], 4));
    const layer = make({ returnSequences: true, returnState: true });
    layer.apply(x);
    randomize(layer, 60);
    const kwargs = { mask: lengthsMask([11, 6, 1], 11) };
    const fused = outputsAndGrads(true, layer, x, kwargs);
    const composite = outputsAndGrads(false, layer, x, kwargs);
    await expectAllClose(fused, composite);
    tf.dispose([x, ...fused, ...composite]);
  });

  it('leaves tf.memory().numTensors unchanged around calls and training steps', () => {
    const x = seeded([2, 9, 3], 5);
    const layer = rcMinGRU({ units: 4, returnSequences: true });
    const optimizer = tf.train.sgd(0.1);
    const step = () => tf.dispose(optimizer.minimize(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, true) as tf.Scalar);
    tf.dispose(layer.apply(x) as tf.Tensor);
    step();
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x) as tf.Tensor);
    step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
