import * as tf from '@tensorflow/tfjs';
import { RcGRUCell, type RcGRUCellArgs } from './gru-cell.js';
import { fusedGruSupports, gruProjectedRecurrenceFused } from './gru-fused.js';
import { gruRecurrence } from './gru-recurrence.js';
import { RECURRENCE_KERNELS, useFusedKernel } from './recurrence-kernels.js';
import { RcRecurrentLayer, type RcRecurrentLayerArgs } from './recurrent-layer.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/** Arguments of {@link RcGRU}: the cell's plus the sequence options. @example `const args: RcGRUArgs = { units: 8, returnSequences: true };` */
export interface RcGRUArgs extends RcGRUCellArgs, RcRecurrentLayerArgs {}

/**
 * GRU layer over `[batch, time, features]` (option `resetAfter` for the cuDNN/Keras variant),
 * computing the input projection of all steps with one matMul and running {@link gruRecurrence}.
 *
 * @example
 * ```ts
 * const gru = rcGRU({ units: 32 });
 * const h = gru.apply(tf.ones([4, 10, 8])) as tf.Tensor; // [4, 32]
 * ```
 */
export class RcGRU extends RcRecurrentLayer<RcGRUCell> {
  static readonly className = 'RcGRU';

  constructor(args: RcGRUArgs) {
    super(args, new RcGRUCell({ ...args, name: undefined, inputShape: undefined, batchInputShape: undefined }));
  }

  protected override runProjectingRecurrence(
    x: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult | null {
    if (!useFusedKernel(RECURRENCE_KERNELS.gruProjected)) return null;
    const weights = this.cell.recurrentWeights();
    if (!fusedGruSupports(weights)) return null;
    const { kernel, bias } = this.cell.projectionWeights();
    return gruProjectedRecurrenceFused(x, kernel, bias, weights, initialStates[0] as tf.Tensor2D, mask, options);
  }

  protected runRecurrence(
    xProj: tf.Tensor3D,
    initialStates: tf.Tensor2D[],
    mask: tf.Tensor | null,
    options: RecurrenceOptions,
  ): RecurrenceResult {
    return gruRecurrence(xProj, this.cell.recurrentWeights(), initialStates[0] as tf.Tensor2D, mask, options);
  }
}
tf.serialization.registerClass(RcGRU);

/** Factory for {@link RcGRU}. @example `rcGRU({ units: 16, resetAfter: true })` */
export const rcGRU = (args: RcGRUArgs) => new RcGRU(args);
