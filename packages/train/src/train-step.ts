import * as tf from '@tensorflow/tfjs';
import { clipByGlobalNorm, clipByValue } from './gradient-clipping.js';
import { applyWeightDecay } from './optimizers.js';

/** Options of one optimisation step. */
export interface TrainStepOptions {
  /** The loss of one batch; runs inside `tf.variableGrads`, so it must be synchronous. */
  readonly loss: () => tf.Scalar;
  /** Trainable variables, in a fixed order (optimizer moments are matched by position). */
  readonly variables: readonly tf.Variable[];
  readonly optimizer: tf.Optimizer;
  readonly learningRate: number;
  readonly clipNorm: number;
  readonly clipValue: number;
  readonly weightDecay: number;
}

/**
 * One step: gradients of `loss` → clip by value → clip by global norm → decoupled weight decay →
 * `applyGradients`, all inside one `tf.tidy`. Returns the loss scalar, which the caller disposes.
 *
 * @example
 * ```ts
 * const loss = trainStep({ loss: () => lossOf(batch), variables, optimizer, learningRate: 1e-3,
 *   clipNorm: 5, clipValue: 0, weightDecay: 0 });
 * ```
 */
export function trainStep(options: TrainStepOptions): tf.Scalar {
  const { variables, optimizer } = options;
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(options.loss, [...variables]);
    let list = variables.map((v) => grads[v.name] ?? tf.zerosLike(v));
    if (options.clipValue > 0) list = clipByValue(list, options.clipValue);
    if (options.clipNorm > 0) list = clipByGlobalNorm(list, options.clipNorm).grads;
    applyWeightDecay(variables, options.learningRate, options.weightDecay);
    optimizer.applyGradients(variables.map((v, i) => ({ name: v.name, tensor: list[i] as tf.Tensor })));
    return value;
  });
}
