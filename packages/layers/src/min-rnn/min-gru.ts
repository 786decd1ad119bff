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
   * With the backend's `RcMinGruProjectedScan` kernels (and the fused plan), the input projection,
   * gates and scan are one kernel call and the backward pass (`dx`, `dW`, `db`, `dh0`) another: the
   * `[time, batch, units]` projections and their gradients never become tfjs tensors. While
   * training, the forward kernel also returns the projections for the backward pass (which
   * recomputes them otherwise).
   */
  protected override fusedScan(
    x: tf.Tensor3D,
    h0: tf.Tensor2D,
    valid: tf.Tensor3D | null,
    training: boolean,
  ): tf.Tensor3D | null {
    if (!useFusedKernel(RECURRENCE_KERNELS.minGruProjected) || this.kernel === null) return null;
    const useBias = this.bias !== null;
    // Inputs: x, w, [bias], h0, [valid]. The mask is an input (saved for the backward pass, zero
    // gradient): a tensor captured by the closure would be disposed before the backward pass.
    const scan = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const save = args.pop() as tf.GradSaveFunc;
      const tensors = args as tf.Tensor[];
      // Inputs by name (x, w, [bias], h0, [valid]), the way both kernels take them.
      const named = (list: tf.Tensor[]): Record<string, tf.Tensor> => {
        const [xs, w] = list as [tf.Tensor, tf.Tensor];
        const rest = list.slice(useBias ? 3 : 2);
        return {
          x: xs,
          w,
          ...(useBias ? { bias: list[2] as tf.Tensor } : {}),
          h0: rest[0] as tf.Tensor,
          ...(rest[1] === undefined ? {} : { valid: rest[1] }),
        };
      };
      const [h, kz, kh] = runRecurrenceKernel(RECURRENCE_KERNELS.minGruProjected, named(tensors), {
        saveProjections: training,
      }) as tf.Tensor3D[];
      // Inputs are saved too: the layer disposes its intermediates before the backward pass.
      save([...tensors, h as tf.Tensor3D, ...(kz === undefined || kh === undefined ? [] : [kz, kh])]);
      const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
        const inputs = saved.slice(0, tensors.length);
        const [sh, skz, skh] = saved.slice(tensors.length) as [
          tf.Tensor,
          tf.Tensor | undefined,
          tf.Tensor | undefined,
        ];
        const projections: Record<string, tf.Tensor> =
          skz === undefined || skh === undefined ? {} : { kz: skz, kh: skh };
        const [dx, dw, db, dh0] = runRecurrenceKernel(RECURRENCE_KERNELS.minGruProjectedGrad, {
          ...named(inputs),
          h: sh,
          dy,
          ...projections,
        }) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        if (!useBias) db.dispose();
        const valid = named(inputs)['valid'];
        return [dx, dw, ...(useBias ? [db] : []), dh0, ...(valid === undefined ? [] : [tf.zerosLike(valid)])];
      };
      return { value: h as tf.Tensor3D, gradFunc };
    });
    const inputs = [
      x,
      this.kernel.read(),
      ...(this.bias === null ? [] : [this.bias.read()]),
      h0,
      ...(valid === null ? [] : [valid]),
    ];
    return scan(...inputs) as tf.Tensor3D;
  }
}
tf.serialization.registerClass(RcMinGRU);

/** Factory for {@link RcMinGRU}. @example `rcMinGRU({ units: 64, mode: 'sequential' })` */
export const rcMinGRU = (args: RcMinGRUArgs) => new RcMinGRU(args);
