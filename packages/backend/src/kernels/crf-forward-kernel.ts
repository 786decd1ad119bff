import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { KernelArgs } from './kernel-patch.js';
import { kernelIo } from './kernel-io.js';

/** Kernel name of the fused CRF forward algorithm (same string in @recurrent/layers). @example `tf.getKernel(CRF_FORWARD_KERNEL, 'wasm')` */
export const CRF_FORWARD_KERNEL = 'RcCrfForward';
/** Kernel name of its gradient (forward–backward marginals). @example `tf.getKernel(CRF_FORWARD_GRAD_KERNEL, 'wasm')` */
export const CRF_FORWARD_GRAD_KERNEL = 'RcCrfForwardGrad';

/** Sizes of one call, read from `emissions` `[batch, time, numTags]`. */
interface CrfSizes {
  readonly batch: number;
  readonly time: number;
  readonly tags: number;
}

const sizesOf = (args: KernelArgs): CrfSizes => {
  const [batch, time, tags] = (args.inputs['emissions'] as TensorInfo).shape as [number, number, number];
  return { batch, time, tags };
};

/** Steps a row takes part in: step 0 always (as the composite forward algorithm), then every step with mask ≠ 0. */
function validSteps(mask: Float32Array, b: number, time: number): number[] {
  const steps = [0];
  for (let t = 1; t < time; t++) if ((mask[b * time + t] as number) !== 0) steps.push(t);
  return steps;
}

/**
 * `exp(T − max T)` of the transition matrix and that max: products with it replace the `K²`
 * exponentials per step of a log-space sum by `K` (the scaled forward algorithm; −∞ rows of
 * forbidden moves become exact zeros).
 */
function expTransitions(trans: Float32Array, tags: number): { expT: Float64Array; maxT: number } {
  let maxT = -Infinity;
  for (let i = 0; i < tags * tags; i++) maxT = Math.max(maxT, trans[i] as number);
  const expT = new Float64Array(tags * tags);
  for (let i = 0; i < tags * tags; i++) expT[i] = Math.exp((trans[i] as number) - maxT);
  return { expT, maxT };
}

/** Writes `exp(v[at + i] − max)` into `out` and returns that max (of `tags` values). */
function scaledExp(v: ArrayLike<number>, at: number, tags: number, out: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < tags; i++) max = Math.max(max, v[at + i] as number);
  for (let i = 0; i < tags; i++) out[i] = Math.exp((v[at + i] as number) - max);
  return max;
}

/**
 * The linear-chain CRF log-partition by the forward algorithm, all rows and steps in one kernel
 * call (the composite version runs ~10 tfjs ops per time step, and 3× that in its gradient):
 * `α_0 = e_0 + start`, `α_t[j] = logΣ_i(α_{t'}[i] + T[i, j]) + e_t[j]` over the row's valid steps
 * (`t'` the previous valid one), `log Z = logΣ_j(α_last[j] + end[j])`. Inputs `emissions`
 * `[batch, time, tags]`, `transitions` `[tags, tags]` (from → to), `start`, `end` `[tags]`, `mask`
 * `[batch, time]` (0 skips a step); outputs `logZ` `[batch]` and `alpha` `[batch, time, tags]`
 * (kept for the gradient; masked steps hold the previous valid step's α). Float64 inside.
 *
 * @example
 * registerKernel({ kernelName: CRF_FORWARD_KERNEL, backendName: 'wasm', kernelFunc: crfForwardKernel('wasm') });
 */
export function crfForwardKernel(backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, CRF_FORWARD_KERNEL);
    const { batch, time, tags } = sizesOf(args);
    const [e, trans, start, end, mask] = ['emissions', 'transitions', 'start', 'end', 'mask'].map((n) => io.input(n)) as Float32Array[];
    const alpha = new Float64Array(batch * time * tags);
    const logZ = new Float32Array(batch);
    const { expT, maxT } = expTransitions(trans!, tags);
    const p = new Float64Array(tags);
    for (let b = 0; b < batch; b++) {
      const row = b * time * tags;
      let prev = -1;
      for (let t = 0; t < time; t++) {
        const at = row + t * tags;
        if (t === 0) {
          for (let j = 0; j < tags; j++) alpha[at + j] = (e![at + j] as number) + (start![j] as number);
        } else if ((mask![b * time + t] as number) === 0) {
          alpha.copyWithin(at, prev, prev + tags);
          continue;
        } else {
          // α_t[j] = m + maxT + log Σ_i exp(α_{t'}[i] − m)·exp(T[i, j] − maxT) + e_t[j]
          const m = scaledExp(alpha, prev, tags, p) + maxT;
          for (let j = 0; j < tags; j++) {
            let sum = 0;
            for (let i = 0; i < tags; i++) sum += (p[i] as number) * (expT[i * tags + j] as number);
            alpha[at + j] = m + Math.log(sum) + (e![at + j] as number);
          }
        }
        prev = at;
      }
      let max = -Infinity;
      for (let j = 0; j < tags; j++) max = Math.max(max, (alpha[prev + j] as number) + (end![j] as number));
      let sum = 0;
      for (let j = 0; j < tags; j++) sum += Math.exp((alpha[prev + j] as number) + (end![j] as number) - max);
      logZ[b] = max + Math.log(sum);
    }
    return [io.output([batch], logZ), io.output([batch, time, tags], Float32Array.from(alpha))];
  };
}

