import type { TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs, KernelPatch, SingleOutputKernel } from './kernel-patch.js';
import { requireInput, sharedOutput } from './kernel-patch.js';

/**
 * Identity on wasm shares its input's storage (one more reference), as the cpu backend's does.
 * The stock kernel copies the whole buffer; `tf.variableGrads`, `clone` and gradient pass-through
 * call it for every variable and gradient, so a training step copied each weight matrix several
 * times. Sharing is safe because no kernel writes into its inputs. Strings go to the stock kernel.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.clone(x); // no copy
 */
export const IDENTITY_WASM: KernelPatch = {
  kernelName: 'Identity',
  backendName: 'wasm',
  reason: 'copies the whole buffer (31 copies per training step of a small LSTM classifier)',
  makeKernelFunc: (original) => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const x = requireInput(args, 'x', 'Identity');
      if (x.dtype === 'string' && original !== undefined) return original.kernelFunc(args) as TensorInfo;
      return sharedOutput(x, args.backend);
    };
    return kernel;
  },
};
