import type { TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import type { CpuBackendLike, KernelArgs, WasmBackendLike } from './kernel-patch.js';

/**
 * Reads float32 inputs and makes float32 outputs on the wasm or cpu backend.
 *
 * @example
 * const io: KernelIo = kernelIo(args, 'cpu', 'RcLinearScan');
 * const out = io.output([2], Float32Array.from(io.input('a').subarray(0, 2)));
 */
export interface KernelIo {
  /** The values of a float32 input (a view: use before {@link KernelIo.output}, which may move the wasm heap). */
  input(name: string): Float32Array;
  /** A new float32 output tensor holding `values` (copied). */
  output(shape: number[], values: Float32Array): TensorInfo;
}

/**
 * A {@link KernelIo} over a kernel call's backend (`wasm`: views of the tfjs heap, `cpu`: the stored arrays).
 *
 * @example
 * const io = kernelIo(args, 'wasm', 'RcLstmSequence');
 * const x = io.input('x');
 */
export function kernelIo(args: KernelArgs, backendName: 'wasm' | 'cpu', kernelName: string): KernelIo {
  const read = (name: string): TensorInfo => {
    const t = args.inputs[name];
    if (t === undefined) throw new RecurrentError('INTERNAL', `${kernelName}: input '${name}' is missing`);
    if (t.dtype !== 'float32') throw new RecurrentError('BACKEND', `${kernelName}: input '${name}' must be float32, got ${t.dtype}`);
    return t;
  };
  if (backendName === 'wasm') {
    const backend = args.backend as WasmBackendLike;
    return {
      input: (name) => backend.typedArrayFromHeap(read(name)) as Float32Array,
      output: (shape, values) => {
        const out = backend.makeOutput(shape, 'float32');
        (backend.typedArrayFromHeap(out) as Float32Array).set(values);
        return out;
      },
    };
  }
  const backend = args.backend as CpuBackendLike;
  return {
    input: (name) => backend.data.get(read(name).dataId).values as Float32Array,
    output: (shape, values) => backend.makeTensorInfo(shape, 'float32', values.slice()),
  };
}

/**
 * `mem[dst + i] += mem[src + i]` for `i < n` (summing the helper thread's partial weight gradient).
 *
 * @example
 * const mem = Float32Array.from([1, 2, 10, 20]);
 * addInto(mem, 0, 2, 2); // mem = [11, 22, 10, 20]
 */
export function addInto(mem: Float32Array, dst: number, src: number, n: number): void {
  for (let i = 0; i < n; i++) mem[dst + i] = (mem[dst + i] as number) + (mem[src + i] as number);
}

/**
 * Writes the transpose of the row-major `[rows, cols]` array `src` into `out` from element `at`.
 *
 * @example
 * const out = new Float32Array(6);
 * transposeInto(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, out, 0); // out = [1, 4, 2, 5, 3, 6]
 */
export function transposeInto(src: Float32Array, rows: number, cols: number, out: Float32Array, at: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) out[at + j * rows + r] = src[base + j] as number;
  }
}
