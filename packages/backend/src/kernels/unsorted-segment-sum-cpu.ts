import type { TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { CpuBackendLike, KernelArgs, KernelPatch, SingleOutputKernel } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { type NumericArray, scatterSegmentSum, segmentSumOutputShape } from './scatter-segment-sum.js';

const KERNEL = 'UnsortedSegmentSum';

/**
 * UnsortedSegmentSum on cpu as one scatter-add pass. The stock kernel builds a mask per
 * segment (O(numSegments × size)): 65 s for the gradient of a [1280,64] gather from 5000 rows.
 * float32 and int32 data take the fast path; other dtypes go to the stock kernel.
 * Porting note: int32 data gives an int32 result (TensorFlow, webgl); stock cpu gives float32.
 *
 * @example
 * patchKernels('cpu'); // registers it
 * tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([1, 2, 0, 1], 'int32'), 3); // [3, 5, 2]
 */
export const UNSORTED_SEGMENT_SUM_CPU: KernelPatch = {
  kernelName: KERNEL,
  backendName: 'cpu',
  reason: 'stock kernel is O(numSegments × size): ~65 s for an embedding gradient',
  makeKernelFunc: (original) => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const backend = args.backend as CpuBackendLike;
      const x = requireInput(args, 'x', KERNEL);
      const segmentIds = requireInput(args, 'segmentIds', KERNEL);
      const numSegments = (args.attrs as { numSegments: number }).numSegments;
      if ((x.dtype !== 'float32' && x.dtype !== 'int32') || segmentIds.dtype !== 'int32') {
        if (original === undefined) throw new RecurrentError('BACKEND', `${KERNEL}: unsupported dtype ${x.dtype} on cpu`);
        return original.kernelFunc(args) as TensorInfo;
      }
      const shape = { xShape: x.shape, idsShape: segmentIds.shape, numSegments };
      const outShape = segmentSumOutputShape(shape);
      const size = outShape.reduce((p, d) => p * d, 1);
      const out = x.dtype === 'int32' ? new Int32Array(size) : new Float32Array(size);
      const xVals = backend.data.get(x.dataId).values as NumericArray;
      const idVals = backend.data.get(segmentIds.dataId).values as NumericArray;
      scatterSegmentSum(xVals, idVals, out, shape);
      return backend.makeTensorInfo(outShape, x.dtype, out);
    };
    return kernel;
  },
};
