import * as tf from '@tensorflow/tfjs';
import { checkScanShapes } from './parallel-scan.js';

/**
 * The definition of the diagonal linear recurrence, one step at a time:
 * `h_t = a_t ⊙ h_{t−1} + b_t` from `h_{−1} = h0`. Same contract as {@link parallelLinearScan}
 * (time-major `[time, batch, units]` in and out); `time` small ops instead of `log2(time)` large
 * ones, so it is the cheaper choice for step-by-step inference and the reference the parallel
 * scan is tested against.
 *
 * @example
 * ```ts
 * const a = tf.fill([3, 1, 1], 0.5), b = tf.ones([3, 1, 1]);
 * sequentialLinearScan(a, b, tf.zeros([1, 1])); // h = [1, 1.5, 1.75]
 * ```
 */
export function sequentialLinearScan(a: tf.Tensor3D, b: tf.Tensor3D, h0: tf.Tensor2D): tf.Tensor3D {
  checkScanShapes(a, b, h0);
  return tf.tidy(() => {
    // perStepA, perStepB: time × [batch, units]. One step: a reshape, since the gradient of a
    // one-output unstack fails in tfjs 4.22 (Unpack's gradient gets a tensor, not a list).
    const steps = (x: tf.Tensor3D) => (x.shape[0] === 1 ? [tf.reshape(x, [x.shape[1], x.shape[2]])] : tf.unstack(x)) as tf.Tensor2D[];
    const perStepA = steps(a);
    const perStepB = steps(b);
    let h = h0;
    const outputs: tf.Tensor2D[] = [];
    perStepA.forEach((at, t) => {
      h = tf.add(tf.mul(at, h), perStepB[t] as tf.Tensor2D);
      outputs.push(h);
    });
    // outputs: [time, batch, units]
    return tf.stack(outputs) as tf.Tensor3D;
  });
}
