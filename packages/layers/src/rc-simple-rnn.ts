import * as tf from '@tensorflow/tfjs';
import { RcSimpleRNNCell, type RcSimpleRNNCellArgs } from './simple-rnn-cell.js';
import { simpleRnnRecurrence } from './simple-rnn-recurrence.js';
import { RcRecurrentLayer, type RcRecurrentLayerArgs } from './recurrent-layer.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/** Arguments of {@link RcSimpleRNN}: the cell's plus the sequence options. @example `const args: RcSimpleRNNArgs = { units: 8, goBackwards: true };` */
export interface RcSimpleRNNArgs extends RcSimpleRNNCellArgs, RcRecurrentLayerArgs {}

/**
 * Elman RNN layer over `[batch, time, features]`: `h_t = tanh(W_x x_t + W_h h_{t-1} + b)`, with the
 * input projection of all steps in one matMul and {@link simpleRnnRecurrence} for the loop.
 *
 * @example
 * ```ts
 * const rnn = rcSimpleRNN({ units: 32, returnSequences: true });
 * const y = rnn.apply(tf.ones([4, 10, 8])) as tf.Tensor; // [4, 10, 32]
 * ```
 */
export class RcSimpleRNN extends RcRecurrentLayer<RcSimpleRNNCell> {
  static readonly className = 'RcSimpleRNN';

  constructor(args: RcSimpleRNNArgs) {
    super(args, new RcSimpleRNNCell({ ...args, name: undefined, inputShape: undefined, batchInputShape: undefined }));
  }

  protected runRecurrence(
    xProj: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult {
    return simpleRnnRecurrence(xProj, this.cell.readRecurrentKernel(), initialStates[0] as tf.Tensor2D, mask, options);
  }
}
tf.serialization.registerClass(RcSimpleRNN);

/** Factory for {@link RcSimpleRNN}. @example `rcSimpleRNN({ units: 16 })` */
export const rcSimpleRNN = (args: RcSimpleRNNArgs) => new RcSimpleRNN(args);
