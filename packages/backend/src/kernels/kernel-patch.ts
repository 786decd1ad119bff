import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';

/** Backends whose kernels this package replaces. */
export type PatchedBackendName = 'cpu' | 'wasm';

/**
 * One kernel replacement: which kernel on which backend, why, and how to build the new
 * kernel function from the registered one (absent when tfjs has no kernel at all).
 *
 * @example
 * const patch: KernelPatch = {
 *   kernelName: 'UnsortedSegmentSum', backendName: 'wasm', reason: 'missing',
 *   makeKernelFunc: () => unsortedSegmentSumWasm,
 * };
 */
export interface KernelPatch {
  readonly kernelName: string;
  readonly backendName: PatchedBackendName;
  /** One line: what was wrong with the stock kernel. */
  readonly reason: string;
  readonly makeKernelFunc: (original: KernelConfig | undefined) => KernelFunc;
}

/** Arguments every kernel function receives (tfjs `KernelFunc` parameters, typed loosely). */
export type KernelArgs = Parameters<KernelFunc>[0];

/** A kernel function that returns a single tensor. */
export type SingleOutputKernel = (args: KernelArgs) => TensorInfo;

/** The data storage of tfjs-backend-cpu (`MathBackendCPU`), as far as our kernels use it. */
export interface CpuBackendLike {
  readonly data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: TensorInfo['dtype'], values?: unknown): TensorInfo;
}

/** The heap access of tfjs-backend-wasm (`BackendWasm`), as far as our kernels use it. */
export interface WasmBackendLike {
  makeOutput(shape: number[], dtype: TensorInfo['dtype']): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
}

/**
 * Returns the input named `name`, or throws an INTERNAL error naming the kernel.
 *
 * @example
 * const x = requireInput(args, 'x', 'UnsortedSegmentSum');
 */
export function requireInput(args: KernelArgs, name: string, kernelName: string): TensorInfo {
  const input = args.inputs[name];
  if (input === undefined) throw new RecurrentError('INTERNAL', `${kernelName}: input '${name}' is missing`);
  return input;
}

/** The reference counting of tfjs-backend-wasm's tensor storage (its `Reshape` uses it too). */
interface RefCountingBackend {
  incRef(dataId: object): void;
}

/**
 * A kernel output that shares `x`'s storage (one more reference, as wasm's `Reshape` and the cpu
 * backend's `Identity` do): safe because no kernel writes into its inputs.
 *
 * @example
 * return sharedOutput(requireInput(args, 'x', 'Identity'), args.backend);
 */
export function sharedOutput(x: TensorInfo, backend: unknown): TensorInfo {
  (backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
