import { type TensorInfo, util } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';

/**
 * GatherV2 on wasm along axis 0 (what `tf.gather(table, ids)`, i.e. every Embedding, runs): one
 * row copy per index over views of the wasm heap. The stock kernel's generic strided loop took
 * 2.3–2.6 ms for 1280 rows of 64 floats (config A), ~15 % of an inference batch; other axes,
 * `batchDims` and dtypes go to the stock kernel. Out-of-range indices throw its error message.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.gather(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([1, 1, 0], 'int32')); // [[3, 4], [3, 4], [1, 2]]
 */
export const GATHER_ROWS_WASM: KernelPatch = {
  kernelName: 'GatherV2',
  backendName: 'wasm',
  reason: 'generic strided loop: 2.3–2.6 ms for an embedding lookup of 1280 × 64',
  makeKernelFunc: (original) => {
    if (original === undefined) throw new RecurrentError('BACKEND', 'wasm GatherV2 kernel is not registered');
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const backend = args.backend as WasmBackendLike;
      const x = requireInput(args, 'x', 'GatherV2');
      const indices = requireInput(args, 'indices', 'GatherV2');
      const { axis, batchDims } = args.attrs as { axis: number | number[]; batchDims: number };
      const parsedAxis = util.parseAxisParam(axis, x.shape)[0];
      if (parsedAxis !== 0 || batchDims !== 0 || (x.dtype !== 'float32' && x.dtype !== 'int32') || indices.dtype !== 'int32') {
        return original.kernelFunc(args) as TensorInfo;
      }
      const rows = x.shape[0] as number;
      const rowSize = x.shape.slice(1).reduce((p, d) => p * d, 1);
      const count = indices.shape.reduce((p, d) => p * d, 1);
      const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
      if (count === 0 || rowSize === 0) return out;
      // Views are taken after the allocation above, which may grow (and move) the heap.
      const ids = backend.typedArrayFromHeap(indices);
      const src = backend.typedArrayFromHeap(x);
      const dst = backend.typedArrayFromHeap(out);
      for (let i = 0; i < count; i++) {
        const index = ids[i] as number;
        if (!(index >= 0 && index < rows)) {
          backend.disposeData(out.dataId);
          throw new Error(`GatherV2: the index value ${index} is not in [0, ${rows - 1}]`);
        }
        if (rowSize === 1) dst[i] = src[index] as number;
        else dst.set(src.subarray(index * rowSize, (index + 1) * rowSize), i * rowSize);
      }
      return out;
    };
    return kernel;
  },
};
