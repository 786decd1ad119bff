import { backend_util, util, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { CpuBackendLike, KernelArgs, KernelPatch } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { copyCpuSlice, isCopySliceDtype } from './slice-cpu.js';

/**
 * The parts of a `SplitV` of `x` along `axis`, each made by `slice(begin, size)`.
 *
 * @example
 * splitBySlices(x, 4, 1, (begin, size) => copyCpuSlice(x, begin, size, backend)); // 4 parts along axis 1
 */
export function splitBySlices(
  x: TensorInfo,
  numOrSizeSplits: number | number[],
  axis: number,
  slice: (begin: number[], size: number[]) => TensorInfo,
): TensorInfo[] {
  const sizes = backend_util.prepareSplitSize(x, numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = [...x.shape];
    size[axis] = s;
    const part = slice([...begin], size);
    begin[axis] = (begin[axis] as number) + s;
    return part;
  });
}

/**
 * SplitV on cpu through {@link copyCpuSlice}. The stock kernel calls the stock slice function
 * directly (not through the registry), so patching Slice alone does not speed up `tf.split`.
 *
 * @example
 * patchKernels('cpu'); // registers it
 * tf.split(tf.ones([32, 512]), 4, 1); // 4 × [32,128], each 32 runs of 128
 */
export const SPLIT_V_CPU: KernelPatch = {
  kernelName: 'SplitV',
  backendName: 'cpu',
  reason: 'slices each part with the slow per-element stock slice',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'cpu SplitV kernel is not registered');
    return (args: KernelArgs): TensorInfo[] => {
      const x = requireInput(args, 'x', 'SplitV');
      const attrs = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
      const axis = util.parseAxisParam(attrs.axis, x.shape)[0] as number;
      if (axis === 0 || !isCopySliceDtype(x.dtype)) {
        return original.kernelFunc(args) as TensorInfo[]; // contiguous parts: stock is fine
      }
      return splitBySlices(x, attrs.numOrSizeSplits, axis, (begin, size) =>
        copyCpuSlice(x, begin, size, args.backend as CpuBackendLike),
      );
    };
  },
};
