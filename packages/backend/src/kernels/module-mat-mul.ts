import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo, transposeInto } from './kernel-io.js';
import type { RecurrenceModule } from './recurrence-module.js';

/** Products below this many multiply-adds stay with the stock kernel (copying in and out would dominate). */
export const MODULE_MAT_MUL_MIN_MACS = 1 << 18;
/** Narrower outputs (a 2-class classifier) miss `gemm`'s 8-column blocks and stay with the stock kernel. */
const MIN_COLUMNS = 8;

interface MatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly activation?: string;
}

const size = (shape: readonly number[]): number => shape.reduce((p, d) => p * d, 1);
/** Product of all but the last two axes (1 for a plain matrix product). */
const batchOf = (shape: readonly number[]): number => size(shape.slice(0, -2));

/**
 * Which `BatchMatMul` / `_FusedMatMul` calls the module's `gemm` can take: float32, one matrix
 * (every batch axis 1), at least {@link MODULE_MAT_MUL_MIN_MACS} multiply-adds and 8 columns, and for the
 * fused kernel a linear activation and a bias that is one row of `n` values (or none).
 */
function eligible(args: KernelArgs, m: number, k: number, n: number): boolean {
  const { a, b, bias, preluActivationWeights } = args.inputs;
  const attrs = args.attrs as unknown as MatMulAttrs;
  if (a === undefined || b === undefined || a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  if (batchOf(a.shape) !== 1 || batchOf(b.shape) !== 1 || k === 0 || n < MIN_COLUMNS || m * k * n < MODULE_MAT_MUL_MIN_MACS) return false;
  if (preluActivationWeights !== undefined || (attrs.activation !== undefined && attrs.activation !== 'linear')) return false;
  return bias === undefined || (bias.dtype === 'float32' && size(bias.shape) === n && bias.shape.at(-1) === n);
}

/**
 * A `BatchMatMul` or `_FusedMatMul` kernel that runs large single-matrix products in the
 * recurrence module's register-blocked SIMD `gemm`, with the rows split over two threads when the
 * module has a helper thread, and hands everything else to `fallback` (the kernel registered
 * before). `transposeA` is read in place (`gemm` takes `A` transposed); `transposeB` is transposed
 * while copying `B` in. XNNPACK in tfjs-backend-wasm runs on one thread in Node (and the cpu
 * backend's matMul reaches under 1 GFLOP/s), so this is what lets the input projections, their
 * gradients and the classifier use both cores.
 *
 * @example
 * registerKernel({ kernelName: 'BatchMatMul', backendName: 'wasm', kernelFunc: moduleMatMulKernel(mod, 'wasm', 'BatchMatMul', stock) });
 */
export function moduleMatMulKernel(
  mod: RecurrenceModule,
  backendName: 'wasm' | 'cpu',
  kernelName: 'BatchMatMul' | '_FusedMatMul',
  fallback: KernelFunc,
): KernelFunc {
  return (args: KernelArgs) => {
    const a = args.inputs['a'] as TensorInfo;
    const b = args.inputs['b'] as TensorInfo;
    const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
    const m = a.shape.at(transposeA ? -1 : -2) as number;
    const k = a.shape.at(transposeA ? -2 : -1) as number;
    const n = b.shape.at(transposeB ? -2 : -1) as number;
    if (!eligible(args, m, k, n)) return fallback(args);
    const io = kernelIo(args, backendName, kernelName);
    const hasBias = args.inputs['bias'] !== undefined;
    const [ap, wp, biasp, cp] = mod.layout([m * k, k * n, n, m * n]);
    const mem = mod.f32();
    mem.set(io.input('a'), ap / 4);
    if (transposeB) transposeInto(io.input('b'), n, k, mem, wp / 4);
    else mem.set(io.input('b'), wp / 4);
    if (hasBias) mem.set(io.input('bias'), biasp / 4);
    else mem.fill(0, biasp / 4, biasp / 4 + n);
    // Output rows r0… on one thread: A's rows start r0 values in (transposed) or r0 rows down.
    mod.runRows('gemm', m, (r0, rows) => [
      ap + 4 * (transposeA ? r0 : r0 * k), transposeA ? m : k, transposeA ? 1 : 0, wp, n, k, n, biasp, cp + 4 * r0 * n, n, rows,
    ]);
    const outer = (a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2);
    return io.output([...outer, m, n], mem.subarray(cp / 4, cp / 4 + m * n));
  };
}
