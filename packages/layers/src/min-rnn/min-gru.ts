import * as tf from '@tensorflow/tfjs';
import { RECURRENCE_KERNELS } from '../recurrence-kernels.js';
import { minRnnCandidate } from './candidate-activation.js';
import {
  type FusedMinRnnKernels,
  RcMinRNN,
  type RcMinRNNArgs,
  type ScanCoefficients,
} from './min-rnn-layer.js';

/** Arguments of {@link RcMinGRU}. @example `const args: RcMinGRUArgs = { units: 128, mode: 'parallel' };` */
export type RcMinGRUArgs = RcMinRNNArgs;

/**
 * minGRU (Feng et al. 2024, §3.1): `z_t = σ(Linear_z(x_t))`, `h̃_t = g(Linear_h(x_t))`,
 * `h_t = (1 − z_t)⊙h_{t−1} + z_t⊙h̃_t`, with `g` = {@link minRnnCandidate}. The kernel is fused
 * `[inputDim, 2*units]` in the order (z, h). No recurrent weights: all steps run as one scan.
 *
 * Porting note: the paper's log-space code also maps `h_0` through `g` (log needs `h_0 > 0`); our
 * scan runs in linear space, so `h_0` is zeros or the given `initialState` unchanged, and a
 * returned state can be passed back to continue a sequence.
 *
 * @example
 * ```ts
 * const gru = rcMinGRU({ units: 32, returnSequences: true });
 * const h = gru.apply(tf.ones([4, 100, 8])) as tf.Tensor; // [4, 100, 32]
 * ```
 */
export class RcMinGRU extends RcMinRNN {
  static readonly className = 'RcMinGRU';

  constructor(args: RcMinGRUArgs) {
    super(args, 2);
  }

  protected coefficients([kz, kh]: tf.Tensor3D[]): ScanCoefficients {
    // kz, kh: [time, batch, units]. a = 1 − z = σ(−k_z), accurate where 1 − σ(k_z) would round to 0.
    const a = tf.sigmoid(tf.neg(kz as tf.Tensor3D)) as tf.Tensor3D;
    const z = tf.sub(1, a);
    const b = tf.mul(z, minRnnCandidate(kh as tf.Tensor3D)) as tf.Tensor3D;
    return { a, b };
  }

  /** `RcMinGruProjectedScan` / `…Grad`: see {@link RcMinRNN.fusedScan}. */
  protected override fusedKernels(): FusedMinRnnKernels {
    return {
      forward: RECURRENCE_KERNELS.minGruProjected,
      backward: RECURRENCE_KERNELS.minGruProjectedGrad,
      projections: ['kz', 'kh'],
    };
  }
}
tf.serialization.registerClass(RcMinGRU);

/** Factory for {@link RcMinGRU}. @example `rcMinGRU({ units: 64, mode: 'sequential' })` */
export const rcMinGRU = (args: RcMinGRUArgs) => new RcMinGRU(args);
