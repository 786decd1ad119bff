import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of the fused diagonal linear scan (minGRU/minLSTM; same string in @recurrent/layers). @example `tf.getKernel(LINEAR_SCAN_KERNEL, 'wasm')` */
export const LINEAR_SCAN_KERNEL = 'RcLinearScan';
/** Kernel name of its backward pass. @example `tf.getKernel(LINEAR_SCAN_GRAD_KERNEL, 'wasm')` */
export const LINEAR_SCAN_GRAD_KERNEL = 'RcLinearScanGrad';

/**
 * `h_t = a_t ⊙ h_{t−1} + b_t` over all steps in one kernel call: inputs `a`, `b` `[time, n]`,
 * `h0` `[1, n]`; output `h` `[time, n]`. O(time·n), one pass (SIMD).
 *
 * @example
 * registerKernel({ kernelName: LINEAR_SCAN_KERNEL, backendName: 'wasm', kernelFunc: linearScanKernel(mod, 'wasm') });
 */
export function linearScanKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo => {
    const io = kernelIo(args, backendName, LINEAR_SCAN_KERNEL);
    const [time, n] = (args.inputs['a'] as TensorInfo).shape as [number, number];
    const [a, b, h0, h] = mod.layout([time * n, time * n, n, time * n]);
    const mem = mod.f32();
    mem.set(io.input('a'), a / 4);
    mem.set(io.input('b'), b / 4);
    mem.set(io.input('h0'), h0 / 4);
    mod.exports.linearScanForward(time, n, a, b, h0, h);
    return io.output([time, n], mem.subarray(h / 4, h / 4 + time * n));
  };
}

/**
 * Backward of {@link linearScanKernel}: inputs `a`, `h` (the forward output), `h0`, `dy` (gradient
 * of `h`); outputs `da`, `db` `[time, n]` and `dh0` `[1, n]`, with `g_t = dy_t + a_{t+1} g_{t+1}`
 * flushed to 0 below 1e-20 (as the composite scan: no float32 denormals reach later matMuls).
 *
 * @example
 * registerKernel({ kernelName: LINEAR_SCAN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: linearScanGradKernel(mod, 'wasm') });
 */
export function linearScanGradKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, LINEAR_SCAN_GRAD_KERNEL);
    const [time, n] = (args.inputs['a'] as TensorInfo).shape as [number, number];
    const [a, h, h0, dy, da, db, dh0, g] = mod.layout([time * n, time * n, n, time * n, time * n, time * n, n, n]);
    const mem = mod.f32();
    mem.set(io.input('a'), a / 4);
    mem.set(io.input('h'), h / 4);
    mem.set(io.input('h0'), h0 / 4);
    mem.set(io.input('dy'), dy / 4);
    mod.exports.linearScanBackward(time, n, a, h, h0, dy, da, db, dh0, g);
    const view = (at: number, count: number) => mem.subarray(at / 4, at / 4 + count);
    return [io.output([time, n], view(da, time * n)), io.output([time, n], view(db, time * n)), io.output([1, n], view(dh0, n))];
  };
}
