import * as tf from '@tensorflow/tfjs';
import { assertOneOf } from '@recurrent/core';
import type { ConfigDict, Kwargs, LayerArgs, Shape } from '../tfjs-types.js';

/** Pooling modes over time: masked mean, masked max, or `[mean; max]`. */
export const POOL_MODES = ['mean', 'max', 'mean-max'] as const;
export type PoolMode = (typeof POOL_MODES)[number];

/** Arguments of {@link RcMaskedPooling}. */
export interface RcMaskedPoolingArgs extends LayerArgs {
  /** `mean`, `max` or `mean-max` (concatenation, mean first). */
  readonly mode: PoolMode;
}

/** Added to padded steps before the max, so they never win. */
const MASKED_MAX_OFFSET = -1e9;

/**
 * Pools `[batch, time, units]` over time using only the real steps of each sequence (the mask
 * that `tf.layers.embedding({maskZero: true})` propagates): padding never enters a pool. Without a
 * mask every step counts. Output `[batch, units]` (`[batch, 2*units]` for `mean-max`).
 *
 * // Porting note: stock tfjs `globalAveragePooling1d`/`globalMaxPooling1d` ignore the mask (Keras
 * // honours it for the average only), so padded steps would enter the pool.
 *
 * @example
 * ```ts
 * const pool = rcMaskedPooling({ mode: 'mean-max' });
 * const y = pool.apply(tf.ones([2, 5, 3]), { mask: tf.tensor2d([[1, 1, 0, 0, 0], [1, 1, 1, 1, 1]]) }); // [2, 6]
 * ```
 */
export class RcMaskedPooling extends tf.layers.Layer {
  static readonly className = 'RcMaskedPooling';
  readonly mode: PoolMode;

  constructor(args: RcMaskedPoolingArgs) {
    super(args);
    assertOneOf(args.mode, 'mode', POOL_MODES);
    this.mode = args.mode;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const units = shape[2] ?? null;
    return [shape[0] ?? null, units === null ? null : this.mode === 'mean-max' ? 2 * units : units];
  }

  override computeMask(): tf.Tensor {
    // The pooled vector has no time axis left to mask; tfjs reads null as "no mask".
    return null as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D; // [batch, time, units]
      const rawMask = kwargs['mask'] as tf.Tensor | tf.Tensor[] | null | undefined;
      const given = (Array.isArray(rawMask) ? rawMask[0] : rawMask) ?? null;
      const mask = (given === null ? tf.onesLike(x.slice([0, 0, 0], [-1, -1, 1])) : given.toFloat().expandDims(2)) as tf.Tensor3D; // [batch, time, 1]
      const pooled: tf.Tensor2D[] = [];
      if (this.mode !== 'max') {
        const count = mask.sum(1).maximum(1); // [batch, 1]
        pooled.push(x.mul(mask).sum(1).div(count)); // [batch, units]
      }
      if (this.mode !== 'mean') {
        pooled.push(x.add(tf.scalar(1).sub(mask).mul(MASKED_MAX_OFFSET)).max(1)); // [batch, units]
      }
      return pooled.length === 1 ? (pooled[0] as tf.Tensor2D) : tf.concat(pooled, 1); // [batch, units or 2*units]
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}
tf.serialization.registerClass(RcMaskedPooling);

/**
 * Factory of {@link RcMaskedPooling}.
 *
 * @example
 * ```ts
 * const pool = rcMaskedPooling({ mode: 'max' });
 * ```
 */
export const rcMaskedPooling = (args: RcMaskedPoolingArgs): RcMaskedPooling => new RcMaskedPooling(args);
