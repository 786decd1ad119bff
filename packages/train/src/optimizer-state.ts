import * as tf from '@tensorflow/tfjs';
import type { NamedTensorLike } from './tensor-pack.js';

/** The optimizer state that is not in `getWeights()`: Adam's running powers of beta1 and beta2. */
export interface OptimizerExtras {
  readonly accBeta1?: number;
  readonly accBeta2?: number;
}

/** Adam keeps `accBeta1`/`accBeta2` as private variables (tfjs-core adam_optimizer.ts). */
interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

/**
 * Snapshot of an optimizer: `getWeights()` (iteration count first, then e.g. Adam's first and
 * second moments in variable order) plus Adam's beta powers read exactly. Call `release` after the
 * tensors were written: it disposes the iteration scalar, which `getWeights()` creates; the moments
 * are the optimizer's live variables and stay.
 *
 * @example
 * ```ts
 * const state = await readOptimizerState(optimizer);
 * const packed = await packTensors(state.weights);
 * state.release();
 * ```
 */
export async function readOptimizerState(
  optimizer: tf.Optimizer,
): Promise<{ weights: NamedTensorLike[]; extras: OptimizerExtras; release: () => void }> {
  const weights = await optimizer.getWeights();
  const internals = optimizer as unknown as AdamInternals;
  let extras: OptimizerExtras = {};
  if (internals.accBeta1 instanceof tf.Variable && internals.accBeta2 instanceof tf.Variable) {
    const [b1] = await internals.accBeta1.data();
    const [b2] = await internals.accBeta2.data();
    extras = { accBeta1: b1, accBeta2: b2 };
  }
  const iteration = weights[0];
  return { weights, extras, release: () => iteration?.tensor.dispose() };
}

/**
 * Restores a snapshot into a freshly created optimizer of the same kind: `setWeights()` restores the
 * iteration count and the moments; Adam's beta powers are then written back exactly (tfjs recomputes
 * them as `pow(beta, iterations + 1)`, which can differ from the running product in the last bit).
 * Disposes `weights` (the optimizer keeps its own copies).
 *
 * @example
 * ```ts
 * await restoreOptimizerState(createOptimizer(config), unpacked, meta.optimizer.extras);
 * ```
 */
export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  weights: readonly NamedTensorLike[],
  extras: OptimizerExtras,
): Promise<void> {
  await optimizer.setWeights(weights.map((w) => ({ name: w.name, tensor: w.tensor })));
  const internals = optimizer as unknown as AdamInternals;
  tf.tidy(() => {
    if (extras.accBeta1 !== undefined && internals.accBeta1 instanceof tf.Variable) {
      internals.accBeta1.assign(tf.scalar(extras.accBeta1));
    }
    if (extras.accBeta2 !== undefined && internals.accBeta2 instanceof tf.Variable) {
      internals.accBeta2.assign(tf.scalar(extras.accBeta2));
    }
  });
  tf.dispose(weights.map((w) => w.tensor));
}
