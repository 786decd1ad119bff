import * as tf from '@tensorflow/tfjs';
import { type RcCellArgs, RcRecurrentCell } from './recurrent-cell.js';
import { simpleRnnStep } from './simple-rnn-recurrence.js';

/** Arguments of {@link RcSimpleRNNCell}. @example `const args: RcSimpleRNNCellArgs = { units: 8, seed: 1 };` */
export type RcSimpleRNNCellArgs = RcCellArgs;

/**
 * Elman cell: `h_t = tanh(W_x x_t + W_h h_{t-1} + b)`. Weights `kernel [inputDim, units]`,
 * `recurrent_kernel [units, units]`, `bias [units]`, as `tf.layers.simpleRNNCell`.
 *
 * @example
 * ```ts
 * const rnn = tf.layers.rnn({ cell: rcSimpleRNNCell({ units: 16 }), returnSequences: true });
 * const y = rnn.apply(tf.ones([2, 5, 3])) as tf.Tensor; // [2, 5, 16]
 * ```
 */
export class RcSimpleRNNCell extends RcRecurrentCell {
  static readonly className = 'RcSimpleRNNCell';
  readonly stateSize: number;

  constructor(args: RcSimpleRNNCellArgs) {
    super(args, 1);
    this.stateSize = this.units;
  }

  stepFeatureMajor(xProjT: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D[] {
    return [simpleRnnStep(xProjT, states[0] as tf.Tensor2D, tf.transpose(this.readRecurrentKernel()))];
  }
}
tf.serialization.registerClass(RcSimpleRNNCell);

/** Factory for {@link RcSimpleRNNCell}. @example `rcSimpleRNNCell({ units: 8 })` */
export const rcSimpleRNNCell = (args: RcSimpleRNNCellArgs) => new RcSimpleRNNCell(args);
