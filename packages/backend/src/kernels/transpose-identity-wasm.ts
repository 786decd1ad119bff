import type { TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs, KernelPatch, SingleOutputKernel } from './kernel-patch.js';
import { requireInput, sharedOutput } from './kernel-patch.js';

/**
 * Transpose on wasm: an identity permutation (`[0, 1, …]`) shares the input's storage instead of
 * copying it. tfjs's gather gradient transposes by the identity before and after its
 * `UnsortedSegmentSum`, so every Embedding's gradient copied `[batch·time, dim]` and the whole
 * `[vocab, dim]` table once each per step. Other permutations go to the stock kernel.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.transpose(x, [0, 1]); // no copy
 */
export const TRANSPOSE_IDENTITY_WASM: KernelPatch = {
  kernelName: 'Transpose',
  backendName: 'wasm',
  reason: 'copies the tensor even for the identity permutation (every Embedding gradient)',
  makeKernelFunc: (original) => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const x = requireInput(args, 'x', 'Transpose');
      const perm = (args.attrs as unknown as { perm: readonly number[] }).perm;
      const identity = perm.every((axis, i) => axis === i);
      if ((!identity || x.dtype === 'string') && original !== undefined) return original.kernelFunc(args) as TensorInfo;
      return sharedOutput(x, args.backend);
    };
    return kernel;
  },
};
