import * as tf from '@tensorflow/tfjs';

/**
 * The candidate activation `g` of minGRU/minLSTM (Feng et al. 2024, log-space version):
 * `g(x) = x + 0.5` for `x ≥ 0`, `σ(x)` otherwise. Continuous at 0 (both 0.5), strictly positive,
 * linear for large inputs; computed as `max(x + 0.5, σ(x))`. Elementwise, any shape.
 *
 * @example
 * ```ts
 * minRnnCandidate(tf.tensor1d([-2, 0, 3])); // [0.1192, 0.5, 3.5]
 * ```
 */
export function minRnnCandidate(x: tf.Tensor): tf.Tensor {
  // Same values as the branch: x + 0.5 > σ(x) for x > 0 and σ(x) > x + 0.5 for x < 0 (equal at 0),
  // so the larger of the two is g. Three kernels, no Select (slow on wasm).
  return tf.tidy(() => tf.maximum(tf.add(x, 0.5), tf.sigmoid(x)));
}

