import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWasmBackend } from '../wasm-runtime.js';
import { KERNEL_PATCHES, patchKernels } from './patch-kernels.js';

/** One op run on stock cpu (the reference) and then on each patched backend. */
interface KernelCase {
  readonly name: string;
  readonly run: () => tf.Tensor | tf.Tensor[];
  /** Absolute tolerance; 0 means bit-identical. */
  readonly tol: number;
}

const seq = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => ((i * 7919) % 23) * scale - 5);

const CASES: readonly KernelCase[] = [
  {
    name: 'unsortedSegmentSum 1-D data',
    run: () => tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 2, 0, 1], 'int32'), 3),
    tol: 0,
  },
  {
    name: 'unsortedSegmentSum [12,5] with repeated, negative and out-of-range ids',
    run: () =>
      tf.unsortedSegmentSum(tf.tensor2d(seq(60, 0.25), [12, 5]), tf.tensor1d([3, 0, 3, -1, 6, 1, 1, 3, 9, 0, 2, 3], 'int32'), 7),
    tol: 0,
  },
  {
    name: 'unsortedSegmentSum [6,3,2] data with 1-D ids',
    run: () => tf.unsortedSegmentSum(tf.tensor3d(seq(36, 0.5), [6, 3, 2]), tf.tensor1d([2, 0, 2, 1, -2, 2], 'int32'), 4),
    tol: 0,
  },
  {
    name: 'unsortedSegmentSum int32 data',
    run: () => tf.unsortedSegmentSum(tf.tensor2d(seq(12), [6, 2], 'int32'), tf.tensor1d([2, 0, 2, 1, 0, 2], 'int32'), 3),
    tol: 0,
  },
  {
    name: 'matMul transposeA',
    run: () => tf.matMul(tf.tensor2d(seq(12, 0.1), [3, 4]), tf.tensor2d(seq(15, 0.2), [3, 5]), true, false),
    tol: 1e-5,
  },
  {
    name: 'matMul transposeB',
    run: () => tf.matMul(tf.tensor2d(seq(12, 0.1), [4, 3]), tf.tensor2d(seq(15, 0.2), [5, 3]), false, true),
    tol: 1e-5,
  },
  {
    name: 'batched matMul transposeA and transposeB',
    run: () => tf.matMul(tf.tensor3d(seq(24, 0.1), [2, 3, 4]), tf.tensor3d(seq(30, 0.2), [2, 5, 3]), true, true),
    tol: 1e-5,
  },
  {
    name: 'fused matMul transposeB with bias and relu',
    run: () =>
      tf.fused.matMul({
        a: tf.tensor2d(seq(12, 0.1), [4, 3]),
        b: tf.tensor2d(seq(15, 0.2), [5, 3]),
        transposeB: true,
        bias: tf.tensor1d([0.5, -1, 0, 2, -0.25]),
        activation: 'relu',
      }),
    tol: 1e-5,
  },
  {
    // Swapped plan: transposing B ([50,3]) costs more than transposing A and the result.
    name: 'matMul transposeB with a large B (swapped plan)',
    run: () => tf.matMul(tf.tensor2d(seq(6, 0.1), [2, 3]), tf.tensor2d(seq(150, 0.05), [50, 3]), false, true),
    tol: 1e-5,
  },
  {
    name: 'matMul transposeA with a large A (swapped plan)',
    run: () => tf.matMul(tf.tensor2d(seq(100, 0.1), [50, 2]), tf.tensor2d(seq(50, 0.05), [50, 1]), true, false),
    tol: 1e-5,
  },
  {
    name: 'matMul transposeA with a broadcast rank-2 B',
    run: () => tf.matMul(tf.tensor3d(seq(24, 0.1), [2, 3, 4]), tf.tensor2d(seq(15, 0.2), [3, 5]), true, false),
    tol: 1e-5,
  },
  { name: 'slice along the last axis', run: () => tf.slice(tf.tensor2d(seq(40), [4, 10]), [1, 3], [2, 4]), tol: 0 },
  { name: 'slice of a [3,4,5] box', run: () => tf.slice(tf.tensor3d(seq(60), [3, 4, 5]), [1, 1, 2], [2, 2, 3]), tol: 0 },
  { name: 'slice int32 middle axis', run: () => tf.slice(tf.tensor3d(seq(24), [2, 3, 4], 'int32'), [0, 1, 0], [2, 1, 4]), tol: 0 },
  { name: 'slice contiguous rows (the last step of [6,2,3])', run: () => tf.slice(tf.tensor3d(seq(36), [6, 2, 3]), [5, 0, 0], [1, -1, -1]), tol: 0 },
  { name: 'slice bool', run: () => tf.slice(tf.tensor2d(seq(12).map((v) => v % 2), [3, 4], 'bool'), [1, 1], [2, 2]), tol: 0 },
  { name: 'slice to an empty box', run: () => tf.slice(tf.tensor2d(seq(12), [3, 4]), [1, 0], [0, 4]), tol: 0 },
  { name: 'split int32 along the last axis', run: () => tf.split(tf.tensor2d(seq(24), [3, 8], 'int32'), [2, 6], 1), tol: 0 },
  { name: 'slice runs of 64 (copied in bulk)', run: () => tf.slice(tf.tensor2d(seq(400), [4, 100]), [1, 20], [2, 64]), tol: 0 },
  { name: 'split [3,80] int32 into runs of 40 and 40 (bulk)', run: () => tf.split(tf.tensor2d(seq(240), [3, 80], 'int32'), 2, 1), tol: 0 },
  { name: 'split into 4 along the last axis', run: () => tf.split(tf.tensor2d(seq(64), [4, 16]), 4, 1), tol: 0 },
  { name: 'split sizes along axis 1 of rank 3', run: () => tf.split(tf.tensor3d(seq(60), [3, 4, 5]), [1, 3], 1), tol: 0 },
  { name: 'split along axis 0', run: () => tf.split(tf.tensor2d(seq(12), [4, 3]), 2, 0), tol: 0 },
  { name: 'gather rows (embedding lookup) with repeats', run: () => tf.gather(tf.tensor2d(seq(30, 0.5), [10, 3]), tf.tensor2d([[9, 0, 3], [3, 3, 1]], undefined, 'int32')), tol: 0 },
  { name: 'gather from a rank-1 table', run: () => tf.gather(tf.tensor1d(seq(7)), tf.tensor1d([6, 0, 6], 'int32')), tol: 0 },
  { name: 'gather int32 rows of a [4,2,3] table', run: () => tf.gather(tf.tensor3d(seq(24), [4, 2, 3], 'int32'), tf.tensor1d([2, 1], 'int32')), tol: 0 },
  { name: 'gather along axis 1 (stock kernel)', run: () => tf.gather(tf.tensor2d(seq(12), [3, 4]), tf.tensor1d([3, 0], 'int32'), 1), tol: 0 },
  { name: 'sum over axis 0', run: () => tf.sum(tf.tensor2d(seq(60, 0.25), [12, 5]), 0), tol: 1e-5 },
  { name: 'sum over axes 0 and 1 of rank 3, keepDims', run: () => tf.sum(tf.tensor3d(seq(60, 0.25), [3, 4, 5]), [1, 0], true), tol: 1e-5 },
  { name: 'sum over the last axis (stock kernel)', run: () => tf.sum(tf.tensor2d(seq(60, 0.25), [12, 5]), -1), tol: 1e-5 },
  { name: 'reverse [2,5,3] along axis 1', run: () => tf.reverse(tf.tensor3d(seq(30, 0.5), [2, 5, 3]), 1), tol: 0 },
  { name: 'reverse int32 [4,3] along the last axis', run: () => tf.reverse(tf.tensor2d(seq(12), [4, 3], 'int32'), -1), tol: 0 },
  { name: 'reverse [3,1,4] along axes 0 and 1 (one non-trivial)', run: () => tf.reverse(tf.tensor3d(seq(12), [3, 1, 4]), [0, 1]), tol: 0 },
  { name: 'reverse [2,3,2] along axes 0 and 2 (stock kernel)', run: () => tf.reverse(tf.tensor3d(seq(12), [2, 3, 2]), [0, 2]), tol: 0 },
  { name: 'equal [3,4,4] vs [3,1,4] (max gradient shape)', run: () => tf.equal(tf.tensor3d(seq(48).map((v) => v % 3), [3, 4, 4]), tf.tensor3d(seq(12).map((v) => v % 3), [3, 1, 4])), tol: 0 },
  { name: 'equal [2,1] vs [3] int32 (both broadcast)', run: () => tf.equal(tf.tensor2d([[1], [2]], undefined, 'int32'), tf.tensor1d([2, 1, 2], 'int32')), tol: 0 },
  { name: 'equal scalar vs [5]', run: () => tf.equal(tf.scalar(2), tf.tensor1d([2, 1, 2, 0, 2])), tol: 0 },
  { name: 'equal same shapes (stock kernel)', run: () => tf.equal(tf.tensor1d([2, 1, 2]), tf.tensor1d([2, 2, 2])), tol: 0 },
  { name: 'identity (clone) of a [3,4] float32', run: () => tf.clone(tf.tensor2d(seq(12, 0.5), [3, 4])), tol: 0 },
  { name: 'identity of int32 and bool', run: () => [tf.clone(tf.tensor1d(seq(5), 'int32')), tf.clone(tf.tensor1d([1, 0, 1], 'bool'))], tol: 0 },
  {
    name: 'maxPool gradient over [1,5] windows of a [2,3,5,4] input (the char CNN pooling)',
    run: () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, [1, 5], [1, 5], 'valid'), tf.tensor4d(seq(24, 0.1), [2, 3, 1, 4]))))(tf.tensor4d(seq(120, 0.3), [2, 3, 5, 4])),
    tol: 1e-6,
  },
  {
    name: 'maxPool gradient, overlapping 3×3 windows, stride 1, same padding, with ties',
    run: () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 3, 1, 'same'), tf.tensor4d(seq(32, 0.2), [2, 4, 4, 1]))))(tf.tensor4d(seq(32).map((v) => v % 4), [2, 4, 4, 1])),
    tol: 1e-6,
  },
  {
    name: 'maxPool gradient, 2×2 windows, stride 2, valid padding on a 5×5 input',
    run: () => tf.grad((x: tf.Tensor) => tf.sum(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')))(tf.tensor4d(seq(50, 0.7), [1, 5, 5, 2])),
    tol: 0,
  },
  { name: 'tanh across its range, saturation and ±0', run: () => tf.tanh(tf.tensor1d([...seq(40, 0.37), 0, -0, 7.9, -8, 30, -1e6, 1e-8])), tol: 3e-7 },
  // float32 SIMD evaluation (as in the fused kernels): a few ulp of tanh, times dy up to 1.8 in dy·(1 − y²)
  { name: 'tanh gradient', run: () => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.tanh(x), tf.tensor1d(seq(12, 0.1)))))(tf.tensor1d(seq(12, 0.4))), tol: 2e-6 },
  { name: 'transpose by the identity permutation', run: () => tf.transpose(tf.tensor3d(seq(24), [2, 3, 4]), [0, 1, 2]), tol: 0 },
  { name: 'transpose [2,3,4] by [2,0,1] (stock kernel)', run: () => tf.transpose(tf.tensor3d(seq(24), [2, 3, 4]), [2, 0, 1]), tol: 0 },
  { name: 'sum of everything (stock kernel)', run: () => tf.sum(tf.tensor2d(seq(60, 0.25), [12, 5])), tol: 1e-5 },
];

