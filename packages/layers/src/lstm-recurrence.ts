import * as tf from '@tensorflow/tfjs';
import { lstmRecurrenceBptt } from './lstm-bptt.js';
import { lstmRecurrenceFused } from './lstm-fused.js';
import { RECURRENCE_KERNELS, hasRecurrenceKernel } from './recurrence-kernels.js';
import { type RecurrenceLayout, currentRecurrencePlan } from './recurrence-layout.js';
import { type RecurrenceOptions, type RecurrenceResult, runTimeLoop } from './time-loop.js';

/** The gate maths of one step, either layout: pre-activations i, f, c, o and `C_{t-1}` in, `[H_t, C_t]` out. */
function lstmGates([zi, zf, zc, zo]: tf.Tensor2D[], c: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
  const cNext = tf.add(
    tf.mul(tf.sigmoid(zf as tf.Tensor2D), c),
    tf.mul(tf.sigmoid(zi as tf.Tensor2D), tf.tanh(zc as tf.Tensor2D)),
  ) as tf.Tensor2D;
  const hNext = tf.mul(tf.sigmoid(zo as tf.Tensor2D), tf.tanh(cNext)) as tf.Tensor2D;
  return [hNext, cNext];
}

/**
 * One LSTM step in feature-major layout (see `StepFunction`), fused gates in tfjs/Keras order
 * i, f, c, o: `z = xProj_t + Uᵀ h_{t-1}` (`[4*units, batch]`); `I, F, O = σ(z_i), σ(z_f), σ(z_o)`;
 * `C̃ = tanh(z_c)`; `C_t = F⊙C_{t-1} + I⊙C̃`; `H_t = O⊙tanh(C_t)`. Returns `[h, c]`, each `[units, batch]`.
 *
 * @param recurrentKernelT `[4*units, units]`, the transpose of the `[units, 4*units]` recurrent kernel.
 *
 * @example
 * ```ts
 * const [h1, c1] = lstmStep(tf.transpose(xProj0), tf.transpose(h0), tf.transpose(c0), tf.transpose(recurrentKernel));
 * ```
 */
export function lstmStep(
  xProjT: tf.Tensor2D,
  h: tf.Tensor2D,
  c: tf.Tensor2D,
  recurrentKernelT: tf.Tensor2D,
): [tf.Tensor2D, tf.Tensor2D] {
  // z: [4*units, batch]; the gate blocks are contiguous row ranges
  const z = tf.add(xProjT, tf.matMul(recurrentKernelT, h));
  return lstmGates(tf.split(z, 4, 0) as tf.Tensor2D[], c);
}

/**
 * {@link lstmStep} in batch-major layout: `z = xProj_t + h_{t-1} U` (`[batch, 4*units]`), gates split
 * along the feature axis. Returns `[h, c]`, each `[batch, units]`.
 *
 * @param recurrentKernel `[units, 4*units]` as stored.
 *
 * @example
 * ```ts
 * const [h1, c1] = lstmStepBatchMajor(xProj0, h0, c0, recurrentKernel);
 * ```
 */
export function lstmStepBatchMajor(
  xProj: tf.Tensor2D,
  h: tf.Tensor2D,
  c: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
): [tf.Tensor2D, tf.Tensor2D] {
  // z: [batch, 4*units]
  const z = tf.add(xProj, tf.matMul(h, recurrentKernel));
  return lstmGates(tf.split(z, 4, 1) as tf.Tensor2D[], c);
}

/**
 * LSTM recurrence differentiated by autodiff through {@link runTimeLoop}, in either layout.
 *
 * @example
 * ```ts
 * const { states } = lstmRecurrenceAutodiff(xProj, u, h0, c0, null, { goBackwards: false, returnSequences: false }, 'batch-major');
 * ```
 */
export function lstmRecurrenceAutodiff(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
  layout: RecurrenceLayout,
): RecurrenceResult {
  if (layout === 'batch-major') {
    return runTimeLoop(
      xProj,
      [h0, c0],
      mask,
      (x, [h, c]) => lstmStepBatchMajor(x, h as tf.Tensor2D, c as tf.Tensor2D, recurrentKernel),
      options,
      layout,
    );
  }
  const uT = tf.transpose(recurrentKernel) as tf.Tensor2D;
  return runTimeLoop(
    xProj,
    [h0, c0],
    mask,
    (x, [h, c]) => lstmStep(x, h as tf.Tensor2D, c as tf.Tensor2D, uT),
    options,
  );
}

/**
 * LSTM recurrence over a whole sequence, given the input projection of every step. The layer
 * classes call only this; it runs the plan of `currentRecurrencePlan()`: the fused kernels
 * ({@link lstmRecurrenceFused}) when the backend has them registered, else per backend: on cpu
 * feature-major autodiff, elsewhere the batch-major {@link lstmRecurrenceBptt}.
 *
 * @param xProj `[batch, time, 4*units]` = `X W + b`.
 * @param recurrentKernel `[units, 4*units]`.
 * @param h0 `[batch, units]`; @param c0 `[batch, units]`.
 * @param mask `[batch, time]` or null.
 *
 * @example
 * ```ts
 * const { states: [h, c] } = lstmRecurrence(xProj, u, h0, c0, null, { goBackwards: false, returnSequences: false });
 * ```
 */
export function lstmRecurrence(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const plan = currentRecurrencePlan();
  if (plan.fused && hasRecurrenceKernel(RECURRENCE_KERNELS.lstm)) return lstmRecurrenceFused(xProj, recurrentKernel, h0, c0, mask, options);
  if (plan.bptt) return lstmRecurrenceBptt(xProj, recurrentKernel, h0, c0, mask, options, plan.layout);
  return lstmRecurrenceAutodiff(xProj, recurrentKernel, h0, c0, mask, options, plan.layout);
}
