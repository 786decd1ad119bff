import { type TensorInfo, backend_util } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';

type Numeric = Float32Array | Int32Array;

/**
 * `out[i] = a[ia] === b[ib] ? 1 : 0` over the broadcast shape `outShape`, where `a` and `b` are
 * row-major arrays of shapes `aShape`, `bShape` (numpy broadcasting rules; already checked).
 *
 * @example
 * const out = new Uint8Array(4);
 * equalBroadcast(Float32Array.from([1, 2]), [2, 1], Float32Array.from([1, 2]), [1, 2], [2, 2], out); // [1, 0, 0, 1]
 */
export function equalBroadcast(
  a: Numeric, aShape: readonly number[], b: Numeric, bShape: readonly number[], outShape: readonly number[], out: Uint8Array,
): void {
  const rank = outShape.length;
  // Strides of a and b in the output's rank, 0 along broadcast axes.
  const strides = (shape: readonly number[]): number[] => {
    const padded = [...new Array<number>(rank - shape.length).fill(1), ...shape];
    const s = new Array<number>(rank).fill(0);
    let step = 1;
    for (let d = rank - 1; d >= 0; d--) {
      s[d] = (padded[d] as number) === 1 ? 0 : step;
      step *= padded[d] as number;
    }
    return s;
  };
  const sa = strides(aShape);
  const sb = strides(bShape);
  const inner = rank === 0 ? 1 : (outShape[rank - 1] as number);
  const innerA = rank === 0 ? 0 : (sa[rank - 1] as number);
  const innerB = rank === 0 ? 0 : (sb[rank - 1] as number);
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  const total = outShape.reduce((p, d) => p * d, 1);
  let ia = 0;
  let ib = 0;
  for (let o = 0; o < total; o += inner) {
    for (let j = 0; j < inner; j++) out[o + j] = a[ia + j * innerA] === b[ib + j * innerB] ? 1 : 0;
    // Advance the odometer over the outer axes.
    for (let d = rank - 2; d >= 0; d--) {
      index[d] = (index[d] as number) + 1;
      ia += sa[d] as number;
      ib += sb[d] as number;
      if ((index[d] as number) < (outShape[d] as number)) break;
      ia -= (sa[d] as number) * (outShape[d] as number);
      ib -= (sb[d] as number) * (outShape[d] as number);
      index[d] = 0;
    }
  }
}

/**
 * Equal on wasm when the operands broadcast (shapes differ): what the gradient of `tf.max` (so of
 * `tf.logSumExp`, the CRF forward algorithm) runs every step. The stock kernel's broadcasting path
 * took ~0.6 ms for `[32,17,17]` vs `[32,1,17]` (30 calls per CRF loss); here one pass over heap
 * views. Equal shapes and other dtypes go to the stock kernel.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.equal(tf.tensor2d([[1], [2]]), tf.tensor2d([[1, 2]])); // [[true, false], [false, true]]
 */
export const EQUAL_BROADCAST_WASM: KernelPatch = {
  kernelName: 'Equal',
  backendName: 'wasm',
  reason: 'broadcasting path: ~0.6 ms for [32,17,17] vs [32,1,17]',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'wasm Equal kernel is not registered');
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const a = requireInput(args, 'a', 'Equal');
      const b = requireInput(args, 'b', 'Equal');
      const sameShape = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
      const numeric = (t: TensorInfo) => t.dtype === 'float32' || t.dtype === 'int32';
      if (sameShape || a.dtype !== b.dtype || !numeric(a)) return original.kernelFunc(args) as TensorInfo;
      const outShape = backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
      const backend = args.backend as WasmBackendLike;
      const out = backend.makeOutput(outShape, 'bool');
      // Views are taken after the allocation above, which may grow (and move) the heap.
      const av = backend.typedArrayFromHeap(a) as Numeric;
      const bv = backend.typedArrayFromHeap(b) as Numeric;
      equalBroadcast(av, a.shape, bv, b.shape, outShape, backend.typedArrayFromHeap(out) as Uint8Array);
      return out;
    };
    return kernel;
  },
};
