import type { TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { scatterSegmentSum, segmentSumOutputShape } from './scatter-segment-sum.js';

const KERNEL = 'UnsortedSegmentSum';

/**
 * UnsortedSegmentSum on wasm, which tfjs 4.22 does not have (so `tf.gather`'s gradient,
 * and with it every Embedding, cannot train there). A scatter-add pass in JS over views
 * of the wasm heap: no copies in or out.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 2, 0, 1], 'int32'), 3); // [3, 5, 2]
 */
export const UNSORTED_SEGMENT_SUM_WASM: KernelPatch = {
  kernelName: KERNEL,
  backendName: 'wasm',
  reason: 'missing on wasm: Embedding cannot train',
  makeKernelFunc: () => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const backend = args.backend as WasmBackendLike;
      const x = requireInput(args, 'x', KERNEL);
      const segmentIds = requireInput(args, 'segmentIds', KERNEL);
      const numSegments = (args.attrs as { numSegments: number }).numSegments;
      if ((x.dtype !== 'float32' && x.dtype !== 'int32') || segmentIds.dtype !== 'int32') {
        throw new RecurrentError(
          'BACKEND',
          `${KERNEL} on wasm needs float32 or int32 data and int32 segment ids, got ${x.dtype} and ${segmentIds.dtype}`,
        );
      }
      const shape = { xShape: x.shape, idsShape: segmentIds.shape, numSegments };
      const out = backend.makeOutput(segmentSumOutputShape(shape), x.dtype);
      // Views are taken after the allocation above, which may grow (and move) the heap.
      const outVals = backend.typedArrayFromHeap(out);
      outVals.fill(0);
      scatterSegmentSum(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(segmentIds), outVals, shape);
      return out;
    };
    return kernel;
  },
};
