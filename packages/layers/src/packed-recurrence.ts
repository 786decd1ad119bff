import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { type RecurrenceOptions, type RecurrenceResult, checkMask } from './time-loop.js';

/**
 * Sizes of a packed recurrence value `[batch, seqCount + numStates, units]`: the per-step outputs
 * (if `seqCount > 0`), then the final states.
 *
 * @example
 * const shape: PackedShape = { batch: 4, time: 10, units: 8, seqCount: 10, numStates: 2 };
 */
export interface PackedShape {
  readonly batch: number;
  readonly time: number;
  readonly units: number;
  /** `time` when the outputs of every step are returned, else 0. */
  readonly seqCount: number;
  /** 1 for GRU (h), 2 for LSTM (h, c). */
  readonly numStates: number;
}

/**
 * The {@link PackedShape} of a recurrence over `xProj` `[batch, time, G*units]` from `h0`
 * `[batch, units]`, after checking that there is at least one step and that `mask` fits.
 *
 * @throws RecurrentError (`SHAPE`) for zero time steps or a mask of another shape.
 * @example
 * const { batch, time, units, seqCount } = packedShape(xProj, h0, mask, options, 2);
 */
export function packedShape(xProj: tf.Tensor3D, h0: tf.Tensor2D, mask: tf.Tensor | null, options: RecurrenceOptions, numStates: number): PackedShape {
  const [batch, time] = xProj.shape;
  assert(time > 0, () => `a recurrent layer needs at least one time step, got input of shape [${xProj.shape.join(', ')}]`, 'SHAPE');
  checkMask(mask, batch, time);
  return { batch, time, units: h0.shape[1], seqCount: options.returnSequences ? time : 0, numStates };
}

/**
 * Calls a `tf.customGrad` recurrence whose value packs outputs and final states into one tensor
 * (a custom gradient returns one value), appending the float 0/1 `mask` `[batch, time]` as its last
 * input when there is one — an input, not a closure, so the backward pass still has it after the
 * caller's tidy — and unpacks `{ outputs, states }`.
 *
 * @example
 * ```ts
 * return runPackedRecurrence(run, [xProj, recurrentKernel, h0, c0], mask, { batch, time, units, seqCount, numStates: 2 });
 * ```
 */
export function runPackedRecurrence(
  run: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: readonly tf.Tensor[],
  mask: tf.Tensor | null,
  shape: PackedShape,
): RecurrenceResult {
  const { batch, time, units, seqCount, numStates } = shape;
  // maskInput: [batch, time] float 0/1 (no gradient flows to it)
  const maskInput = mask === null ? null : (tf.cast(tf.cast(mask, 'bool'), 'float32') as tf.Tensor2D);
  const packed = run(...inputs, ...(maskInput === null ? [] : [maskInput])) as tf.Tensor3D; // [batch, seqCount + numStates, units]
  const outputs = seqCount > 0 ? (tf.slice(packed, [0, 0, 0], [batch, time, units]) as tf.Tensor3D) : null;
  const states = Array.from({ length: numStates }, (_, s) => tf.reshape(tf.slice(packed, [0, seqCount + s, 0], [batch, 1, units]), [batch, units]) as tf.Tensor2D);
  return { outputs, states };
}
