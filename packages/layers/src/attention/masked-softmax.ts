import * as tf from '@tensorflow/tfjs';

/** Added to the scores of masked positions before the softmax; exp(score + this − max) underflows to exactly 0. */
export const MASKED_SCORE = -1e9;

/**
 * Softmax over the last axis of attention scores `[batch, tgtTime, srcTime]` that gives padded
 * source positions (mask 0) exactly zero weight. Rows whose mask is all zero get all-zero weights.
 *
 * @param scores `[batch, tgtTime, srcTime]` unnormalised scores.
 * @param mask `[batch, srcTime]`, 1 (or true) where the source position is real; null = no padding.
 * @returns weights `[batch, tgtTime, srcTime]`, each unmasked row summing to 1.
 *
 * @example
 * ```ts
 * const w = maskedSoftmax(tf.zeros([1, 1, 3]), tf.tensor2d([[1, 1, 0]])); // [[[0.5, 0.5, 0]]]
 * ```
 */
export function maskedSoftmax(scores: tf.Tensor3D, mask: tf.Tensor2D | null): tf.Tensor3D {
  return tf.tidy(() => {
    if (mask === null) return tf.softmax(scores) as tf.Tensor3D;
    const valid = tf.expandDims(tf.cast(mask, 'float32'), 1); // [batch, 1, srcTime]
    // Masked positions: score + MASKED_SCORE, so their exp is exactly 0 after the max shift.
    const shifted = tf.add(scores, tf.mul(tf.sub(1, valid), MASKED_SCORE)); // [batch, tgtTime, srcTime]
    // Multiplying by the mask also zeroes rows where every position is masked.
    return tf.mul(tf.softmax(shifted), valid) as tf.Tensor3D;
  });
}
