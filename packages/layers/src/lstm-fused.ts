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

/**
 * {@link lstmRecurrenceFused} with the input projection inside the kernels (`RcLstmProjectedSequence`
 * and its grad): the raw input `x` `[batch, time, inputDim]`, the input `kernel` `[inputDim, 4u]` and
 * `bias` `[4u]` (or null) go in, each step computes `b + x_t W` itself, and the backward pass
 * returns `dX`, `dW` and `db` accumulated step by step while `dz_t` is in cache. The `[batch, time,
 * 4u]` projection and its gradient are never materialised in tfjs (on wasm/cpu that saves copying
 * them in and out of the kernels' memory, and three matMul calls).
 *
 * @example
 * ```ts
 * const { outputs, states } = lstmProjectedRecurrenceFused(x, w, b, u, h0, c0, mask, { goBackwards: false, returnSequences: true });
 * ```
 */
export function lstmProjectedRecurrenceFused(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  bias: tf.Tensor1D | null,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(x, h0, mask, options, 2);
  const attrs = { goBackwards: options.goBackwards, returnSequences: options.returnSequences };
  const saveForGrad = recordingGradients();
  const hasBias = bias !== null;

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const tensors = args.slice(0, -1) as tf.Tensor[];
    const [xIn, w, u, hInit, cInit] = tensors as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    let next = 5;
    const b = hasBias ? (tensors[next++] as tf.Tensor1D) : null;
    // The mask is an input (not a closure) so it survives until the backward pass.
    const maskIn = mask === null ? null : (tensors[next] as tf.Tensor2D);
    const maskMap: Record<string, tf.Tensor> = maskIn === null ? {} : { mask: maskIn };
    // packed: [batch, seqCount + 2, units]; gates [time, batch, 4u], hPrevT [time, u, batch], cPrev [time, batch, u]
    const [packed, gates, hPrevT, cPrev] = runRecurrenceKernel(
      RECURRENCE_KERNELS.lstmProjected,
      { x: xIn, kernel: w, ...(b === null ? {} : { bias: b }), recurrentKernel: u, h0: hInit, c0: cInit, ...maskMap },
      { ...attrs, saveForGrad },
    ) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
    save([gates, hPrevT, cPrev, u, xIn, w, ...(maskIn === null ? [] : [maskIn])]);
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor3D, kept: tf.Tensor[]) => {
        const [gS, hS, cS, uS, xS, wS, maskS] = kept as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor2D, tf.Tensor3D, tf.Tensor2D, tf.Tensor2D?];
        assert(gS.size > 0, () => 'fused LSTM: the forward pass ran outside a gradient scope, nothing was saved for BPTT', 'INTERNAL');
        const [dx, dh0, dc0, dU, dW, db] = runRecurrenceKernel(
          RECURRENCE_KERNELS.lstmProjectedGrad,
          { dy, recurrentKernel: uS, gates: gS, hPrevT: hS, cPrev: cS, x: xS, kernel: wS, ...(maskS === undefined ? {} : { mask: maskS }) },
          attrs,
        ) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const grads: tf.Tensor[] = [dx, dW, dU, dh0, dc0, ...(hasBias ? [db] : [])];
        if (!hasBias) db.dispose();
        return maskS === undefined ? grads : [...grads, tf.zerosLike(maskS)];
      },
    };
  });

  const inputs: tf.Tensor[] = [x, kernel, recurrentKernel, h0, c0, ...(bias === null ? [] : [bias])];
  return runPackedRecurrence(run, inputs, mask, shape);
}
