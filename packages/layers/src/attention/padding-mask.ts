import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import type { ConfigDict, LayerArgs, Shape } from '../tfjs-types.js';

/** Arguments of {@link RcPaddingMask}. @example `const args: RcPaddingMaskArgs = { padId: 0 };` */
export interface RcPaddingMaskArgs extends LayerArgs {
  /** Id of the padding token. Default 0. */
  readonly padId?: number;
}

/**
 * Turns token ids `[batch, time]` into a float mask `[batch, time]`: 1 for real tokens, 0 for
 * `padId`. Feeds the `mask` input of the attention layers inside a saved model.
 *
 * @example
 * ```ts
 * paddingMask().apply(tf.tensor2d([[5, 3, 0]], undefined, 'int32')); // [[1, 1, 0]]
 * ```
 */
export class RcPaddingMask extends tf.layers.Layer {
  static readonly className = 'RcPaddingMask';
  readonly padId: number;

  constructor(args: RcPaddingMaskArgs = {}) {
    super(args);
    this.padId = args.padId ?? 0;
    assert(Number.isInteger(this.padId) && this.padId >= 0, () => `padId must be a non-negative integer, got ${String(args.padId)}`, 'CONFIG');
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return inputShape as Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      return tf.cast(tf.notEqual(ids, this.padId), 'float32'); // [batch, time]
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), padId: this.padId };
  }
}
tf.serialization.registerClass(RcPaddingMask);

/** Factory for {@link RcPaddingMask}. @example `paddingMask({ padId: 0 })` */
export const paddingMask = (args: RcPaddingMaskArgs = {}) => new RcPaddingMask(args);
