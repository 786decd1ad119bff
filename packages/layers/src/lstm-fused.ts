import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { RECURRENCE_KERNELS, recordingGradients, runRecurrenceKernel } from './recurrence-kernels.js';
import { packedShape, runPackedRecurrence } from './packed-recurrence.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/**
 * LSTM recurrence through the fused whole-sequence kernels `RcLstmSequence` (forward, all steps in
 * one kernel call) and `RcLstmSequenceGrad` (the whole BPTT in one call), which @recurrent/backend
 * registers for wasm and cpu. Same contract and numbers as the batch-major BPTT
 * (`lstmBpttBatchMajor`): gates i, f, c, o; masked steps keep `h, c` and output 0; outputs in
 * processing order. The grad kernel also returns the recurrent-kernel gradient (`Σ_t h_{t-1}ᵀ dz_t`,
 * accumulated in cache) and `dZ`, the input-projection gradient, which the caller's `X W + b` turns
 * into `dW`, `db`, `dX` with one matMul each.
 * Call it only when {@link hasRecurrenceKernel} says the kernels are registered.
 *
 * @example
 * ```ts
 * const { outputs, states } = lstmRecurrenceFused(xProj, u, h0, c0, mask, { goBackwards: false, returnSequences: true });
 * ```
 */
export function lstmRecurrenceFused(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(xProj, h0, mask, options, 2);
  const attrs = { goBackwards: options.goBackwards, returnSequences: options.returnSequences };
  const saveForGrad = recordingGradients();

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xP, u, hInit, cInit] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // The mask is an input (not a closure) so it survives until the backward pass.
    const maskIn = mask === null ? null : (args[4] as tf.Tensor2D);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const maskMap: Record<string, tf.Tensor> = maskIn === null ? {} : { mask: maskIn };
    // packed: [batch, seqCount + 2, units]; gates [time, batch, 4u], hPrevT [time, u, batch], cPrev [time, batch, u]
    const [packed, gates, hPrevT, cPrev] = runRecurrenceKernel(
      RECURRENCE_KERNELS.lstm,
      { x: xP, recurrentKernel: u, h0: hInit, c0: cInit, ...maskMap },
      { ...attrs, saveForGrad },
    ) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    save([gates, hPrevT, cPrev, u, ...(maskIn === null ? [] : [maskIn])]);
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor3D, kept: tf.Tensor[]) => {
        const [gS, hS, cS, uS, maskS] = kept as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor2D, tf.Tensor2D?];
        assert(gS.size > 0, () => 'fused LSTM: the forward pass ran outside a gradient scope, nothing was saved for BPTT', 'INTERNAL');
        // dU = Σ_t h_{t-1}ᵀ dz_t is accumulated inside the grad kernel
        const [dxProj, dh0, dc0, dU] = runRecurrenceKernel(
          RECURRENCE_KERNELS.lstmGrad,
          { dy, recurrentKernel: uS, gates: gS, hPrevT: hS, cPrev: cS, ...(maskS === undefined ? {} : { mask: maskS }) },
          attrs,
        ) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const grads = [dxProj, dU, dh0, dc0];
        return maskS === undefined ? grads : [...grads, tf.zerosLike(maskS)];
      },
    };
  });

  const inputs: tf.Tensor[] = [xProj, recurrentKernel, h0, c0];
  return runPackedRecurrence(run, inputs, mask, shape);
}
