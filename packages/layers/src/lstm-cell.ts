import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { type RcCellArgs, RcRecurrentCell, type CellConfig } from './recurrent-cell.js';
import { lstmStep } from './lstm-recurrence.js';
import type { Initializer } from './tfjs-types.js';

/** Arguments of {@link RcLSTMCell}. @example `const args: RcLSTMCellArgs = { units: 8, unitForgetBias: true };` */
export interface RcLSTMCellArgs extends RcCellArgs {
  /** Initialise the forget-gate part of the bias to 1 (Jozefowicz et al. 2015). Default true. */
  readonly unitForgetBias?: boolean;
}

/** Default of `unitForgetBias`. @example `rcLSTMCell({ units: 8, unitForgetBias: DEFAULT_UNIT_FORGET_BIAS })` */
export const DEFAULT_UNIT_FORGET_BIAS = true;

/**
 * LSTM cell: `C_t = F⊙C_{t-1} + I⊙C̃_t`, `H_t = O⊙tanh(C_t)` with sigmoid gates and tanh candidate.
 * Fused weights in tfjs/Keras gate order i, f, c, o: `kernel [inputDim, 4*units]`,
 * `recurrent_kernel [units, 4*units]`, `bias [4*units]` (forget part 1 at init). States `[h, c]`.
 *
 * @example
 * ```ts
 * const rnn = tf.layers.rnn({ cell: rcLSTMCell({ units: 16 }) });
 * const h = rnn.apply(tf.ones([2, 5, 3])) as tf.Tensor; // [2, 16]
 * ```
 */
export class RcLSTMCell extends RcRecurrentCell {
  static readonly className = 'RcLSTMCell';
  readonly stateSize: number[];
  readonly unitForgetBias: boolean;

  constructor(args: RcLSTMCellArgs) {
    super(args, 4);
    this.unitForgetBias = args.unitForgetBias ?? DEFAULT_UNIT_FORGET_BIAS;
    assert(
      typeof this.unitForgetBias === 'boolean',
      () => `unitForgetBias must be a boolean, got ${String(args.unitForgetBias)}`,
      'CONFIG',
    );
    this.stateSize = [this.units, this.units];
  }

  protected override makeBiasInitializer(): Initializer {
    const base = super.makeBiasInitializer();
    if (!this.unitForgetBias) return base;
    const units = this.units;
    // Only `apply` is used by addWeight; the forget block [units, 2*units) is set to 1.
    const withForget = {
      apply: (shape: tf.Shape, dtype?: tf.DataType) =>
        tf.tidy(() => {
          const b = base.apply(shape, dtype);
          const isForget = tf.tensor1d(Array.from({ length: 4 * units }, (_, i) => i >= units && i < 2 * units), 'bool');
          return tf.where(isForget, tf.onesLike(b), b);
        }),
    };
    return withForget as unknown as Initializer;
  }

  stepFeatureMajor(xProjT: tf.Tensor2D, states: tf.Tensor2D[]): tf.Tensor2D[] {
    const uT = tf.transpose(this.readRecurrentKernel()) as tf.Tensor2D;
    return lstmStep(xProjT, states[0] as tf.Tensor2D, states[1] as tf.Tensor2D, uT);
  }

  override getCellConfig(): CellConfig {
    return { ...super.getCellConfig(), unitForgetBias: this.unitForgetBias };
  }
}
tf.serialization.registerClass(RcLSTMCell);

/** Factory for {@link RcLSTMCell}. @example `rcLSTMCell({ units: 8 })` */
export const rcLSTMCell = (args: RcLSTMCellArgs) => new RcLSTMCell(args);
