import * as tf from '@tensorflow/tfjs';
import { currentRecurrencePlan } from './recurrence-layout.js';
import { type RecurrenceOptions, type RecurrenceResult, runTimeLoop } from './time-loop.js';

/**
 * One Elman step in feature-major layout (see `StepFunction`):
 * `h_t = tanh(xProj_t + W_hᵀ h_{t-1})`, i.e. `h_t = tanh(x_t W_x + h_{t-1} W_h + b)` transposed.
 *
 * @param xProjT `[units, batch]`; @param h `[units, batch]`; @param recurrentKernelT `[units, units]` (W_hᵀ).
 *
 * @example
 * ```ts
 * const h1 = simpleRnnStep(tf.transpose(xProj0), tf.transpose(h0), tf.transpose(recurrentKernel)); // [units, batch]
 * ```
 */
export function simpleRnnStep(xProjT: tf.Tensor2D, h: tf.Tensor2D, recurrentKernelT: tf.Tensor2D): tf.Tensor2D {
  return tf.tanh(tf.add(xProjT, tf.matMul(recurrentKernelT, h))) as tf.Tensor2D;
}

/**
 * {@link simpleRnnStep} in batch-major layout: `h_t = tanh(xProj_t + h_{t-1} W_h)`, tensors `[batch, units]`.
 *
 * @example
 * ```ts
 * const h1 = simpleRnnStepBatchMajor(xProj0, h0, recurrentKernel); // [batch, units]
 * ```
 */
export function simpleRnnStepBatchMajor(xProj: tf.Tensor2D, h: tf.Tensor2D, recurrentKernel: tf.Tensor2D): tf.Tensor2D {
  return tf.tanh(tf.add(xProj, tf.matMul(h, recurrentKernel))) as tf.Tensor2D;
}

/**
 * Elman recurrence over a whole sequence, given the input projection of every step, by autodiff
 * through `runTimeLoop` in the layout of `currentRecurrencePlan()`.
 *
 * @param xProj `[batch, time, units]` = `X W_x + b`.
 * @param recurrentKernel `[units, units]`.
 * @param h0 `[batch, units]`.
 * @param mask `[batch, time]` or null.
 *
 * @example
 * ```ts
 * const { outputs, states } = simpleRnnRecurrence(xProj, u, h0, null, { goBackwards: false, returnSequences: true });
 * ```
 */
export function simpleRnnRecurrence(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const { layout } = currentRecurrencePlan();
  if (layout === 'batch-major') {
    return runTimeLoop(xProj, [h0], mask, (x, [h]) => [simpleRnnStepBatchMajor(x, h as tf.Tensor2D, recurrentKernel)], options, layout);
  }
  const uT = tf.transpose(recurrentKernel) as tf.Tensor2D;
  return runTimeLoop(xProj, [h0], mask, (x, [h]) => [simpleRnnStep(x, h as tf.Tensor2D, uT)], options);
}
