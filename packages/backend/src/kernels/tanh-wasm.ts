import type { TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';
import { heapKernels } from './heap-module.js';

// Eigen's rational approximation of tanh, the one the fused kernels use (assembly/activations.ts):
// a degree-13/6 odd/even polynomial ratio on [-7.905, 7.905], where float32 tanh reaches ±1.
const LIMIT = 7.90531110763549805;
const A1 = 4.89352455891786e-3;
const A3 = 6.37261928875436e-4;
const A5 = 1.48572235717979e-5;
const A7 = 5.12229709037114e-8;
const A9 = -8.60467152213735e-11;
const A11 = 2.00018790482477e-13;
const A13 = -2.76076847742355e-16;
const B0 = 4.89352518554385e-3;
const B2 = 2.268434632439e-3;
const B4 = 1.18534705686654e-4;
const B6 = 1.19825839466702e-6;

/**
 * `out[i] = tanh(x[i])` by the rational approximation (within 2.4e-7 of `Math.tanh`, about 2 ulp
 * of float32), without a transcendental call per element.
 *
 * @example
 * const out = new Float32Array(2);
 * tanhInto(Float32Array.from([0, 20]), out); // [0, 1]
 */
export function tanhInto(x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < x.length; i++) {
    const raw = x[i] as number;
    const v = raw < -LIMIT ? -LIMIT : raw > LIMIT ? LIMIT : raw;
    const x2 = v * v;
    let p = x2 * A13 + A11;
    p = p * x2 + A9;
    p = p * x2 + A7;
    p = p * x2 + A5;
    p = p * x2 + A3;
    p = p * x2 + A1;
    let q = x2 * B6 + B4;
    q = q * x2 + B2;
    q = q * x2 + B0;
    out[i] = (p * v) / q;
  }
}

/**
 * Tanh on wasm without a `tanh` call per element: the stock kernel took ~27 ms (CPU) for the
 * tagger's char CNN activations (`[19200, 100]`), {@link tanhInto} ~8 ms, and the same
 * approximation as SIMD in place on the heap (`heapKernels`, where tfjs's memory can be imported)
 * less still. Non-float32 inputs go to the stock kernel; NaN stays NaN.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.tanh(tf.tensor1d([0, 1])); // [0, 0.7615942]
 */
export const TANH_WASM: KernelPatch = {
  kernelName: 'Tanh',
  backendName: 'wasm',
  reason: 'one libm tanh per element: ~27 ms for [19200, 100]',
  makeKernelFunc: (original) => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const x = requireInput(args, 'x', 'Tanh');
      if (x.dtype !== 'float32' && original !== undefined) return original.kernelFunc(args) as TensorInfo;
      const backend = args.backend as WasmBackendLike;
      const out = backend.makeOutput(x.shape, 'float32');
      const input = backend.typedArrayFromHeap(x) as Float32Array;
      const output = backend.typedArrayFromHeap(out) as Float32Array;
      const heap = heapKernels(backend);
      if (heap !== null)
        heap.tanh(input.length, input.byteOffset, output.byteOffset); // SIMD in place on the heap
      else tanhInto(input, output);
      return out;
    };
    return kernel;
  },
};
