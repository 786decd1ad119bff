import * as tf from '@tensorflow/tfjs';
import { assertOneOf } from '@recurrent/core';

/**
 * Memory layout of the per-step tensors inside a recurrence.
 * - `feature-major`: `[G*units, batch]`, `matMul(Uᵀ, h)`; every per-step slice (time step, gate block)
 *   is one contiguous block, which on the cpu backend turns strided Unpack/SplitV into sub-array copies.
 * - `batch-major`: `[batch, G*units]`, `matMul(h, U)`; the constant `U` is the right operand, which
 *   the wasm backend's XNNPACK operator cache packs once per sequence instead of once per step.
 */
export type RecurrenceLayout = 'feature-major' | 'batch-major';

/** Every {@link RecurrenceLayout}. @example `RECURRENCE_LAYOUTS.includes('batch-major') // true` */
export const RECURRENCE_LAYOUTS: readonly RecurrenceLayout[] = Object.freeze(['feature-major', 'batch-major']);

/** How the recurrences run: fused kernels when registered, else step layout and whether LSTM/GRU use their hand-written BPTT. @example `const plan: RecurrencePlan = { layout: 'batch-major', bptt: true, fused: false };` */
export interface RecurrencePlan {
  readonly layout: RecurrenceLayout;
  /** LSTM and GRU run their `tf.customGrad` BPTT (one weight-gradient matMul over all steps) instead of autodiff. */
  readonly bptt: boolean;
  /**
   * LSTM and GRU run the fused whole-sequence kernels (`RcLstmSequence`, … registered by
   * @recurrent/backend) whenever the current backend has them; `false` forces the composite plan.
   */
  readonly fused: boolean;
}

/**
 * The measured-fastest plan per backend (test/bench/recurrence-plans.mjs): the fused kernels where
 * registered; otherwise on `cpu` feature-major with
 * autodiff; everywhere else (wasm, and by the same reasoning webgl/tensorflow, which favour few large
 * kernels with a constant right operand) batch-major with the hand-written BPTT.
 *
 * @example
 * ```ts
 * recurrencePlanFor('cpu');  // { layout: 'feature-major', bptt: false, fused: true }
 * recurrencePlanFor('wasm'); // { layout: 'batch-major', bptt: true, fused: true }
 * ```
 */
export function recurrencePlanFor(backendName: string): RecurrencePlan {
  return backendName === 'cpu'
    ? { layout: 'feature-major', bptt: false, fused: true }
    : { layout: 'batch-major', bptt: true, fused: true };
}

let override: Partial<RecurrencePlan> = {};

/**
 * Overrides parts of the per-backend plan for every later recurrence (tests run both layouts this
 * way; benchmarks compare plans). Pass `null` to go back to {@link recurrencePlanFor}. Never
 * changes the backend.
 *
 * @throws RecurrentError (`CONFIG`) for an unknown layout, naming the allowed ones.
 * @example
 * ```ts
 * setRecurrencePlan({ layout: 'batch-major' }); // bptt still per backend
 * setRecurrencePlan(null);
 * ```
 */
export function setRecurrencePlan(plan: Partial<RecurrencePlan> | null): void {
  if (plan?.layout !== undefined) assertOneOf(plan.layout, 'recurrence layout', RECURRENCE_LAYOUTS);
  override = plan === null ? {} : { ...plan };
}

/**
 * The plan the next recurrence uses: {@link recurrencePlanFor} the current backend (read, never
 * set), with any {@link setRecurrencePlan} override applied.
 *
 * @example
 * ```ts
 * if (currentRecurrencePlan().layout === 'batch-major') { ... }
 * ```
 */
export function currentRecurrencePlan(): RecurrencePlan {
  return { ...recurrencePlanFor(tf.getBackend()), ...override };
}
