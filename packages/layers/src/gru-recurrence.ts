import * as tf from '@tensorflow/tfjs';
import { gruRecurrenceBptt } from './gru-bptt.js';
import { type RecurrenceLayout, currentRecurrencePlan } from './recurrence-layout.js';
import { type RecurrenceOptions, type RecurrenceResult, runTimeLoop } from './time-loop.js';
import { fusedGruSupports, gruRecurrenceFused } from './gru-fused.js';
import { RECURRENCE_KERNELS, hasRecurrenceKernel } from './recurrence-kernels.js';

/** Recurrent weights of a GRU as stored, gates fused in tfjs/Keras order z, r, h. @example `const w: GruRecurrentWeights = { recurrentKernel, recurrentBias: null, resetAfter: false };` */
export interface GruRecurrentWeights {
  /** `[units, 3*units]`. */
  readonly recurrentKernel: tf.Tensor2D;
  /** `[3*units]` recurrent bias `b_hh`, only with `resetAfter` (else null). */
  readonly recurrentBias: tf.Tensor1D | null;
  /** Apply the reset gate after the recurrent matMul (cuDNN/Keras variant). */
  readonly resetAfter: boolean;
}

/** The same weights arranged once per sequence for feature-major steps. @example `const w: GruStepWeights = gruStepWeights(weights);` */
export interface GruStepWeights {
  /** resetAfter: `[3*units, units]` = Uᵀ; otherwise `[2*units, units]` = [U_z U_r]ᵀ. */
  readonly gatesT: tf.Tensor2D;
  /** `[units, units]` = U_hᵀ (only without resetAfter; else null). */
  readonly candidateT: tf.Tensor2D | null;
  /** `[3*units, 1]` recurrent bias column (resetAfter with bias), else null. */
  readonly recurrentBias: tf.Tensor2D | null;
  readonly resetAfter: boolean;
}

/**
 * Arranges {@link GruRecurrentWeights} for {@link gruStep} (transposes and splits once).
 *
 * @example
 * ```ts
 * const stepWeights = gruStepWeights({ recurrentKernel, recurrentBias: null, resetAfter: false });
 * ```
 */
export function gruStepWeights(weights: GruRecurrentWeights): GruStepWeights {
  const units = weights.recurrentKernel.shape[0];
  // uT: [3*units, units]
  const uT = tf.transpose(weights.recurrentKernel) as tf.Tensor2D;
  const recurrentBias = weights.recurrentBias === null ? null : (tf.reshape(weights.recurrentBias, [-1, 1]) as tf.Tensor2D);
  if (weights.resetAfter) return { gatesT: uT, candidateT: null, recurrentBias, resetAfter: true };
  const [gatesT, candidateT] = tf.split(uT, [2 * units, units], 0) as [tf.Tensor2D, tf.Tensor2D];
  return { gatesT, candidateT, recurrentBias: null, resetAfter: false };
}

/**
 * One GRU step in feature-major layout (see `StepFunction`), `xProj_t = x_t W + b` with gates z, r, h:
 * `Z = σ(x_z + H U_z)`, `R = σ(x_r + H U_r)`,
 * `H̃ = tanh(x_h + (R⊙H) U_h)` (or, with `resetAfter`, `tanh(x_h + R⊙(H U_h + b_hh))`),
 * `H_t = Z⊙H + (1−Z)⊙H̃` — all transposed: tensors are `[units, batch]`.
 *
 * @example
 * ```ts
 * const w = gruStepWeights({ recurrentKernel, recurrentBias: null, resetAfter: false });
 * const h1 = gruStep(tf.transpose(xProj0), tf.transpose(h0), w); // [units, batch]
 * ```
 */
export function gruStep(xProjT: tf.Tensor2D, h: tf.Tensor2D, weights: GruStepWeights): tf.Tensor2D {
  const [xz, xr, xh] = tf.split(xProjT, 3, 0) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  // hProj: [3*units, batch] (resetAfter) or [2*units, batch]
  let hProj = tf.matMul(weights.gatesT, h);
  if (weights.recurrentBias !== null) hProj = tf.add(hProj, weights.recurrentBias);
  const parts = tf.split(hProj, weights.resetAfter ? 3 : 2, 0) as tf.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz, parts[0] as tf.Tensor2D)) as tf.Tensor2D;
  const r = tf.sigmoid(tf.add(xr, parts[1] as tf.Tensor2D)) as tf.Tensor2D;
  const candidateInner = weights.resetAfter
    ? tf.mul(r, parts[2] as tf.Tensor2D)
    : tf.matMul(weights.candidateT as tf.Tensor2D, tf.mul(r, h) as tf.Tensor2D);
  const candidate = tf.tanh(tf.add(xh, candidateInner));
  // Z⊙H + (1−Z)⊙H̃ = H̃ + Z⊙(H − H̃)
  return tf.add(candidate, tf.mul(z, tf.sub(h, candidate))) as tf.Tensor2D;
}

