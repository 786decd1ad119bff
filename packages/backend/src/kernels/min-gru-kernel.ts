import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Kernel name of the fused minGRU scan (same string in @recurrent/layers). @example `tf.getKernel(MIN_GRU_SCAN_KERNEL, 'wasm')` */
export const MIN_GRU_SCAN_KERNEL = 'RcMinGruScan';
/** Kernel name of its backward pass. @example `tf.getKernel(MIN_GRU_SCAN_GRAD_KERNEL, 'wasm')` */
export const MIN_GRU_SCAN_GRAD_KERNEL = 'RcMinGruScanGrad';

/**
 * The whole minGRU recurrence after its input projections, in one pass: inputs `kz`, `kh`
 * `[time, n]` (gate and candidate pre-activations, time-major, `n` = batch·units), `h0` `[1, n]`,
 * optional `valid` `[time, n]` (1 at real steps, 0 at padding, where the state carries); output
 * `h` `[time, n]` with `h_t = σ(−kz)·h_{t−1} + σ(kz)·max(kh + ½, σ(kh))`. Columns are independent:
 * with a helper thread they are split between two threads. Nothing is saved: the backward pass
 * recomputes the gates.
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_SCAN_KERNEL, backendName: 'wasm', kernelFunc: minGruScanKernel(mod, 'wasm') });
 */
export function minGruScanKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo => {
    const io = kernelIo(args, backendName, MIN_GRU_SCAN_KERNEL);
    const [time, n] = (args.inputs['kz'] as TensorInfo).shape as [number, number];
    const masked = args.inputs['valid'] !== undefined;
    const [kz, kh, h0, valid, h] = mod.layout([time * n, time * n, n, masked ? time * n : 0, time * n]);
    const mem = mod.f32();
    mem.set(io.input('kz'), kz / 4);
    mem.set(io.input('kh'), kh / 4);
    mem.set(io.input('h0'), h0 / 4);
    if (masked) mem.set(io.input('valid'), valid / 4);
    mod.runRows('minGruForward', n, (c0, cols) => [
      time, cols, n, kz + 4 * c0, kh + 4 * c0, h0 + 4 * c0, masked ? valid + 4 * c0 : 0, h + 4 * c0,
    ]);
    return io.output([time, n], mem.subarray(h / 4, h / 4 + time * n));
  };
}

/**
 * Backward of {@link minGruScanKernel}: inputs `kz`, `kh`, `h` (its output), `h0`, `dy` (gradient
 * of `h`), optional `valid`; outputs `dkz`, `dkh` `[time, n]` and `dh0` `[1, n]`. The carried
 * gradient is flushed to 0 below 1e-20, as in the composite scan (no float32 denormals reach the
 * projection matMuls).
 *
 * @example
 * registerKernel({ kernelName: MIN_GRU_SCAN_GRAD_KERNEL, backendName: 'wasm', kernelFunc: minGruScanGradKernel(mod, 'wasm') });
 */
export function minGruScanGradKernel(mod: RecurrenceModule, backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, MIN_GRU_SCAN_GRAD_KERNEL);
    const [time, n] = (args.inputs['kz'] as TensorInfo).shape as [number, number];
    const masked = args.inputs['valid'] !== undefined;
    const tn = time * n;
    const [kz, kh, h, h0, valid, dy, dkz, dkh, dh0, g, aNext] = mod.layout([tn, tn, tn, n, masked ? tn : 0, tn, tn, tn, n, n, n]);
    const mem = mod.f32();
    for (const [name, at] of [['kz', kz], ['kh', kh], ['h', h], ['h0', h0], ['dy', dy]] as const) mem.set(io.input(name), at / 4);
    if (masked) mem.set(io.input('valid'), valid / 4);
    mod.runRows('minGruBackward', n, (c0, cols) => {
      const at = (p: number) => p + 4 * c0;
      return [time, cols, n, at(kz), at(kh), at(h), at(h0), masked ? at(valid) : 0, at(dy), at(dkz), at(dkh), at(dh0), at(g), at(aNext)];
    });
    const view = (at: number, count: number) => mem.subarray(at / 4, at / 4 + count);
    return [io.output([time, n], view(dkz, tn)), io.output([time, n], view(dkh, tn)), io.output([1, n], view(dh0, n))];
  };
}
