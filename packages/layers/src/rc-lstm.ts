import * as tf from '@tensorflow/tfjs';
import { RcLSTMCell, type RcLSTMCellArgs } from './lstm-cell.js';
import { lstmProjectedRecurrenceFused } from './lstm-fused.js';
import { lstmRecurrence } from './lstm-recurrence.js';
import { RECURRENCE_KERNELS, useFusedKernel } from './recurrence-kernels.js';
import { RcRecurrentLayer, type RcRecurrentLayerArgs } from './recurrent-layer.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/** Arguments of {@link RcLSTM}: the cell's plus the sequence options. @example `const args: RcLSTMArgs = { units: 8, returnState: true };` */
export interface RcLSTMArgs extends RcLSTMCellArgs, RcRecurrentLayerArgs {}

/**
 * LSTM layer over `[batch, time, features]`, computing the input projection of all steps with one
 * matMul and running {@link lstmRecurrence}. Weights are those of {@link RcLSTMCell} (same layout as
 * `tf.layers.lstm`). Masked steps keep `h, c` and output zero.
 *
 * @example
 * ```ts
 * const lstm = rcLSTM({ units: 32, returnSequences: true });
 * const y = lstm.apply(tf.ones([4, 10, 8])) as tf.Tensor; // [4, 10, 32]
 * ```
 */
export class RcLSTM extends RcRecurrentLayer<RcLSTMCell> {
  static readonly className = 'RcLSTM';

  constructor(args: RcLSTMArgs) {
    // The cell is unnamed: its weights are created (and named) inside this layer's scope.
    super(args, new RcLSTMCell({ ...args, name: undefined, inputShape: undefined, batchInputShape: undefined }));
  }

  protected override runProjectingRecurrence(
    x: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult | null {
    if (!useFusedKernel(RECURRENCE_KERNELS.lstmProjected)) return null;
    const [h0, c0] = initialStates as [tf.Tensor2D, tf.Tensor2D];
    const { kernel, bias } = this.cell.projectionWeights();
    return lstmProjectedRecurrenceFused(x, kernel, bias, this.cell.readRecurrentKernel(), h0, c0, mask, options);
  }

  protected runRecurrence(
    xProj: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult {
    const [h0, c0] = initialStates as [tf.Tensor2D, tf.Tensor2D];
    return lstmRecurrence(xProj, this.cell.readRecurrentKernel(), h0, c0, mask, options);
  }
}
tf.serialization.registerClass(RcLSTM);

/** Factory for {@link RcLSTM}. @example `rcLSTM({ units: 16 })` */
export const rcLSTM = (args: RcLSTMArgs) => new RcLSTM(args);