/**
 * Gradient of {@link crfForwardKernel}'s `logZ` by forward–backward: with `β` the backward scores,
 * `∂logZ/∂e_t[j]` is the marginal `p(y_t = j) = exp(α_t[j] + β_t[j] − log Z)`, `∂logZ/∂T[i, j]`
 * sums the pair marginals `exp(α_{t'}[i] + T[i, j] + e_t[j] + β_t[j] − log Z)` over consecutive
 * valid steps, `∂/∂start` is the first marginal and `∂/∂end` the last. Each is scaled by the row's
 * `dy`. Inputs: the forward's inputs plus `alpha`, `logZ` and `dy` `[batch]`; outputs `dEmissions`
 * `[batch, time, tags]` (0 at skipped steps), `dTransitions` `[tags, tags]`, `dStart`, `dEnd` `[tags]`.
 *
 * @example
 * registerKernel({ kernelName: CRF_FORWARD_GRAD_KERNEL, backendName: 'cpu', kernelFunc: crfForwardGradKernel('cpu') });
 */
export function crfForwardGradKernel(backendName: 'wasm' | 'cpu'): KernelFunc {
  return (args: KernelArgs): TensorInfo[] => {
    const io = kernelIo(args, backendName, CRF_FORWARD_GRAD_KERNEL);
    const { batch, time, tags } = sizesOf(args);
    const [e, trans, end, mask, alpha, logZ, dy] = ['emissions', 'transitions', 'end', 'mask', 'alpha', 'logZ', 'dy'].map((n) => io.input(n)) as Float32Array[];
    const dE = new Float32Array(batch * time * tags);
    const dT = new Float64Array(tags * tags);
    const dStart = new Float64Array(tags);
    const dEnd = new Float64Array(tags);
    const beta = new Float64Array(tags);
    const pa = new Float64Array(tags); // exp(α_{t'}[i] − ma)
    const ps = new Float64Array(tags); // exp(e_t[j] + β_t[j] − ms)
    const scaled = new Float64Array(tags); // e_t[j] + β_t[j]
    const { expT, maxT } = expTransitions(trans!, tags);
    for (let b = 0; b < batch; b++) {
      const g = dy![b] as number;
      const z = logZ![b] as number;
      const steps = validSteps(mask!, b, time);
      const row = b * time * tags;
      for (let j = 0; j < tags; j++) beta[j] = end![j] as number;
      for (let k = steps.length - 1; k >= 0; k--) {
        const t = steps[k] as number;
        const at = row + t * tags;
        // unary marginals of step t
        for (let j = 0; j < tags; j++) dE[at + j] = g * Math.exp((alpha![at + j] as number) + (beta[j] as number) - z);
        if (k === steps.length - 1) for (let j = 0; j < tags; j++) dEnd[j] = (dEnd[j] as number) + (dE[at + j] as number);
        if (k === 0) {
          for (let j = 0; j < tags; j++) dStart[j] = (dStart[j] as number) + (dE[at + j] as number);
          break;
        }
        // pair marginals exp(α_{t'}[i] + T[i, j] + e_t[j] + β_t[j] − log Z) = pa[i]·expT[i, j]·ps[j]·exp(ma + maxT + ms − log Z),
        // then β_{t'}[i] = ms + maxT + log Σ_j expT[i, j]·ps[j]
        for (let j = 0; j < tags; j++) scaled[j] = (e![at + j] as number) + (beta[j] as number);
        const ms = scaledExp(scaled, 0, tags, ps);
        const ma = scaledExp(alpha!, row + (steps[k - 1] as number) * tags, tags, pa);
        const scale = g * Math.exp(ma + maxT + ms - z);
        for (let i = 0; i < tags; i++) {
          const ai = (pa[i] as number) * scale;
          let sum = 0;
          for (let j = 0; j < tags; j++) {
            const w = (expT[i * tags + j] as number) * (ps[j] as number);
            sum += w;
            dT[i * tags + j] = (dT[i * tags + j] as number) + ai * w;
          }
          beta[i] = ms + maxT + Math.log(sum);
        }
      }
    }
    return [
      io.output([batch, time, tags], dE),
      io.output([tags, tags], Float32Array.from(dT)),
      io.output([tags], Float32Array.from(dStart)),
      io.output([tags], Float32Array.from(dEnd)),
    ];
  };
}