/**
 * {@link gruStep} in batch-major layout: tensors `[batch, units]`, `xProj` `[batch, 3*units]`, and the
 * weights as stored (`recurrentKernel` `[units, 3*units]`, `recurrentBias` `[3*units]` or null).
 *
 * @example
 * ```ts
 * const h1 = gruStepBatchMajor(xProj0, h0, { recurrentKernel, recurrentBias: null, resetAfter: false }); // [batch, units]
 * ```
 */
export function gruStepBatchMajor(xProj: tf.Tensor2D, h: tf.Tensor2D, weights: GruRecurrentWeights): tf.Tensor2D {
  const units = h.shape[1];
  const [xz, xr, xh] = tf.split(xProj, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const kernel = weights.recurrentKernel;
  // hProj: [batch, 3*units] (resetAfter) or [batch, 2*units]
  let hProj = tf.matMul(h, weights.resetAfter ? kernel : tf.slice(kernel, [0, 0], [units, 2 * units]));
  if (weights.recurrentBias !== null) hProj = tf.add(hProj, weights.recurrentBias);
  const parts = tf.split(hProj, weights.resetAfter ? 3 : 2, 1) as tf.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz, parts[0] as tf.Tensor2D));
  const r = tf.sigmoid(tf.add(xr, parts[1] as tf.Tensor2D));
  const candidateInner = weights.resetAfter
    ? tf.mul(r, parts[2] as tf.Tensor2D)
    : tf.matMul(tf.mul(r, h) as tf.Tensor2D, tf.slice(kernel, [0, 2 * units], [units, units]));
  const candidate = tf.tanh(tf.add(xh, candidateInner));
  return tf.add(candidate, tf.mul(z, tf.sub(h, candidate))) as tf.Tensor2D;
}

/**
 * GRU recurrence differentiated by autodiff through {@link runTimeLoop}, in either layout.
 *
 * @example
 * ```ts
 * const { outputs } = gruRecurrenceAutodiff(xProj, weights, h0, null, { goBackwards: false, returnSequences: true }, 'batch-major');
 * ```
 */
export function gruRecurrenceAutodiff(
  xProj: tf.Tensor3D,
  weights: GruRecurrentWeights,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
  layout: RecurrenceLayout,
): RecurrenceResult {
  if (layout === 'batch-major') {
    return runTimeLoop(xProj, [h0], mask, (x, [h]) => [gruStepBatchMajor(x, h as tf.Tensor2D, weights)], options, layout);
  }
  const stepWeights = gruStepWeights(weights);
  return runTimeLoop(xProj, [h0], mask, (x, [h]) => [gruStep(x, h as tf.Tensor2D, stepWeights)], options);
}

/**
 * GRU recurrence over a whole sequence, given the input projection of every step; runs the plan of
 * `currentRecurrencePlan()`: the fused kernels (`gruRecurrenceFused`) when the backend has them
 * registered, else per backend: on cpu feature-major autodiff, elsewhere the batch-major
 * `gruRecurrenceBptt`.
 *
 * @param xProj `[batch, time, 3*units]` = `X W + b_in`.
 * @param h0 `[batch, units]`.
 * @param mask `[batch, time]` or null.
 *
 * @example
 * ```ts
 * const { outputs } = gruRecurrence(xProj, weights, h0, null, { goBackwards: false, returnSequences: true });
 * ```
 */
export function gruRecurrence(
  xProj: tf.Tensor3D,
  weights: GruRecurrentWeights,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const plan = currentRecurrencePlan();
  if (plan.fused && fusedGruSupports(weights) && hasRecurrenceKernel(RECURRENCE_KERNELS.gru)) {
    return gruRecurrenceFused(xProj, weights, h0, mask, options);
  }
  if (plan.bptt && plan.layout === 'batch-major') return gruRecurrenceBptt(xProj, weights, h0, mask, options);
  return gruRecurrenceAutodiff(xProj, weights, h0, mask, options, plan.layout);
}
