import * as tf from '@tensorflow/tfjs';
import { type RecurrenceOptions, type RecurrenceResult, runTimeLoop } from './time-loop.js';

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
 * GRU recurrence over a whole sequence, given the input projection of every step.
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
  const stepWeights = gruStepWeights(weights);
  return runTimeLoop(xProj, [h0], mask, (x, [h]) => [gruStep(x, h as tf.Tensor2D, stepWeights)], options);
}
