import * as tf from '@tensorflow/tfjs';

/**
 * `x [batch, time, inUnits] · kernel [inUnits, outUnits]` → `[batch, time, outUnits]` as one 2-D
 * matMul. Porting note: tfjs 4.22's batched matMul of a 3-D by a 2-D tensor computes a
 * gradient for the kernel with the batch dimension kept, which the tape rejects; flattening avoids it.
 *
 * @example
 * ```ts
 * projectLastAxis(tf.ones([2, 3, 4]), tf.ones([4, 5])).shape; // [2, 3, 5]
 * ```
 */
export function projectLastAxis(x: tf.Tensor3D, kernel: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, time, inUnits] = x.shape;
    const flat = tf.matMul(tf.reshape(x, [batch * time, inUnits]), kernel); // [batch*time, outUnits]
    return tf.reshape(flat, [batch, time, kernel.shape[1]]) as tf.Tensor3D;
  });
}
