import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { type RcCellArgs, RcRecurrentCell, type CellConfig } from './recurrent-cell.js';
import { type GruRecurrentWeights, gruStep, gruStepWeights } from './gru-recurrence.js';

/** Arguments of {@link RcGRUCell}. @example `const args: RcGRUCellArgs = { units: 8, resetAfter: true };` */
export interface RcGRUCellArgs extends RcCellArgs {
  /**
   * Apply the reset gate after the recurrent matMul, `H̃ = tanh(x_h + R⊙(H U_h + b_hh))`
   * (cuDNN/Keras default). Then the bias is `[2, 3*units]`: row 0 input bias, row 1 recurrent bias,
   * as in Keras. Default false (the lecture form `tanh(X W_xh + (R⊙H) W_hh + b)`, as tfjs).
   */
  readonly resetAfter?: boolean;
}

/** Default of `resetAfter` (the lecture form). @example `rcGRUCell({ units: 8, resetAfter: DEFAULT_RESET_AFTER })` */
export const DEFAULT_RESET_AFTER = false;

/**
 * GRU cell: `H_t = Z⊙H_{t-1} + (1−Z)⊙H̃_t`, `H̃_t = tanh(X W_xh + (R⊙H_{t-1}) W_hh + b)`, sigmoid
 * gates. Fused weights in tfjs/Keras gate order z, r, h: `kernel [inputDim, 3*units]`,
 * `recurrent_kernel [units, 3*units]`, `bias [3*units]` (`[2, 3*units]` with `resetAfter`).
 *
 * @example
 * ```ts
 * const rnn = tf.layers.rnn({ cell: rcGRUCell({ units: 16, resetAfter: true }) });
 * const h = rnn.apply(tf.ones([2, 5, 3])) as tf.Tensor; // [2, 16]
 * ```
 */
export class RcGRUCell extends RcRecurrentCell {
  static readonly className = 'RcGRUCell';
  readonly stateSize: number;
  readonly resetAfter: boolean;

  constructor(args: RcGRUCellArgs) {
    super(args, 3);
    this.resetAfter = args.resetAfter ?? DEFAULT_RESET_AFTER;
    assert(
      typeof this.resetAfter === 'boolean',
      () => `resetAfter must be a boolean, got ${String(args.resetAfter)}`,
      'CONFIG',
    );
    this.stateSize = this.units;
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  protected override inputBias(): tf.Tensor1D | null {
    const bias = super.inputBias();
    if (bias === null || !this.resetAfter) return bias;
    // bias: [2, 3*units] -> row 0
    return tf.reshape(tf.slice(bias, [0, 0], [1, -1]), [-1]) as tf.Tensor1D;
  }

  /** The recurrent weights as the GRU recurrence takes them. */
  recurrentWeights(): GruRecurrentWeights {
    let recurrentBias: tf.Tensor1D | null = null;
    if (this.resetAfter && this.bias !== null) {
      // bias: [2, 3*units] -> row 1
      recurrentBias = tf.reshape(tf.slice(this.bias.read(), [1, 0], [1, -1]), [-1]) as tf.Tensor1D;
    }
    return { recurrentKernel: this.readRecurrentKernel(), recurrentBias, resetAfter: this.resetAfter };
  }

  stepFeatureMajor(xProjT: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D[] {
    return [gruStep(xProjT, states[0] as tf.Tensor2D, gruStepWeights(this.recurrentWeights()))];
  }

  override getCellConfig(): CellConfig {
    return { ...super.getCellConfig(), resetAfter: this.resetAfter };
  }
}
tf.serialization.registerClass(RcGRUCell);

/** Factory for {@link RcGRUCell}. @example `rcGRUCell({ units: 8 })` */
export const rcGRUCell = (args: RcGRUCellArgs) => new RcGRUCell(args);
