import { getKernel, registerKernel, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import { heapKernels } from './heap-module.js';
import type { CpuBackendLike, KernelArgs, WasmBackendLike } from './kernel-patch.js';

/** Kernel name of the fused Adam step (same string in @recurrent/train). @example `tf.getKernel(ADAM_UPDATE_KERNEL, 'wasm')` */
export const ADAM_UPDATE_KERNEL = 'RcAdamUpdate';

/** Hyper-parameters of one Adam step (kernel attributes). */
interface AdamAttrs {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * One Adam step of one variable in a single pass over its elements (Kingma & Ba 2015, the update of
 * tfjs's `AdamOptimizer` term by term):
 * `m' = β1·m + (1−β1)·g`, `v' = β2·v + (1−β2)·g²`,
 * `value' = value − lr · (m'/(1−β1ᵗ)) / (√(v'/(1−β2ᵗ)) + ε)`.
 * Inputs `value`, `gradient`, `m`, `v` (one shape) and the scalars `accBeta1` = β1ᵗ, `accBeta2` = β2ᵗ;
 * outputs `[value', m', v']`. tfjs's composite update runs 12 kernels per variable, each a full pass
 * over memory; this is one pass, no temporaries.
 *
 * @example
 * registerKernel({ kernelName: ADAM_UPDATE_KERNEL, backendName: 'wasm', kernelFunc: adamUpdateKernel('wasm') });
 */
export function adamUpdateKernel(backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const input = (name: string): TensorInfo => {
      const t = args.inputs[name];
      if (t === undefined)
        throw new RecurrentError('INTERNAL', `${ADAM_UPDATE_KERNEL}: input '${name}' is missing`);
      if (t.dtype !== 'float32')
        throw new RecurrentError(
          'BACKEND',
          `${ADAM_UPDATE_KERNEL}: input '${name}' must be float32, got ${t.dtype}`,
        );
      return t;
    };
    const infos = ['value', 'gradient', 'm', 'v', 'accBeta1', 'accBeta2'].map(input) as [
      TensorInfo,
      TensorInfo,
      TensorInfo,
      TensorInfo,
      TensorInfo,
      TensorInfo,
    ];
    const shape = infos[0].shape;
    if (backendName === 'wasm') {
      const backend = args.backend as WasmBackendLike;
      // Allocate first: a new output may grow (and so detach) the heap that views point into.
      const outputs = [
        backend.makeOutput(shape, 'float32'),
        backend.makeOutput(shape, 'float32'),
        backend.makeOutput(shape, 'float32'),
      ];
      const [value, gradient, m, v, accBeta1, accBeta2] = infos.map(
        (t) => backend.typedArrayFromHeap(t) as Float32Array,
      );
      const [newValue, newM, newV] = outputs.map((t) => backend.typedArrayFromHeap(t) as Float32Array);
      const heap = heapKernels(backend);
      if (heap !== null) {
        // SIMD in place on the tfjs heap: the arrays are passed as byte offsets, nothing is copied.
        const { learningRate, beta1, beta2, epsilon } = args.attrs as unknown as AdamAttrs;
        const offsets = [value, gradient, m, v, newValue, newM, newV].map(
          (a) => (a as Float32Array).byteOffset,
        );
        const [c1, c2] = [1 / (1 - (accBeta1![0] as number)), 1 / (1 - (accBeta2![0] as number))];
        heap.adamUpdate(value!.length, ...offsets, learningRate, beta1, beta2, epsilon, c1, c2);
        return outputs;
      }
      adamStep(
        args.attrs as unknown as AdamAttrs,
        value!,
        gradient!,
        m!,
        v!,
        accBeta1![0]!,
        accBeta2![0]!,
        newValue!,
        newM!,
        newV!,
      );
      return outputs;
    }
    const backend = args.backend as CpuBackendLike;
    const [value, gradient, m, v, accBeta1, accBeta2] = infos.map(
      (t) => backend.data.get(t.dataId).values as Float32Array,
    );
    const size = value!.length;
    const newValue = new Float32Array(size);
    const newM = new Float32Array(size);
    const newV = new Float32Array(size);
    adamStep(
      args.attrs as unknown as AdamAttrs,
      value!,
      gradient!,
      m!,
      v!,
      accBeta1![0]!,
      accBeta2![0]!,
      newValue,
      newM,
      newV,
    );
    return [newValue, newM, newV].map((values) => backend.makeTensorInfo(shape, 'float32', values));
  };
}

/** The element loop of {@link adamUpdateKernel}: float32 storage, float64 arithmetic in between. */
function adamStep(
  attrs: AdamAttrs,
  value: Float32Array,
  gradient: Float32Array,
  m: Float32Array,
  v: Float32Array,
  accBeta1: number,
  accBeta2: number,
  newValue: Float32Array,
  newM: Float32Array,
  newV: Float32Array,
): void {
  const { learningRate, beta1, beta2, epsilon } = attrs;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  const correction1 = 1 / (1 - accBeta1);
  const correction2 = 1 / (1 - accBeta2);
  for (let i = 0; i < value.length; i++) {
    const g = gradient[i] as number;
    const mi = beta1 * (m[i] as number) + oneMinusBeta1 * g;
    const vi = beta2 * (v[i] as number) + oneMinusBeta2 * g * g;
    newM[i] = mi;
    newV[i] = vi;
    newValue[i] =
      (value[i] as number) - (learningRate * mi * correction1) / (Math.sqrt(vi * correction2) + epsilon);
  }
}

/**
 * Registers the fused optimizer kernels for `backendName` (`wasm` or `cpu`; other backends get
 * none). @recurrent/train's Adam uses them whenever the current backend has them. Safe to call again.
 *
 * @returns the kernel names registered for that backend.
 * @example
 * registerOptimizerKernels('wasm'); // ['RcAdamUpdate']
 */
export function registerOptimizerKernels(backendName: string): string[] {
  if (backendName !== 'wasm' && backendName !== 'cpu') return [];
  if (getKernel(ADAM_UPDATE_KERNEL, backendName) === undefined) {
    registerKernel({
      kernelName: ADAM_UPDATE_KERNEL,
      backendName,
      kernelFunc: adamUpdateKernel(backendName),
    });
  }
  return [ADAM_UPDATE_KERNEL];
}
