import { getKernel, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';

interface MatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** Swaps the last two axes of `x` with the registered wasm Transpose kernel. */
function transposeLastTwo(x: TensorInfo, backend: WasmBackendLike): TensorInfo {
  const transpose = getKernel('Transpose', 'wasm');
  if (transpose === undefined) throw new RecurrentError('BACKEND', 'wasm Transpose kernel is not registered');
  const rank = x.shape.length;
  const perm = Array.from({ length: rank }, (_, i) => (i < rank - 2 ? i : 2 * rank - 3 - i));
  return transpose.kernelFunc({ inputs: { x }, backend: backend as object, attrs: { perm } }) as TensorInfo;
}

const size = (t: TensorInfo): number => t.shape.reduce((p, d) => p * d, 1);

/**
 * Wraps a wasm matMul kernel (`BatchMatMul`, `_FusedMatMul`) so that `transposeA`/`transposeB`
 * never reach XNNPACK's transposed path, which in tfjs-backend-wasm 4.22 is 9–13× slower than
 * transpose + plain matMul; matMul's gradient always asks for a transposed operand. Two plans,
 * whichever moves fewer values through Transpose:
 * - direct: transpose the flagged operands, then `op(A)·op(B)` plainly;
 * - swapped: `C = (op(B)ᵀ·op(A)ᵀ)ᵀ`, which transposes the unflagged operands and the result
 *   (`dX = dY·Wᵀ` with a big `W` becomes `(W·dYᵀ)ᵀ`). Not used for `_FusedMatMul`, whose bias
 *   and activation apply to `C` itself.
 *
 * @example
 * const patch = explicitTransposeMatMulPatch('BatchMatMul');
 * patch.makeKernelFunc(tf.getKernel('BatchMatMul', 'wasm')); // the wrapped kernel function
 */
export function explicitTransposeMatMulPatch(kernelName: 'BatchMatMul' | '_FusedMatMul'): KernelPatch {
  return {
    kernelName,
    backendName: 'wasm',
    reason: 'transposeA/transposeB path is 9–13× slower than transpose + plain matMul',
    makeKernelFunc: (original: KernelConfig | undefined) => {
      if (original === undefined) throw new RecurrentError('BACKEND', `wasm ${kernelName} kernel is not registered`);
      const plain = original.kernelFunc;
      const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
        const { transposeA, transposeB } = args.attrs as unknown as MatMulAttrs;
        if (!transposeA && !transposeB) return plain(args) as TensorInfo;
        const backend = args.backend as WasmBackendLike;
        const a = args.inputs['a'] as TensorInfo;
        const b = args.inputs['b'] as TensorInfo;
        const temporaries: TensorInfo[] = [];
        const transposed = (x: TensorInfo): TensorInfo => {
          const t = transposeLastTwo(x, backend);
          temporaries.push(t);
          return t;
        };
        const rows = a.shape[a.shape.length - (transposeA ? 1 : 2)] as number;
        const cols = b.shape[b.shape.length - (transposeB ? 2 : 1)] as number;
        const batch = (x: TensorInfo) => size(x) / ((x.shape.at(-1) as number) * (x.shape.at(-2) as number));
        const outSize = Math.max(batch(a), batch(b)) * rows * cols;
        const directCost = (transposeA ? size(a) : 0) + (transposeB ? size(b) : 0);
        const swappedCost = (transposeA ? 0 : size(a)) + (transposeB ? 0 : size(b)) + outSize;
        const plainAttrs = { ...args.attrs, transposeA: false, transposeB: false };
        try {
          if (kernelName === '_FusedMatMul' || directCost <= swappedCost) {
            const inputs = { ...args.inputs, a: transposeA ? transposed(a) : a, b: transposeB ? transposed(b) : b };
            return plain({ ...args, inputs, attrs: plainAttrs }) as TensorInfo;
          }
          // C = op(A)·op(B) = (op(B)ᵀ·op(A)ᵀ)ᵀ, and op(X)ᵀ is X itself when X is flagged.
          const inputs = { a: transposeB ? b : transposed(b), b: transposeA ? a : transposed(a) };
          const product = plain({ ...args, inputs, attrs: plainAttrs }) as TensorInfo;
          temporaries.push(product);
          return transposeLastTwo(product, backend);
        } finally {
          for (const t of temporaries) backend.disposeData(t.dataId);
        }
      };
      return kernel;
    },
  };
}
