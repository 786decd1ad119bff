import { util, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { isCopySliceDtype } from './slice-cpu.js';
import { copyWasmSlice } from './slice-wasm.js';
import { splitBySlices } from './split-v-cpu.js';

/**
 * SplitV on wasm through {@link copyWasmSlice}. The stock kernel calls the stock slice function
 * directly, which copies the whole input out of the heap once per part.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.split(kernel, 2, 1); // 2 copies of half the values, not 2 copies of all of them first
 */
export const SPLIT_V_WASM: KernelPatch = {
  kernelName: 'SplitV',
  backendName: 'wasm',
  reason: 'copies the whole input out of the heap once per part',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'wasm SplitV kernel is not registered');
    return (args: KernelArgs): TensorInfo[] => {
      const x = requireInput(args, 'x', 'SplitV');
      if (!isCopySliceDtype(x.dtype)) return original.kernelFunc(args) as TensorInfo[];
      const attrs = args.attrs as { numOrSizeSplits: number | number[]; axis: number };
      const axis = util.parseAxisParam(attrs.axis, x.shape)[0] as number;
      return splitBySlices(x, attrs.numOrSizeSplits, axis, (begin, size) =>
        copyWasmSlice(x, begin, size, args.backend as WasmBackendLike),
      );
    };
  },
};
