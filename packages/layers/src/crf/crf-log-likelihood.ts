import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { RECURRENCE_KERNELS, useFusedKernel, runRecurrenceKernel } from '../recurrence-kernels.js';

/**
 * CRF parameters as tensors: `transitions [numTags, numTags]` (from → to), `start [numTags]`, `end [numTags]`.
 *
 * @example
 * crfLogPartition(emissions, { transitions, start, end }, mask);
 */
export interface CrfParameters {
  readonly transitions: tf.Tensor2D;
  readonly start: tf.Tensor1D;
  readonly end: tf.Tensor1D;
}

function checkShapes(emissions: tf.Tensor3D, params: CrfParameters, mask: tf.Tensor2D | null): void {
  const [batch, time, numTags] = emissions.shape;
  assert(emissions.rank === 3, () => `emissions must be [batch, time, numTags], got rank ${emissions.rank}`, 'SHAPE');
  assert(
    params.transitions.shape[0] === numTags && params.transitions.shape[1] === numTags,
    () => `transitions must be [${numTags}, ${numTags}], got [${params.transitions.shape.join(', ')}]`,
    'SHAPE',
  );
  assert(params.start.shape[0] === numTags && params.end.shape[0] === numTags, () => `start and end must be [${numTags}]`, 'SHAPE');
  assert(time > 0, () => 'emissions must have at least one time step, got 0', 'SHAPE');
  if (mask !== null) {
    assert(mask.shape[0] === batch && mask.shape[1] === time, () => `mask must be [${batch}, ${time}], got [${mask.shape.join(', ')}]`, 'SHAPE');
  }
}

/** `[batch, time]` float mask: the given one, or all ones. */
function floatMask(emissions: tf.Tensor3D, mask: tf.Tensor2D | null): tf.Tensor2D {
  const [batch, time] = emissions.shape;
  return mask === null ? tf.ones([batch, time]) : tf.cast(mask, 'float32');
}

/**
 * Log-partition `log Z(x) = log Σ_y exp(score(x, y))` of a linear-chain CRF by the forward
 * algorithm in log space, vectorised over the batch: one `logSumExp` over the previous-tag axis
 * per time step. Masked (padded) steps keep the forward scores unchanged, so each sentence ends at
 * its own length. Masks must be right-padded (`1…1 0…0`) with at least one valid step per row.
 *
 * @param emissions `[batch, time, numTags]` unnormalised scores.
 * @param mask `[batch, time]` 1 for real tokens, 0 for padding, or `null` for no padding.
 * @returns `[batch]` log-partition of each sentence.
 *
 * @example
 * ```ts
 * const logZ = crfLogPartition(tf.zeros([1, 2, 3]), { transitions: tf.zeros([3, 3]), start: tf.zeros([3]), end: tf.zeros([3]) }, null);
 * // [log 9]: 3 × 3 equally scored paths
 * ```
 */
export function crfLogPartition(emissions: tf.Tensor3D, params: CrfParameters, mask: tf.Tensor2D | null): tf.Tensor1D {
  checkShapes(emissions, params, mask);
  if (useFusedKernel(RECURRENCE_KERNELS.crfForward)) return crfLogPartitionFused(emissions, params, mask);
  return tf.tidy(() => {
    const numTags = emissions.shape[2];
    const m = floatMask(emissions, mask);
    // time × [batch, numTags]. A single step is reshaped, not unstacked: tfjs's Unpack gradient
    // fails ("tensors passed to stack must be a Tensor[]") for a one-output unstack.
    const steps = emissions.shape[1] === 1 ? [tf.reshape(emissions, [emissions.shape[0], numTags]) as tf.Tensor2D] : (tf.unstack(emissions, 1) as tf.Tensor2D[]);
    const maskSteps = tf.unstack(m, 1).map((s) => tf.expandDims(s, 1)); // time × [batch, 1]
    const trans = tf.reshape(params.transitions, [1, numTags, numTags]); // [1, from, to]
    // alpha: [batch, numTags] log-sum of all prefixes ending in each tag
    let alpha = tf.add(steps[0] as tf.Tensor2D, params.start) as tf.Tensor2D;
    for (let t = 1; t < steps.length; t++) {
      // [batch, from, 1] + [1, from, to] + [batch, 1, to] → logSumExp over from → [batch, to]
      const scores = tf.add(tf.add(tf.expandDims(alpha, 2), trans), tf.expandDims(steps[t] as tf.Tensor2D, 1));
      const next = tf.logSumExp(scores, 1) as tf.Tensor2D;
      const keep = maskSteps[t] as tf.Tensor2D;
      alpha = tf.add(tf.mul(next, keep), tf.mul(alpha, tf.sub(1, keep))) as tf.Tensor2D;
    }
    return tf.logSumExp(tf.add(alpha, params.end), 1) as tf.Tensor1D;
  });
}

/**
 * {@link crfLogPartition} through the fused kernels `RcCrfForward` (the whole forward algorithm in
 * one call) and `RcCrfForwardGrad` (forward–backward marginals: the gradients of emissions,
 * transitions, start and end in one call), which @recurrent/backend registers for wasm and cpu.
 * The composite version runs ~10 tfjs ops per time step and three times that in its gradient.
 */
