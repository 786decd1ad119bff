import { getKernel, registerKernel, unregisterKernel, type KernelFunc } from '@tensorflow/tfjs';
import { EQUAL_BROADCAST_WASM } from './equal-broadcast-wasm.js';
import { explicitTransposeMatMulPatch } from './explicit-transpose-mat-mul-wasm.js';
import { GATHER_ROWS_WASM } from './gather-rows-wasm.js';
import { IDENTITY_WASM } from './identity-wasm.js';
import { MAX_POOL_GRAD_WASM } from './max-pool-grad-wasm.js';
import { TANH_WASM } from './tanh-wasm.js';
import { TRANSPOSE_IDENTITY_WASM } from './transpose-identity-wasm.js';
import type { KernelPatch } from './kernel-patch.js';
import { REVERSE_AXIS_WASM } from './reverse-axis-wasm.js';
import { SLICE_CPU } from './slice-cpu.js';
import { SLICE_WASM } from './slice-wasm.js';
import { SPLIT_V_CPU } from './split-v-cpu.js';
import { SPLIT_V_WASM } from './split-v-wasm.js';
import { SUM_LEADING_AXES_WASM } from './sum-leading-axes-wasm.js';
import { UNSORTED_SEGMENT_SUM_CPU } from './unsorted-segment-sum-cpu.js';
import { UNSORTED_SEGMENT_SUM_WASM } from './unsorted-segment-sum-wasm.js';

/**
 * Every kernel this package replaces, by backend. Each has a test comparing it with the
 * stock cpu kernel, and a benchmark in `bench/kernels.mjs`.
 *
 * @example
 * KERNEL_PATCHES.map((p) => `${p.backendName}/${p.kernelName}`);
 * // ['cpu/UnsortedSegmentSum', 'cpu/Slice', 'cpu/SplitV', 'wasm/UnsortedSegmentSum', 'wasm/BatchMatMul', 'wasm/_FusedMatMul',
 * //  'wasm/GatherV2', 'wasm/Sum', 'wasm/Reverse', 'wasm/Equal', 'wasm/Identity', 'wasm/MaxPoolGrad', 'wasm/Tanh',
 * //  'wasm/Transpose', 'wasm/Slice', 'wasm/SplitV']
 */
export const KERNEL_PATCHES: readonly KernelPatch[] = Object.freeze([
  UNSORTED_SEGMENT_SUM_CPU,
  SLICE_CPU,
  SPLIT_V_CPU,
  UNSORTED_SEGMENT_SUM_WASM,
  explicitTransposeMatMulPatch('BatchMatMul'),
  explicitTransposeMatMulPatch('_FusedMatMul'),
  GATHER_ROWS_WASM,
  SUM_LEADING_AXES_WASM,
  REVERSE_AXIS_WASM,
  EQUAL_BROADCAST_WASM,
  IDENTITY_WASM,
  MAX_POOL_GRAD_WASM,
  TANH_WASM,
  TRANSPOSE_IDENTITY_WASM,
  SLICE_WASM,
  SPLIT_V_WASM,
]);

/** Kernel functions we registered, so a second call recognises them. */
const installed = new WeakSet<KernelFunc>();

/**
 * Tells {@link patchKernels} that `kernelFunc` already includes its patch (a kernel registered on
 * top of a patched one, e.g. the module matMul), so a later call does not wrap it again.
 *
 * @example
 * markPatched(moduleMatMul);
 */
export function markPatched(kernelFunc: KernelFunc): void {
  installed.add(kernelFunc);
}

/**
 * Registers this package's kernels for `backendName` (cpu, wasm; other backends have none),
 * replacing the stock ones. Safe to call again: kernels already replaced are left alone.
 * The wasm backend module must be loaded before its kernels can be patched.
 *
 * @param only - replace only these kernels (benchmarks compare one patch at a time).
 * @returns the names of the kernels now replaced on that backend.
 *
 * @example
 * await tf.setBackend('cpu');
 * patchKernels('cpu'); // ['UnsortedSegmentSum', 'Slice', 'SplitV']
 */
export function patchKernels(backendName: string, only?: readonly string[]): string[] {
  const patched: string[] = [];
  for (const patch of KERNEL_PATCHES) {
    if (patch.backendName !== backendName) continue;
    if (only !== undefined && !only.includes(patch.kernelName)) continue;
    const current = getKernel(patch.kernelName, backendName);
    if (current === undefined || !installed.has(current.kernelFunc)) {
      const kernelFunc = patch.makeKernelFunc(current);
      if (current !== undefined) unregisterKernel(patch.kernelName, backendName);
      // Keep the stock setup/dispose hooks: the wrapped wasm kernels rely on them.
      registerKernel({
        kernelName: patch.kernelName,
        backendName,
        kernelFunc,
        ...(current?.setupFunc === undefined ? {} : { setupFunc: current.setupFunc }),
        ...(current?.disposeFunc === undefined ? {} : { disposeFunc: current.disposeFunc }),
      });
      installed.add(kernelFunc);
    }
    patched.push(patch.kernelName);
  }
  return patched;
}
