import * as tf from '@tensorflow/tfjs';
import { currentRecurrencePlan } from './recurrence-layout.js';

/**
 * Names of the fused whole-sequence recurrence kernels. @recurrent/backend registers them (for
 * wasm and cpu); layers never imports it, so the names are agreed here as strings and the layers
 * ask the kernel registry whether the current backend has them.
 *
 * @example
 * ```ts
 * hasRecurrenceKernel(RECURRENCE_KERNELS.lstm); // true after initBackend() on wasm
 * ```
 */
export const RECURRENCE_KERNELS = Object.freeze({
  lstm: 'RcLstmSequence',
  lstmGrad: 'RcLstmSequenceGrad',
  lstmProjected: 'RcLstmProjectedSequence',
  lstmProjectedGrad: 'RcLstmProjectedSequenceGrad',
  gru: 'RcGruSequence',
  gruGrad: 'RcGruSequenceGrad',
  gruProjected: 'RcGruProjectedSequence',
  gruProjectedGrad: 'RcGruProjectedSequenceGrad',
  linearScan: 'RcLinearScan',
  linearScanGrad: 'RcLinearScanGrad',
  minGruProjected: 'RcMinGruProjectedScan',
  minGruProjectedGrad: 'RcMinGruProjectedScanGrad',
  minLstmProjected: 'RcMinLstmProjectedScan',
  minLstmProjectedGrad: 'RcMinLstmProjectedScanGrad',
  crfForward: 'RcCrfForward',
  crfForwardGrad: 'RcCrfForwardGrad',
});

/**
 * Whether the kernel `name` is registered for the current backend (read, never set).
 *
 * @example
 * ```ts
 * if (hasRecurrenceKernel('RcLstmSequence')) { ... }
 * ```
 */
export function hasRecurrenceKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) !== undefined;
}

/**
 * Whether to run the fused kernel `name`: the recurrence plan allows fused kernels (tests and
 * benchmarks turn them off with `setRecurrencePlan({ fused: false })`) and the current backend has it.
 *
 * @example
 * ```ts
 * if (useFusedKernel(RECURRENCE_KERNELS.minGruProjected)) { ... }
 * ```
 */
export function useFusedKernel(name: string): boolean {
  return currentRecurrencePlan().fused && hasRecurrenceKernel(name);
}

/**
 * Whether a gradient is being recorded right now (inside `tf.grad`, `tf.variableGrads`,
 * `optimizer.minimize`, `model.fit`): the fused forward saves what BPTT needs only then.
 *
 * @example
 * ```ts
 * recordingGradients(); // false in model.predict
 * ```
 */
export function recordingGradients(): boolean {
  return tf.engine().state.gradientDepth > 0;
}

/**
 * Runs a registered multi-output kernel through the engine (so it is tracked, tidied and profiled).
 *
 * @example
 * ```ts
 * const [packed] = runRecurrenceKernel('RcLstmSequence', { x, recurrentKernel, h0, c0 }, { goBackwards: false, returnSequences: false, saveForGrad: false });
 * ```
 */
export function runRecurrenceKernel(
  name: string,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, boolean> = {},
): tf.Tensor[] {
  const out = tf
    .engine()
    .runKernel(name, inputs as tf.NamedTensorMap, attrs as unknown as tf.NamedAttrMap) as
    tf.Tensor | tf.Tensor[];
  return Array.isArray(out) ? out : [out];
}
