import { slice_util, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { isCopySliceDtype } from './slice-cpu.js';
import { stridedSliceCopy } from './strided-slice-copy.js';

/**
 * Copies the slice `begin … begin+size` of the wasm tensor `x` straight from the heap into a new
 * tensor with {@link stridedSliceCopy}. `x` must have a dtype `isCopySliceDtype` accepts.
 *
 * @example
 * const last = copyWasmSlice(hs, [511, 0, 0], [1, 16, 128], backend); // [1,16,128]
 */
export function copyWasmSlice(
  x: TensorInfo,
  begin: number[],
  size: number[],
  backend: WasmBackendLike,
): TensorInfo {
  // Allocate first: a new output may grow (and so detach) the heap that the views point into.
  const out = backend.makeOutput(size, x.dtype);
  stridedSliceCopy(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
  return out;
}

/**
 * Slice on wasm by a copy of just the slice. The stock kernel first copies the whole input out of
 * the heap (`readSync`), so taking the last step `[1,16,128]` of `[512,16,128]` copied 4 MB (~2 ms).
 * Strings go to the stock kernel.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.slice(hs, [511, 0, 0], [1, -1, -1]); // copies 2,048 values
 */
export const SLICE_WASM: KernelPatch = {
  kernelName: 'Slice',
  backendName: 'wasm',
  reason: 'copies the whole input out of the heap before slicing (~2 ms for one step of [512,16,128])',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'wasm Slice kernel is not registered');
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const x = requireInput(args, 'x', 'Slice');
      if (!isCopySliceDtype(x.dtype)) return original.kernelFunc(args) as TensorInfo;
      const attrs = args.attrs as { begin: number | number[]; size?: number | number[] };
      const [begin = [], size = []] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
      slice_util.assertParamsValid(x, begin, size);
      return copyWasmSlice(x, begin, size, args.backend as WasmBackendLike);
    };
    return kernel;
  },
};
