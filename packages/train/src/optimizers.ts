import * as tf from '@tensorflow/tfjs';
import { assertOneOf } from '@recurrent/core';
import { FusedAdamOptimizer } from './fused-adam.js';
import { OPTIMIZER_NAMES, type OptimizerName } from './train-config.js';

/** Settings `createOptimizer` reads (a subset of `TrainConfig`). */
export interface OptimizerOptions {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * Creates a tfjs optimizer by name. `adam` is {@link FusedAdamOptimizer} (tfjs's Adam, one fused
 * kernel per variable where the backend has it). `adamw` is Adam; its decoupled weight decay is
 * applied by the train step (`applyWeightDecay`), because tfjs has no AdamW.
 *
 * @example
 * ```ts
 * const optimizer = createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: 'momentum', learningRate: 0.1 });
 * ```
 */
export function createOptimizer(options: OptimizerOptions): tf.Optimizer {
  assertOneOf(options.optimizer, 'optimizer', OPTIMIZER_NAMES);
  switch (options.optimizer) {
    case 'adam':
    case 'adamw':
      return new FusedAdamOptimizer(options.learningRate, options.beta1, options.beta2, options.epsilon);
    case 'sgd':
      return tf.train.sgd(options.learningRate);
    case 'momentum':
      return tf.train.momentum(options.learningRate, options.momentum);
  }
}

/** The parts of tfjs optimizers that are public at runtime but not in their typings. */
interface LearningRateHolder {
  learningRate: number;
  setLearningRate?: (rate: number) => void;
}

/**
 * Sets the learning rate used by the next `applyGradients`. tfjs SGD/Momentum expose
 * `setLearningRate` (which also refreshes their cached `-lr` scalar); Adam reads its protected
 * `learningRate` field on every step, so that field is written.
 *
 * @example
 * ```ts
 * setLearningRate(optimizer, 0.0005);
 * ```
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const holder = optimizer as unknown as LearningRateHolder;
  if (holder.learningRate === rate) return;
  if (typeof holder.setLearningRate === 'function') holder.setLearningRate(rate);
  else holder.learningRate = rate;
}

/**
 * Decoupled weight decay (Loshchilov & Hutter, AdamW): `w ← w − lr·wd·w`, applied to every variable
 * independently of the gradient. Call it once per step before `applyGradients`.
 *
 * @example
 * ```ts
 * applyWeightDecay(variables, 0.001, 0.01);
 * ```
 */
export function applyWeightDecay(variables: readonly tf.Variable[], rate: number, weightDecay: number): void {
  if (weightDecay <= 0) return;
  const keep = 1 - rate * weightDecay;
  tf.tidy(() => {
    for (const variable of variables) variable.assign(tf.mul(variable, keep));
  });
}

/**
 * Disposes an optimizer and everything it holds. Porting note: tfjs 4.22 `MomentumOptimizer.dispose()`
 * does not call `super.dispose()`, so the `-lr` scalar `c` it inherits from SGD leaks; it is disposed
 * here as well.
 *
 * @example
 * ```ts
 * disposeOptimizer(optimizer);
 * ```
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer.getClassName() === 'Momentum') {
    const c = (optimizer as unknown as { c?: tf.Tensor }).c;
    if (c !== undefined && !c.isDisposed) c.dispose();
  }
}
