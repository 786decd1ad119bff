import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';

/** Options shared by every recurrence function. @example `const options: RecurrenceOptions = { goBackwards: false, returnSequences: true };` */
export interface RecurrenceOptions {
  /** Process the sequence from the last step to the first (outputs come in processing order, as Keras). */
  readonly goBackwards: boolean;
  /** Collect the per-step outputs into `[batch, time, units]`; otherwise only the final states. */
  readonly returnSequences: boolean;
}

/** What a recurrence function returns. @example `const { outputs, states: [h] } = simpleRnnRecurrence(xProj, u, h0, null, options);` */
export interface RecurrenceResult {
  /** `[batch, time, units]` per-step outputs (zero at masked steps), or null unless `returnSequences`. */
  readonly outputs: tf.Tensor3D | null;
  /** Final states, `states[0]` being the hidden state `h` (the last valid output). */
  readonly states: tf.Tensor2D[];
}

/**
 * One step in **feature-major** layout: projected input `[G*units, batch]` and states
 * `[stateSize, batch]` in, the new states out (`[0]` is the output). Feature-major keeps every
 * per-step slice (time step, gate block) a contiguous block of memory, which on the cpu backend
 * turns the slowest kernels (strided Unpack/SplitV) into plain sub-array copies.
 */
export type StepFunction = (xProjT: tf.Tensor2D, states: tf.Tensor2D[]) => tf.Tensor2D[];

/**
 * Runs `step` over time on an input projection computed beforehand for all steps (one matMul).
 * Masked steps (mask 0) carry every state unchanged and output zero. Each step is tidied, so only
 * the states and outputs survive (and what the gradient tape keeps while recording).
 * Inputs and results are batch-major; `step` sees feature-major tensors (one transpose each way
 * per sequence, see {@link StepFunction}).
 *
 * @param xProj `[batch, time, G*units]` input projection `X W + b`.
 * @param initialStates each `[batch, stateSize]`.
 * @param mask `[batch, time]` (bool or numeric, nonzero = valid), or null.
 *
 * @example
 * ```ts
 * const uT = tf.transpose(u); // [units, units]
 * const { states } = runTimeLoop(xProj, [h0], null, (x, [h]) => [tf.tanh(tf.add(x, tf.matMul(uT, h!)))],
 *   { goBackwards: false, returnSequences: false });
 * ```
 */
export function runTimeLoop(
  xProj: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  mask: tf.Tensor | null,
  step: StepFunction,
  options: RecurrenceOptions,
): RecurrenceResult {
  const [batch, time] = xProj.shape;
  assert(time > 0, () => `a recurrent layer needs at least one time step, got input of shape [${xProj.shape.join(', ')}]`, 'SHAPE');
  // perStepX: time × [G*units, batch] (contiguous slices of the time-major transpose)
  const perStepX = tf.unstack(tf.transpose(xProj, [1, 2, 0])) as tf.Tensor2D[];
  let perStepValid: tf.Tensor2D[] | null = null;
  if (mask !== null) {
    assert(
      mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === time,
      () => `mask must have shape [batch, time] = [${batch}, ${time}], got [${mask.shape.join(', ')}]`,
      'SHAPE',
    );
    // perStepValid: time × [1, batch] bool
    perStepValid = tf.unstack(tf.expandDims(tf.transpose(tf.cast(mask, 'bool')), 1)) as tf.Tensor2D[];
  }
  const order = Array.from({ length: time }, (_, t) => (options.goBackwards ? time - 1 - t : t));
  // states: each [stateSize, batch]
  let states = initialStates.map((s) => tf.transpose(s) as tf.Tensor2D);
  const outputs: tf.Tensor2D[] = [];
  for (const t of order) {
    const x = perStepX[t] as tf.Tensor2D;
    const result = tf.tidy(() => {
      const next = step(x, states);
      if (perStepValid === null) return [next[0] as tf.Tensor2D, ...next];
      const valid = perStepValid[t] as tf.Tensor2D;
      // Padded step: every state carried over unchanged, output exactly zero.
      const carried = next.map((s, i) => tf.where(valid, s, states[i] as tf.Tensor2D));
      const output = next[0] as tf.Tensor2D;
      return [tf.where(valid, output, tf.zerosLike(output)), ...carried];
    });
    if (options.returnSequences) outputs.push(result[0] as tf.Tensor2D);
    states = result.slice(1) as tf.Tensor2D[];
  }
  return {
    // stack: [time, units, batch] -> outputs: [batch, time, units] (in processing order)
    outputs: options.returnSequences ? (tf.transpose(tf.stack(outputs), [2, 0, 1]) as tf.Tensor3D) : null,
    states: states.map((s) => tf.transpose(s) as tf.Tensor2D),
  };
}
