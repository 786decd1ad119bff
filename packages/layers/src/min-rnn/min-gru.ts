import * as tf from '@tensorflow/tfjs';
import { RECURRENCE_KERNELS, useFusedKernel, runRecurrenceKernel } from '../recurrence-kernels.js';
import { minRnnCandidate } from './candidate-activation.js';
import { RcMinRNN, type RcMinRNNArgs, type ScanCoefficients } from './min-rnn-layer.js';

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

  /**
   * With the backend's `RcMinGruScan` kernels (and the fused plan), gates, candidate and scan run
   * as one kernel and the backward pass as another: ~10 elementwise kernels over `[time, batch,
   * units]` (and as many in the gradient) become one pass each.
   */
  protected override fusedScan([kz, kh]: tf.Tensor3D[], h0: tf.Tensor2D, valid: tf.Tensor3D | null): tf.Tensor3D | null {
    if (!useFusedKernel(RECURRENCE_KERNELS.minGru)) return null;
    const [time, batch, units] = (kz as tf.Tensor3D).shape;
    const n = batch * units;
    const flat = (x: tf.Tensor) => tf.reshape(x, [time, n]) as tf.Tensor2D;
    // The mask goes in as an input and is saved: a tensor captured by the closure would be
    // disposed (with the differentiated function's tensors) before the backward pass. Its
    // gradient is zero.
    const scan = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args.pop() as tf.GradSaveFunc;
      const [zf, hf, h0f, validFlat] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D | undefined];
      const withMask = (inputs: Record<string, tf.Tensor>, v: tf.Tensor | undefined) => (v === undefined ? inputs : { ...inputs, valid: v });
      const [h] = runRecurrenceKernel(RECURRENCE_KERNELS.minGru, withMask({ kz: zf, kh: hf, h0: h0f }, validFlat)) as [tf.Tensor2D];
      save(validFlat === undefined ? [zf, hf, h, h0f] : [zf, hf, h, h0f, validFlat]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const [sz, sh, sOut, sh0, sValid] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D | undefined];
        const grads = runRecurrenceKernel(RECURRENCE_KERNELS.minGruGrad, withMask({ kz: sz, kh: sh, h: sOut, h0: sh0, dy }, sValid));
        return sValid === undefined ? grads : [...grads, tf.zerosLike(sValid)];
      };
      return { value: h, gradFunc };
    });
    const inputs = [flat(kz as tf.Tensor3D), flat(kh as tf.Tensor3D), tf.reshape(h0, [1, n]), ...(valid === null ? [] : [flat(valid)])];
    return tf.reshape(scan(...inputs), [time, batch, units]) as tf.Tensor3D;
  }
}
tf.serialization.registerClass(RcMinGRU);

/** Factory for {@link RcMinGRU}. @example `rcMinGRU({ units: 64, mode: 'sequential' })` */
export const rcMinGRU = (args: RcMinGRUArgs) => new RcMinGRU(args);
