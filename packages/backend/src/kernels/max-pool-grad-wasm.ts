import { backend_util, type TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs, KernelPatch, SingleOutputKernel, WasmBackendLike } from './kernel-patch.js';
import { requireInput } from './kernel-patch.js';

interface MaxPoolGradAttrs {
  readonly filterSize: [number, number] | number;
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The gradient of `maxPool` (NHWC): each output's `dy` goes to the first position holding its
 * window's maximum, as tfjs's cpu kernel does. One pass over every window.
 *
 * @example
 * const dx = new Float32Array(4);
 * maxPoolGradInto(Float32Array.from([1, 3, 2, 0]), Float32Array.from([5]), info, dx); // 2×2 window: dx = [0, 5, 0, 0]
 */
export function maxPoolGradInto(x: Float32Array, dy: Float32Array, info: backend_util.Conv2DInfo, dx: Float32Array): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, strideHeight, strideWidth } = info;
  const { dilationHeight, dilationWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Per output position, the window is walked position by position with the channels innermost
  // (contiguous in NHWC), keeping each channel's running maximum and where it was first seen.
  const best = new Float64Array(channels);
  const at = new Int32Array(channels);
  dx.fill(0);
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * inHeight * inWidth * channels;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * strideHeight - top;
      for (let ow = 0; ow < outWidth; ow++, o += channels) {
        const w0 = ow * strideWidth - left;
        at.fill(-1);
        for (let fh = 0; fh < effectiveFilterHeight; fh += dilationHeight) {
          const h = h0 + fh;
          if (h < 0 || h >= inHeight) continue;
          for (let fw = 0; fw < effectiveFilterWidth; fw += dilationWidth) {
            const w = w0 + fw;
            if (w < 0 || w >= inWidth) continue;
            const row = image + (h * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[row + c] as number;
              if (v > (best[c] as number) || (at[c] as number) < 0) {
                best[c] = v;
                at[c] = row + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++) {
          const i = at[c] as number;
          if (i >= 0) dx[i] = (dx[i] as number) + (dy[o + c] as number);
        }
      }
    }
  }
}

/**
 * MaxPoolGrad on wasm: the stock kernel took 155 ms for the tagger's char CNN pooling (`[32, 30,
 * 20, 100]` pooled over each word's 20 characters), the largest kernel of its training step; this
 * one pass over heap views takes a few ms. Other dtypes go to the stock kernel.
 *
 * @example
 * patchKernels('wasm'); // registers it
 * tf.grad((x) => tf.sum(tf.maxPool(x, [1, 4], [1, 4], 'valid')))(x);
 */
export const MAX_POOL_GRAD_WASM: KernelPatch = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  reason: 'stock kernel: 155 ms for a [32,30,20,100] char-CNN pooling gradient',
  makeKernelFunc: (original) => {
    const kernel: SingleOutputKernel = (args: KernelArgs): TensorInfo => {
      const dy = requireInput(args, 'dy', 'MaxPoolGrad');
      const input = requireInput(args, 'input', 'MaxPoolGrad');
      if ((input.dtype !== 'float32' || dy.dtype !== 'float32') && original !== undefined) return original.kernelFunc(args) as TensorInfo;
      const { filterSize, strides, pad, dimRoundingMode } = args.attrs as unknown as MaxPoolGradAttrs;
      const info = backend_util.computePool2DInfo(input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode);
      const backend = args.backend as WasmBackendLike;
      const dx = backend.makeOutput(input.shape, 'float32');
      maxPoolGradInto(backend.typedArrayFromHeap(input) as Float32Array, backend.typedArrayFromHeap(dy) as Float32Array, info, backend.typedArrayFromHeap(dx) as Float32Array);
      return dx;
    };
    return kernel;
  },
};
