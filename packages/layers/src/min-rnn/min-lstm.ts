import * as tf from '@tensorflow/tfjs';
import { minRnnCandidate } from './candidate-activation.js';
import { RECURRENCE_KERNELS } from '../recurrence-kernels.js';
import {
  type FusedMinRnnKernels,
  RcMinRNN,
  type RcMinRNNArgs,
  type ScanCoefficients,
} from './min-rnn-layer.js';

/** Arguments of {@link RcMinLSTM}. @example `const args: RcMinLSTMArgs = { units: 128, returnSequences: true };` */
export type RcMinLSTMArgs = RcMinRNNArgs;

/** `log σ(x) = −softplus(−x)`: finite where `log(sigmoid(x))` is `−∞` (x below about −88). */
function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.neg(tf.softplus(tf.neg(x)));
}

/**
 * minLSTM (Feng et al. 2024, §3.2): `f_t = σ(Linear_f(x_t))`, `i_t = σ(Linear_i(x_t))`,
 * normalised `f'_t = f_t/(f_t + i_t)`, `i'_t = i_t/(f_t + i_t)`, `h̃_t = g(Linear_h(x_t))`,
 * `h_t = f'_t⊙h_{t−1} + i'_t⊙h̃_t`, with `g` = {@link minRnnCandidate}. The kernel is fused
 * `[inputDim, 3*units]` in the order (f, i, h). The normalised gates are computed as
 * `f' = σ(log f − log i)`, `i' = σ(log i − log f)`, which never divides 0 by 0.
 *
 * Porting note: as for {@link RcMinGRU}, `h_0` is zeros or `initialState` as is (not `g(h_0)`).
 *
 * @example
 * ```ts
 * const lstm = rcMinLSTM({ units: 32 });
 * const h = lstm.apply(tf.ones([4, 100, 8])) as tf.Tensor; // [4, 32]
 * ```
 */
export class RcMinLSTM extends RcMinRNN {
  static readonly className = 'RcMinLSTM';

  constructor(args: RcMinLSTMArgs) {
    super(args, 3);
  }

  protected coefficients([kf, ki, kh]: tf.Tensor3D[]): ScanCoefficients {
    // kf, ki, kh: [time, batch, units]
    const logRatio = tf.sub(logSigmoid(kf as tf.Tensor3D), logSigmoid(ki as tf.Tensor3D));
    const a = tf.sigmoid(logRatio) as tf.Tensor3D;
    const b = tf.mul(tf.sigmoid(tf.neg(logRatio)), minRnnCandidate(kh as tf.Tensor3D)) as tf.Tensor3D;
    return { a, b };
  }

  /**
   * `RcMinLstmProjectedScan` / `…Grad` (see {@link RcMinRNN.fusedScan}): the kernel turns f, i into
   * `log σ(k_i) − log σ(k_f)` and runs minGRU's scan on it (`σ(−that) = f/(f + i)`).
   */
  protected override fusedKernels(): FusedMinRnnKernels {
    return {
      forward: RECURRENCE_KERNELS.minLstmProjected,
      backward: RECURRENCE_KERNELS.minLstmProjectedGrad,
      projections: ['kf', 'ki', 'kh'],
    };
  }
}
tf.serialization.registerClass(RcMinLSTM);

/** Factory for {@link RcMinLSTM}. @example `rcMinLSTM({ units: 64, mode: 'sequential' })` */
export const rcMinLSTM = (args: RcMinLSTMArgs) => new RcMinLSTM(args);
