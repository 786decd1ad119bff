import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';

/**
 * Reverses the valid (unmasked) prefix of every sequence and leaves the padding where it is:
 * with lengths `L_b = Σ_t mask[b, t]`, position `t < L_b` takes row `L_b − 1 − t`. Right padding is
 * assumed. The indices are built with tensor ops (no synchronous read of the mask), then one
 * `gather` over `[batch*time, features]`. Applying it twice gives the input back.
 *
 * @param x `[batch, time, features]`.
 * @param mask `[batch, time]` (bool or numeric), or null for a full reverse.
 *
 * @example
 * ```ts
 * // x rows [a b c PAD], mask [1 1 1 0]  →  [c b a PAD]
 * const reversed = reverseValid(x, mask);
 * ```
 */
export function reverseValid(x: tf.Tensor3D, mask: tf.Tensor | null): tf.Tensor3D {
  return tf.tidy(() => {
    if (mask === null) return tf.reverse(x, 1);
    const [batch, time, features] = x.shape;
    assert(
      mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === time,
      () => `mask must have shape [batch, time] = [${batch}, ${time}], got [${mask.shape.join(', ')}]`,
      'SHAPE',
    );
    // lengths: [batch, 1]
    const lengths = tf.sum(tf.cast(tf.cast(mask, 'bool'), 'int32'), 1, true);
    // steps: [1, time]
    const steps = tf.expandDims(tf.range(0, time, 1, 'int32'), 0);
    // source: [batch, time] index of the step each position reads from
    const one = tf.scalar(1, 'int32');
    const source = tf.where(tf.less(steps, lengths), tf.sub(tf.sub(lengths, one), steps), tf.add(steps, tf.zerosLike(lengths)));
    // flat: [batch*time] row index into x reshaped to [batch*time, features]
    const rowOffsets = tf.expandDims(tf.range(0, batch * time, time, 'int32'), 1);
    const flat = tf.reshape(tf.add(source, rowOffsets), [-1]);
    const rows = tf.gather(tf.reshape(x, [batch * time, features]), flat);
    return tf.reshape(rows, [batch, time, features]);
  });
}
