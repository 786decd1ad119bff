import * as tf from '@tensorflow/tfjs';

/**
 * Scales all gradients by `min(1, maxNorm / globalNorm)` where `globalNorm` is the L2 norm of all
 * gradients concatenated (Pascanu et al. 2013; `torch.nn.utils.clip_grad_norm_`). Returns new tensors
 * (the caller disposes them, or calls this inside `tf.tidy`) and the global norm as a scalar.
 *
 * @example
 * ```ts
 * const { grads, norm } = tf.tidy(() => clipByGlobalNorm([g1, g2], 5));
 * ```
 */
export function clipByGlobalNorm(
  grads: readonly tf.Tensor[],
  maxNorm: number,
): { grads: tf.Tensor[]; norm: tf.Scalar } {
  return tf.tidy(() => {
    const squares = grads.map((g) => tf.sum(tf.square(g)));
    const norm = tf.sqrt(squares.length === 0 ? tf.scalar(0) : tf.addN(squares)) as tf.Scalar;
    // scale = maxNorm / max(norm, maxNorm): 1 when within the bound.
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    return { grads: grads.map((g) => tf.mul(g, scale)), norm };
  });
}

/**
 * Clips every gradient element to `[-maxValue, maxValue]`.
 *
 * @example
 * ```ts
 * const clipped = tf.tidy(() => clipByValue(grads, 1));
 * ```
 */
export function clipByValue(grads: readonly tf.Tensor[], maxValue: number): tf.Tensor[] {
  return tf.tidy(() => grads.map((g) => tf.clipByValue(g, -maxValue, maxValue)));
}
