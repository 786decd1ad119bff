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

/**
 * {@link gruRecurrenceFused} with the input projection inside the kernels
 * (`RcGruProjectedSequence` and its grad): the raw input `x` `[batch, time, inputDim]`, the input
 * `kernel` `[inputDim, 3u]` and input bias go in, each step computes `b + x_t W` itself, and the
 * backward pass also returns `dX`, `dW` and the input-bias gradient, accumulated step by step.
 *
 * @example
 * ```ts
 * const { outputs } = gruProjectedRecurrenceFused(x, w, b, weights, h0, null, { goBackwards: false, returnSequences: true });
 * ```
 */
export function gruProjectedRecurrenceFused(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  inputBias: tf.Tensor1D | null,
  weights: GruRecurrentWeights,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(x, h0, mask, options, 1);
  assert(fusedGruSupports(weights), () => 'the fused GRU takes a recurrent bias only with resetAfter', 'USAGE');
  const hasInBias = inputBias !== null;
  const hasRecBias = weights.recurrentBias !== null;
  const attrs = { goBackwards: options.goBackwards, returnSequences: options.returnSequences, resetAfter: weights.resetAfter };
  const saveForGrad = recordingGradients();

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const tensors = args.slice(0, -1) as tf.Tensor[];
    const [xIn, w, u, hInit] = tensors as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    let next = 4;
    const inBias = hasInBias ? (tensors[next++] as tf.Tensor1D) : null;
    const recBias = hasRecBias ? (tensors[next++] as tf.Tensor1D) : null;
    // The mask is an input (not a closure) so it survives until the backward pass.
    const maskIn = mask === null ? null : (tensors[next] as tf.Tensor2D);
    const optional: Record<string, tf.Tensor> = {
      ...(inBias === null ? {} : { inputBias: inBias }),
      ...(recBias === null ? {} : { bias: recBias }),
      ...(maskIn === null ? {} : { mask: maskIn }),
    };
    // packed [batch, seqCount + 1, u]; gates [time, batch, 3u]; extra, hPrev [time, batch, u]; hPrevT [time, u, batch]
    const [packed, ...kept] = runRecurrenceKernel(
      RECURRENCE_KERNELS.gruProjected,
      { x: xIn, kernel: w, recurrentKernel: u, h0: hInit, ...optional },
      { ...attrs, saveForGrad },
    ) as tf.Tensor3D[];
    save([...kept, u, xIn, w, ...(maskIn === null ? [] : [maskIn])]);
    return {
      value: packed as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
        const [gates, extra, hPrev, hPrevT, uS, xS, wS, maskS] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor2D, tf.Tensor3D, tf.Tensor2D, tf.Tensor2D?];
        assert(gates.size > 0, () => 'fused GRU: the forward pass ran outside a gradient scope, nothing was saved for BPTT', 'INTERNAL');
        const [dx, dh0, dU, dRecBias, dW, dInBias] = runRecurrenceKernel(
          RECURRENCE_KERNELS.gruProjectedGrad,
          { dy, recurrentKernel: uS, gates, extra, hPrev, hPrevT, x: xS, kernel: wS, ...(maskS === undefined ? {} : { mask: maskS }) },
          attrs,
        ) as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
        const grads: tf.Tensor[] = [dx, dW, dU, dh0, ...(hasInBias ? [dInBias] : []), ...(hasRecBias ? [dRecBias] : [])];
        if (!hasInBias) dInBias.dispose();
        if (!hasRecBias) dRecBias.dispose();
        return maskS === undefined ? grads : [...grads, tf.zerosLike(maskS)];
      },
    };
  });

  const inputs: tf.Tensor[] = [x, kernel, weights.recurrentKernel, h0];
  if (inputBias !== null) inputs.push(inputBias);
  if (weights.recurrentBias !== null) inputs.push(weights.recurrentBias);
  return runPackedRecurrence(run, inputs, mask, shape);
}
