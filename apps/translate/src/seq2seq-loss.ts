import * as tf from '@tensorflow/tfjs';

/**
 * Mean cross-entropy over real target tokens (mask 1), with label smoothing ε:
 * `−(1−ε) log p(y) − ε/V Σ_v log p(v)` per token.
 *
 * @param logits `[batch, tgtTime, vocab]`.
 * @param targets `[batch, tgtTime]` int32 ids.
 * @param mask `[batch, tgtTime]`, 1 at real tokens.
 *
 * @example
 * ```ts
 * const loss = maskedCrossEntropy(logits, batch.targetOut, batch.targetMask, 0.1);
 * ```
 */
export function maskedCrossEntropy(logits: tf.Tensor3D, targets: tf.Tensor2D, mask: tf.Tensor2D, labelSmoothing: number): tf.Scalar {
  return tf.tidy(() => {
    const vocab = logits.shape[2];
    const logProbs = tf.logSoftmax(logits); // [batch, tgtTime, vocab]
    const gold = tf.sum(tf.mul(logProbs, tf.oneHot(targets, vocab)), -1); // [batch, tgtTime]
    let perToken = tf.neg(gold);
    if (labelSmoothing > 0) {
      const uniform = tf.mean(logProbs, -1); // [batch, tgtTime]
      perToken = tf.sub(tf.mul(perToken, 1 - labelSmoothing), tf.mul(uniform, labelSmoothing));
    }
    return tf.div(tf.sum(tf.mul(perToken, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;
  });
}