async function evaluate(c: KernelCase): Promise<{ shapes: number[][]; values: number[][] }> {
  const result = tf.tidy(c.run);
  const list = Array.isArray(result) ? result : [result];
  const values = await Promise.all(list.map(async (t) => [...(await t.data())]));
  const shapes = list.map((t) => t.shape);
  tf.dispose(list);
  return { shapes, values };
}

const reference = new Map<string, { shapes: number[][]; values: number[][] }>();

beforeAll(async () => {
  // The reference is the stock cpu kernel, computed before anything is patched.
  await tf.setBackend('cpu');
  for (const c of CASES) reference.set(c.name, await evaluate(c));
  await loadWasmBackend();
});

describe.each(['cpu', 'wasm'])('patchKernels on %s', (backendName) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backendName)).toBe(true);
    patchKernels(backendName);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s equals the stock cpu kernel', async (_name, c) => {
    const expected = reference.get(c.name);
    const actual = await evaluate(c);
    expect(actual.shapes).toEqual(expected?.shapes);
    actual.values.forEach((values, i) => {
      const want = expected?.values[i] ?? [];
      expect(values.length).toBe(want.length);
      if (c.tol === 0) expect(values).toEqual(want);
      else values.forEach((v, j) => expect(Math.abs(v - (want[j] as number))).toBeLessThanOrEqual(c.tol));
    });
  });

  it('leaves tf.memory().numTensors unchanged around the patched kernels', async () => {
    await Promise.all(CASES.map((c) => evaluate(c))); // warm up
    const before = tf.memory().numTensors;
    for (const c of CASES) await evaluate(c);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gather throws on an out-of-range index, naming it', () => {
    expect(() => tf.gather(tf.tensor2d(seq(6), [3, 2]), tf.tensor1d([1, 3], 'int32'))).toThrowError(/index value 3 is not in \[0, 2\]/);
  });

  it('gives the analytic gradient of tf.gather: dy rows summed into the gathered rows', async () => {
    const params = tf.tensor2d(seq(15, 0.3), [5, 3]);
    const indices = tf.tensor1d([4, 0, 4, 2, 4], 'int32');
    const weights = tf.tensor2d(seq(15, 0.1), [5, 3]); // loss = Σ gather(params)·weights, so dy = weights
    const grad = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(tf.gather(p, indices), weights)))(params);
    const w = await weights.array();
    const expected = [0, 1, 2, 3, 4].map((row) =>
      [0, 1, 2].map((col) => [4, 0, 4, 2, 4].reduce((s, id, i) => s + (id === row ? (w[i]?.[col] as number) : 0), 0)),
    );
    const actual = (await grad.array()) as number[][];
    actual.forEach((row, r) => row.forEach((v, col) => expect(v).toBeCloseTo(expected[r]?.[col] as number, 5)));
    tf.dispose([params, indices, weights, grad]);
  });

  it('sums by every id when ids cover the first two axes of the data (TensorFlow semantics)', async () => {
    const x = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
    const ids = tf.tensor2d([0, 1, 0, 0], [2, 2], 'int32');
    const out = tf.unsortedSegmentSum(x, ids as unknown as tf.Tensor1D, 2); // the op's type says 1-D; the kernel takes any prefix
    expect(out.shape).toEqual([2, 2]);
    expect(await out.array()).toEqual([[13, 16], [3, 4]]);
    tf.dispose([x, ids, out]);
  });

  it('identity keeps its values after the original is disposed, and a variable keeps its own after assign', async () => {
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    x.dispose();
    expect([...(await copy.data())]).toEqual([1, 2, 3]);
    const variable = tf.variable(copy);
    const same = tf.clone(variable);
    const next = tf.tensor1d([7, 8, 9]);
    variable.assign(next);
    next.dispose();
    expect([...(await same.data())]).toEqual([1, 2, 3]);
    expect([...(await variable.data())]).toEqual([7, 8, 9]);
    tf.dispose([copy, variable, same]);
  });

  it('patches once: a second call returns the same kernels and keeps the same functions', () => {
    const names = KERNEL_PATCHES.filter((p) => p.backendName === backendName).map((p) => p.kernelName);
    const before = names.map((n) => tf.getKernel(n, backendName)?.kernelFunc);
    expect(patchKernels(backendName)).toEqual(names);
    expect(names.map((n) => tf.getKernel(n, backendName)?.kernelFunc)).toEqual(before);
  });
});
