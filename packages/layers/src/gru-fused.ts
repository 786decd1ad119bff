import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import type { GruRecurrentWeights } from './gru-recurrence.js';
import { RECURRENCE_KERNELS, recordingGradients, runRecurrenceKernel } from './recurrence-kernels.js';
import { packedShape, runPackedRecurrence } from './packed-recurrence.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/**
 * Whether {@link gruRecurrenceFused} handles these weights: the fused kernels take a recurrent
 * bias only with `resetAfter` (the only case where the GRU cell creates one).
 *
 * @example
 * ```ts
 * fusedGruSupports({ recurrentKernel, recurrentBias: null, resetAfter: false }); // true
 * ```
 */
export function fusedGruSupports(weights: GruRecurrentWeights): boolean {
  return weights.resetAfter || weights.recurrentBias === null;
}

/**
 * GRU recurrence through the fused whole-sequence kernels `RcGruSequence` / `RcGruSequenceGrad`
 * (registered by @recurrent/backend for wasm and cpu): all steps in one kernel call, the whole BPTT
 * in another, which also returns the recurrent-kernel and recurrent-bias gradients. Same contract
 * and numbers as `gruRecurrenceBptt`: gates z, r, h; masked steps keep `h` and output 0.
 *
 * @example
 * ```ts
 * const { outputs } = gruRecurrenceFused(xProj, { recurrentKernel, recurrentBias: null, resetAfter: false }, h0, null,
 *   { goBackwards: false, returnSequences: true });
 * ```
 */
export function gruRecurrenceFused(
  xProj: tf.Tensor3D,
  weights: GruRecurrentWeights,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(xProj, h0, mask, options, 1);
  assert(fusedGruSupports(weights), () => 'the fused GRU takes a recurrent bias only with resetAfter', 'USAGE');
  const hasBias = weights.recurrentBias !== null;
  const attrs = { goBackwards: options.goBackwards, returnSequences: options.returnSequences, resetAfter: weights.resetAfter };
  const saveForGrad = recordingGradients();

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xP, u, hInit] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
    const bias = hasBias ? (args[3] as tf.Tensor1D) : null;
    // The mask is an input (not a closure) so it survives until the backward pass.
    const maskIn = mask === null ? null : (args[hasBias ? 4 : 3] as tf.Tensor2D);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const optional: Record<string, tf.Tensor> = {
      ...(bias === null ? {} : { bias }),
      ...(maskIn === null ? {} : { mask: maskIn }),
    };
    // packed [batch, seqCount + 1, u]; gates [time, batch, 3u]; extra, hPrev [time, batch, u]; hPrevT [time, u, batch]
    const [packed, ...kept] = runRecurrenceKernel(
      RECURRENCE_KERNELS.gru,
      { x: xP, recurrentKernel: u, h0: hInit, ...optional },
      { ...attrs, saveForGrad },
    ) as tf.Tensor3D[];
    save([...kept, u, ...(maskIn === null ? [] : [maskIn])]);
    return {
      value: packed as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
        const [gates, extra, hPrev, hPrevT, uS, maskS] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor2D, tf.Tensor2D?];
        assert(gates.size > 0, () => 'fused GRU: the forward pass ran outside a gradient scope, nothing was saved for BPTT', 'INTERNAL');
        const [dxProj, dh0, dU, dBias] = runRecurrenceKernel(
          RECURRENCE_KERNELS.gruGrad,
          { dy, recurrentKernel: uS, gates, extra, hPrev, hPrevT, ...(maskS === undefined ? {} : { mask: maskS }) },
          attrs,
        ) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const grads: tf.Tensor[] = hasBias ? [dxProj, dU, dh0, dBias] : [dxProj, dU, dh0];
        return maskS === undefined ? grads : [...grads, tf.zerosLike(maskS)];
      },
    };
  });

  const inputs: tf.Tensor[] = [xProj, weights.recurrentKernel, h0];
  if (weights.recurrentBias !== null) inputs.push(weights.recurrentBias);
  return runPackedRecurrence(run, inputs, mask, shape);
}
