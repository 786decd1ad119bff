import { getKernel, registerKernel, unregisterKernel, type KernelFunc } from '@tensorflow/tfjs';
import { moduleMatMulKernel } from './module-mat-mul.js';
import { markPatched } from './patch-kernels.js';
import { loadRecurrenceModule } from './recurrence-module.js';

const MAT_MUL_KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;

/** Our matMul kernel functions → the kernel each one falls back to. */
const fallbacks = new WeakMap<KernelFunc, KernelFunc>();

/**
 * Routes large single-matrix `BatchMatMul` / `_FusedMatMul` calls on `backendName` (`wasm` or
 * `cpu`) through the recurrence module's SIMD `gemm`, on two threads with `threads: 2` where a
 * helper thread can start (see {@link moduleMatMulKernel}); smaller or batched products keep the
 * kernel registered before (on wasm, the explicit-transpose patch: call `patchKernels` first).
 * Calling it again re-wraps that same fallback for the new thread count.
 *
 * @returns the kernel names now routed (none for other backends).
 * @example
 * patchKernels('wasm');
 * await registerMatMulKernels('wasm', { threads: 2 }); // ['BatchMatMul', '_FusedMatMul']
 */
export async function registerMatMulKernels(backendName: string, options: { readonly threads?: 1 | 2 } = {}): Promise<string[]> {
  if (backendName !== 'wasm' && backendName !== 'cpu') return [];
  const mod = await loadRecurrenceModule(options);
  for (const kernelName of MAT_MUL_KERNELS) {
    const current = getKernel(kernelName, backendName);
    if (current === undefined) continue;
    const fallback = fallbacks.get(current.kernelFunc) ?? current.kernelFunc;
    const kernelFunc = moduleMatMulKernel(mod, backendName, kernelName, fallback);
    fallbacks.set(kernelFunc, fallback);
    markPatched(kernelFunc);
    unregisterKernel(kernelName, backendName);
    registerKernel({
      kernelName,
      backendName,
      kernelFunc,
      ...(current.setupFunc === undefined ? {} : { setupFunc: current.setupFunc }),
      ...(current.disposeFunc === undefined ? {} : { disposeFunc: current.disposeFunc }),
    });
  }
  return [...MAT_MUL_KERNELS];
}
