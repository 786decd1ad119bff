import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import type { RecurrenceLayout } from './recurrence-layout.js';
import { splitTimeSteps } from './time-steps.js';

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
 * One step: projected input and states in, the new states out (`[0]` is the output). In
 * **feature-major** layout tensors are `[G*units, batch]` / `[stateSize, batch]`, which keeps every
 * per-step slice a contiguous block of memory (on the cpu backend this turns the slowest kernels,
 * strided Unpack/SplitV, into sub-array copies); in **batch-major** layout they are
 * `[batch, G*units]` / `[batch, stateSize]`, so the recurrent matMul is `matMul(h, U)` with the
 * constant kernel on the right (see `RecurrenceLayout`).
 */
export type StepFunction = (xProj: tf.Tensor2D, states: tf.Tensor2D[]) => tf.Tensor2D[];

/**
 * `tf.unstack` along axis 0, except that one step is a reshape: tfjs 4.22's Unpack gradient calls
 * `stack` on a single tensor and throws for a one-step sequence.
 */
function unstackTime(x: tf.Tensor): tf.Tensor[] {
  return x.shape[0] === 1 ? [tf.reshape(x, x.shape.slice(1))] : tf.unstack(x);
}

/**
 * Runs `step` over time on an input projection computed beforehand for all steps (one matMul).
 * Masked steps (mask 0) carry every state unchanged and output zero. Each step is tidied, so only
 * the states and outputs survive (and what the gradient tape keeps while recording).
 * Inputs and results are batch-major; `step` sees tensors in `layout` (feature-major: one
 * transpose each way per sequence, see {@link StepFunction}).
 *
 * @param xProj `[batch, time, G*units]` input projection `X W + b`.
 * @param initialStates each `[batch, stateSize]`.
 * @param mask `[batch, time]` (bool or numeric, nonzero = valid), or null.
 * @param layout the layout `step` works in; default feature-major.
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
  layout: RecurrenceLayout = 'feature-major',
): RecurrenceResult {
  const [batch, time] = xProj.shape;
  assert(time > 0, () => `a recurrent layer needs at least one time step, got input of shape [${xProj.shape.join(', ')}]`, 'SHAPE');
  checkMask(mask, batch, time);
  if (layout === 'batch-major') return runBatchMajor(xProj, initialStates, mask, step, options);
  // perStepX: time × [G*units, batch] (contiguous slices of the time-major transpose)
  const perStepX = unstackTime(tf.transpose(xProj, [1, 2, 0])) as tf.Tensor2D[];
  let perStepValid: tf.Tensor2D[] | null = null;
  if (mask !== null) {
    // perStepValid: time × [1, batch] bool
    perStepValid = unstackTime(tf.expandDims(tf.transpose(tf.cast(mask, 'bool')), 1)) as tf.Tensor2D[];
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

/** Throws a SHAPE error unless `mask` is null or `[batch, time]`. @example `checkMask(mask, 32, 40);` */
export function checkMask(mask: tf.Tensor | null, batch: number, time: number): void {
  if (mask === null) return;
  assert(
    mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === time,
    () => `mask must have shape [batch, time] = [${batch}, ${time}], got [${mask.shape.join(', ')}]`,
    'SHAPE',
  );
}

/**
 * `runTimeLoop` in batch-major layout. The time steps come from {@link splitTimeSteps} (few whole
 * copies on wasm); a padded step blends `m⊙new + (1−m)⊙old` with a float mask column instead of
 * `where` (whose broadcasting kernel is ~20× slower on wasm), exact for m ∈ {0, 1} and finite states.
 */
function runBatchMajor(
  xProj: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
  mask: tf.Tensor | null,
  step: StepFunction,
  options: RecurrenceOptions,
): RecurrenceResult {
  const [batch, time, features] = xProj.shape;
  // perStepX: time × [batch, G*units]
  const perStepX = splitTimeSteps(tf.transpose(xProj, [1, 0, 2])).map((x) => tf.reshape(x, [batch, features]) as tf.Tensor2D);
  // perStepValid, perStepKeep: time × [batch, 1] float (1 = valid step)
  let perStepValid: tf.Tensor2D[] | null = null;
  let perStepKeep: tf.Tensor2D[] | null = null;
  if (mask !== null) {
    const validT = tf.transpose(tf.cast(tf.cast(mask, 'bool'), 'float32'));
    perStepValid = splitTimeSteps(validT).map((m) => tf.reshape(m, [batch, 1]) as tf.Tensor2D);
    perStepKeep = perStepValid.map((m) => tf.sub(1, m) as tf.Tensor2D);
  }
  const order = Array.from({ length: time }, (_, t) => (options.goBackwards ? time - 1 - t : t));
  let states = initialStates;
  const outputs: tf.Tensor2D[] = [];
  for (const t of order) {
    const result = tf.tidy(() => {
      const next = step(perStepX[t] as tf.Tensor2D, states);
      if (perStepValid === null || perStepKeep === null) return [next[0] as tf.Tensor2D, ...next];
      const valid = perStepValid[t] as tf.Tensor2D;
      const keep = perStepKeep[t] as tf.Tensor2D;
      const carried = next.map((s, i) => tf.add(tf.mul(s, valid), tf.mul(states[i] as tf.Tensor2D, keep)) as tf.Tensor2D);
      return [tf.mul(next[0] as tf.Tensor2D, valid) as tf.Tensor2D, ...carried];
    });
    if (options.returnSequences) outputs.push(result[0] as tf.Tensor2D);
    states = result.slice(1) as tf.Tensor2D[];
  }
  return { outputs: options.returnSequences ? (tf.stack(outputs, 1) as tf.Tensor3D) : null, states };
}
