import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';

import type { Shape } from '../tfjs-types.js';

/**
 * Appends a vector `[batch, units]` to every step of a sequence `[batch, time, features]`, giving
 * `[batch, time, features + units]`: Cho et al.'s (2014) summary `c`, joined to every decoder input
 * and to the readout. Inputs `[sequence, vector]`; the output keeps the sequence's mask. (A
 * `concatenate` of a masked and an unmasked input builds its mask from `onesLike` of the unmasked
 * one, which depends on trainable weights, and the tape then needs tfjs's missing `All` gradient.)
 *
 * @example
 * ```ts
 * const joined = new RcAppendVector({}).apply([embeddedTarget, summary]); // [batch, tgtTime, embeddingDim + hidden]
 * ```
 */
export class RcAppendVector extends tf.layers.Layer {
  static readonly className = 'RcAppendVector';

  constructor(args: { name?: string } = {}) {
    super(args);
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [sequence, vector] = inputShape as [Shape, Shape];
    const features = sequence[2];
    const units = vector[1];
    return [sequence[0] ?? null, sequence[1] ?? null, typeof features === 'number' && typeof units === 'number' ? features + units : null];
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return ((Array.isArray(mask) ? mask[0] : null) ?? null) as unknown as tf.Tensor;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [sequence, vector] = inputs as tf.Tensor[];
      assert(sequence?.rank === 3 && vector?.rank === 2, () => `${this.name} expects [sequence [batch, time, features], vector [batch, units]]`, 'USAGE');
      const time = sequence.shape[1] as number;
      return tf.concat([sequence, tf.tile(tf.expandDims(vector, 1), [1, time, 1])], -1); // [batch, time, features + units]
    });
  }
}
tf.serialization.registerClass(RcAppendVector);
