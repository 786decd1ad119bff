import { slice_util, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { CpuBackendLike, KernelArgs, KernelPatch, SingleOutputKernel } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { type SliceArray, stridedSliceCopy } from './strided-slice-copy.js';

const FAST_DTYPES: readonly string[] = ['float32', 'int32', 'bool'];

/** True for the dtypes {@link copyCpuSlice} handles (not string, not complex). */
export function isCopySliceDtype(dtype: string): boolean {
  return FAST_DTYPES.includes(dtype);
}

/**
 * Copies the slice `begin … begin+size` of the cpu tensor `x` into a new tensor with
 * {@link stridedSliceCopy}. `x` must have a dtype {@link isCopySliceDtype} accepts.
 *
 * @example
 * const part = copyCpuSlice(x, [0, 128], [32, 128], backend); // [32,128]
 */
export function copyCpuSlice(x: TensorInfo, begin: number[], size: number[], backend: CpuBackendLike): TensorInfo {
  const values = backend.data.get(x.dataId).values as SliceArray;
  const count = size.reduce((p, d) => p * d, 1);
  const out = x.dtype === 'float32' ? new Float32Array(count) : x.dtype === 'int32' ? new Int32Array(count) : new Uint8Array(count);
  stridedSliceCopy(values, x.shape, begin, size, out);
  return backend.makeTensorInfo(size, x.dtype, out);
}

/**
 * Slice on cpu: non-contiguous slices (any slice not along axis 0) by strided copy.
 *
 * @example
 * patchKernels('cpu'); // registers it
 * tf.slice(tf.ones([32, 512]), [0, 128], [32, 128]); // one run of 128 per row
 */
export const SLICE_CPU: KernelPatch = {
  kernelName: 'Slice',
  backendName: 'cpu',
  reason: 'decodes a full index per element: [32,512] along the last axis is ~300× slower than along axis 0',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'cpu Slice kernel is not registered');
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const x = requireInput(args, 'x', 'Slice');
      const attrs = args.attrs as { begin: number | number[]; size?: number | number[] };
      const [begin = [], size = []] = slice_util.parseSliceParams(x, attrs.begin, attrs.size);
      slice_util.assertParamsValid(x, begin, size);
      // The stock kernel returns contiguous slices as views without copying: keep those.
      if (!isCopySliceDtype(x.dtype) || slice_util.isSliceContinous(x.shape, begin, size)) {
        return original.kernelFunc(args) as TensorInfo;
      }
      return copyCpuSlice(x, begin, size, args.backend as CpuBackendLike);
    };
    return kernel;
  },
};