function crfLogPartitionFused(emissions: tf.Tensor3D, params: CrfParameters, mask: tf.Tensor2D | null): tf.Tensor1D {
  return tf.tidy(() => {
    const m = floatMask(emissions, mask); // [batch, time], an input so it lives until the backward pass
    const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [e, transitions, start, end, maskIn] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.Tensor2D];
      const save = args[args.length - 1] as tf.GradSaveFunc;
      // logZ [batch]; alpha [batch, time, numTags]
      const [logZ, alpha] = runRecurrenceKernel(RECURRENCE_KERNELS.crfForward, { emissions: e, transitions, start, end, mask: maskIn }) as [tf.Tensor1D, tf.Tensor3D];
      save([e, transitions, end, maskIn, alpha, logZ]);
      return {
        value: logZ,
        gradFunc: (dy: tf.Tensor1D, kept: tf.Tensor[]) => {
          const [eS, tS, endS, maskS, alphaS, logZS] = kept as [tf.Tensor3D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor3D, tf.Tensor1D];
          const [dE, dT, dStart, dEnd] = runRecurrenceKernel(RECURRENCE_KERNELS.crfForwardGrad, {
            emissions: eS,
            transitions: tS,
            end: endS,
            mask: maskS,
            alpha: alphaS,
            logZ: logZS,
            dy,
          });
          return [dE as tf.Tensor, dT as tf.Tensor, dStart as tf.Tensor, dEnd as tf.Tensor, tf.zerosLike(maskS)];
        },
      };
    });
    return run(emissions, params.transitions, params.start, params.end, m) as tf.Tensor1D;
  });
}

/**
 * Score of given tag paths: `start[y_0] + Σ_t emissions[t, y_t] + Σ_{t≥1} transitions[y_{t-1}, y_t]
 * + end[y_{L-1}]` over the valid (mask 1) steps, computed with one-hot matrices (dense ops only, so
 * gradients need no scatter kernels).
 *
 * @param tags `[batch, time]` int32 tag ids (values at padded steps are ignored but must be in range).
 * @returns `[batch]` path scores.
 *
 * @example
 * ```ts
 * const s = crfSequenceScore(tf.ones([1, 2, 2]), tf.tensor2d([[0, 1]], undefined, 'int32'), params, null);
 * // start[0] + 2 + transitions[0][1] + end[1]
 * ```
 */
export function crfSequenceScore(emissions: tf.Tensor3D, tags: tf.Tensor2D, params: CrfParameters, mask: tf.Tensor2D | null): tf.Tensor1D {
  checkShapes(emissions, params, mask);
  const [batch, time, numTags] = emissions.shape;
  assert(tags.shape[0] === batch && tags.shape[1] === time, () => `tags must be [${batch}, ${time}], got [${tags.shape.join(', ')}]`, 'SHAPE');
  return tf.tidy(() => {
    const m = floatMask(emissions, mask); // [batch, time]
    const oneHot = tf.cast(tf.oneHot(tf.cast(tags, 'int32'), numTags), 'float32') as tf.Tensor3D; // [batch, time, numTags]
    const maskedOneHot = tf.mul(oneHot, tf.expandDims(m, 2));
    const emissionScore = tf.sum(tf.mul(emissions, maskedOneHot), [1, 2]); // [batch]
    const startScore = tf.sum(tf.mul(tf.squeeze(tf.slice(oneHot, [0, 0, 0], [batch, 1, numTags]), [1]), params.start), 1);
    // last valid step of each row: m[t] − m[t+1] (right-padded masks)
    const nextMask = tf.concat([tf.slice(m, [0, 1], [batch, time - 1]), tf.zeros([batch, 1])], 1);
    const lastStep = tf.sub(m, nextMask); // [batch, time]
    const endScore = tf.sum(tf.mul(tf.mul(oneHot, tf.expandDims(lastStep, 2)), params.end), [1, 2]);
    if (time === 1) return tf.add(tf.add(emissionScore, startScore), endScore) as tf.Tensor1D;
    const prev = tf.reshape(tf.slice(oneHot, [0, 0, 0], [batch, time - 1, numTags]), [batch * (time - 1), numTags]);
    const next = tf.slice(maskedOneHot, [0, 1, 0], [batch, time - 1, numTags]); // [batch, time-1, numTags]
    const fromRows = tf.reshape(tf.matMul(prev, params.transitions), [batch, time - 1, numTags]); // transitions[y_{t-1}, :]
    const transitionScore = tf.sum(tf.mul(fromRows, next), [1, 2]);
    return tf.add(tf.add(tf.add(emissionScore, startScore), endScore), transitionScore) as tf.Tensor1D;
  });
}

/**
 * Log-likelihood `score(x, y) − log Z(x)` of the gold tags under a linear-chain CRF, per sentence.
 * The training loss is its negative mean ({@link crfNegLogLikelihood}).
 *
 * @returns `[batch]` log-likelihoods (≤ 0).
 *
 * @example
 * ```ts
 * const ll = crfLogLikelihood(emissions, tags, params, mask); // [batch]
 * ```
 */
export function crfLogLikelihood(emissions: tf.Tensor3D, tags: tf.Tensor2D, params: CrfParameters, mask: tf.Tensor2D | null): tf.Tensor1D {
  return tf.tidy(() => tf.sub(crfSequenceScore(emissions, tags, params, mask), crfLogPartition(emissions, params, mask)) as tf.Tensor1D);
}

/**
 * Mean negative log-likelihood over the batch: the CRF training loss.
 *
 * @example
 * ```ts
 * const loss = crfNegLogLikelihood(emissions, tags, params, mask); // scalar
 * ```
 */
export function crfNegLogLikelihood(emissions: tf.Tensor3D, tags: tf.Tensor2D, params: CrfParameters, mask: tf.Tensor2D | null): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(crfLogLikelihood(emissions, tags, params, mask))) as tf.Scalar);
}
