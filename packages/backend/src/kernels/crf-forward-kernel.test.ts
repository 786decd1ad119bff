import * as tf from '@tensorflow/tfjs';
import { CRF_FORBIDDEN_SCORE, crfLogPartition, crfNegLogLikelihood, hasRecurrenceKernel, setRecurrencePlan } from '@recurrent/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAllClose, lengthsMask, seeded, FUSED_TEST_BACKENDS, useFusedKernels } from './test-fused-recurrence.js';
import { CRF_FORWARD_GRAD_KERNEL, CRF_FORWARD_KERNEL } from './crf-forward-kernel.js';

const BACKENDS = FUSED_TEST_BACKENDS;

useFusedKernels([CRF_FORWARD_KERNEL, CRF_FORWARD_GRAD_KERNEL]);

/** log Z and the gradients of a weighted sum of it w.r.t. emissions, transitions, start, end, fused or composite. */
function partitionWithGrads(fused: boolean, e: tf.Tensor3D, trans: tf.Tensor2D, start: tf.Tensor1D, end: tf.Tensor1D, mask: tf.Tensor2D | null): tf.Tensor[] {
  setRecurrencePlan({ fused });
  try {
    const weights = tf.tidy(() => tf.range(1, e.shape[0] + 1).div(e.shape[0]));
    const logZ = (x: tf.Tensor, t: tf.Tensor, s: tf.Tensor, n: tf.Tensor) =>
      crfLogPartition(x as tf.Tensor3D, { transitions: t as tf.Tensor2D, start: s as tf.Tensor1D, end: n as tf.Tensor1D }, mask);
    const value = logZ(e, trans, start, end);
    const grads = tf.grads((x: tf.Tensor, t: tf.Tensor, s: tf.Tensor, n: tf.Tensor) => tf.sum(tf.mul(logZ(x, t, s, n), weights)))([e, trans, start, end]);
    weights.dispose();
    return [value, ...grads];
  } finally {
    setRecurrencePlan(null);
  }
}

describe.each(BACKENDS)('fused CRF forward algorithm on %s', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
  });

  const cases: [string, number[] | null, (string | null)?][] = [
    ['no mask', null],
    ['right-padded lengths 7, 3, 1, 5', [7, 3, 1, 5]],
    ['a row with a hole (mask 1 0 1 1 …)', [7, 7, 7, 7], 'hole'],
    ['forbidden transitions (constraints)', [7, 2, 6, 4], 'forbidden'],
  ];
  it.each(cases)('equals the composite forward algorithm, values and every gradient: %s', async (_name, lengths, variant) => {
    expect(hasRecurrenceKernel(CRF_FORWARD_KERNEL)).toBe(true);
    const [batch, time, tags] = [4, 7, 5];
    const e = tf.mul(seeded([batch, time, tags], 1), 3) as tf.Tensor3D;
    let trans = seeded([tags, tags], 2) as tf.Tensor2D;
    if (variant === 'forbidden') trans = tf.where(tf.tensor2d(Array.from({ length: tags * tags }, (_, i) => i % 3 === 1), [tags, tags]), tf.fill([tags, tags], CRF_FORBIDDEN_SCORE), trans) as tf.Tensor2D;
    const start = seeded([tags], 3) as tf.Tensor1D;
    const end = seeded([tags], 4) as tf.Tensor1D;
    let mask = lengths === null ? null : lengthsMask(lengths, time);
    if (variant === 'hole') mask = tf.tensor2d([[1, 0, 1, 1, 0, 0, 1], [1, 1, 1, 1, 1, 1, 1], [1, 1, 0, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0, 0]]);
    const info = await tf.profile(() => crfLogPartition(e, { transitions: trans, start, end }, mask));
    expect(info.kernels.map((k) => k.name)).toContain(CRF_FORWARD_KERNEL);
    tf.dispose(info.result as tf.Tensor);
    const before = tf.memory().numTensors;
    const fused = partitionWithGrads(true, e, trans, start, end, mask);
    expect(tf.memory().numTensors).toBe(before + fused.length);
    const composite = partitionWithGrads(false, e, trans, start, end, mask);
    await expectAllClose(fused, composite, 2e-5, true);
    // The emission gradient of each valid step is a probability distribution times the row's weight.
    const dE = (await fused[1]!.array()) as number[][][];
    const rowSum = dE[1]![0]!.reduce((a, b) => a + b, 0);
    expect(rowSum).toBeCloseTo(2 / batch, 5);
    tf.dispose([e, trans, start, end, ...(mask === null ? [] : [mask]), ...fused, ...composite]);
  });

  it('trains the CRF loss to the same value as the composite path after a few Adam steps', async () => {
    const losses: number[][] = [];
    for (const fused of [true, false]) {
      setRecurrencePlan({ fused });
      const e = tf.variable(seeded([3, 6, 4], 5), true, `crf_e_${backend}_${fused}`);
      const trans = tf.variable(seeded([4, 4], 6, 0.1), true, `crf_t_${backend}_${fused}`);
      const start = tf.variable(tf.zeros([4]), true, `crf_s_${backend}_${fused}`);
      const end = tf.variable(tf.zeros([4]), true, `crf_n_${backend}_${fused}`);
      const tags = tf.tensor2d([[0, 1, 2, 3, 0, 1], [3, 3, 2, 0, 0, 0], [1, 2, 1, 0, 0, 0]], undefined, 'int32');
      const mask = lengthsMask([6, 4, 3], 6);
      const optimizer = tf.train.adam(0.1);
      const run: number[] = [];
      for (let step = 0; step < 5; step++) {
        const loss = optimizer.minimize(() => crfNegLogLikelihood(e as tf.Tensor3D, tags, { transitions: trans as tf.Tensor2D, start, end } as never, mask), true) as tf.Scalar;
        run.push((await loss.data())[0] as number);
        loss.dispose();
      }
      losses.push(run);
      optimizer.dispose();
      tf.dispose([e, trans, start, end, tags, mask]);
    }
    setRecurrencePlan(null);
    losses[0]!.forEach((v, i) => expect(v).toBeCloseTo(losses[1]![i] as number, 4));
    expect(losses[0]![4]).toBeLessThan(losses[0]![0]! * 0.8);
  });
});
