import * as tf from '@tensorflow/tfjs';
import type { GruRecurrentWeights } from './gru-recurrence.js';
import { packedShape, runPackedRecurrence } from './packed-recurrence.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';
import { TimeStepSelector, blend, maskColumns } from './time-steps.js';

/**
 * GRU recurrence (gates z, r, h; optional `resetAfter`) with a hand-written BPTT through
 * `tf.customGrad`, batch-major and shaped for the wasm backend like `lstmBpttBatchMajor`: per step
 * one `matMul(h, U_gate)` per gate with constant right operands, inputs read by
 * {@link TimeStepSelector}, masks blended. Backward: elementwise gate maths and one matMul per step
 * for `dh_{t-1}`; the recurrent-kernel gradient is ONE matMul over `[time*batch, …]` (two without
 * `resetAfter`: `[U_z U_r]` from `h_{t-1}`, `U_h` from `r⊙h_{t-1}`); the input-projection gradient is
 * returned as is. Same numbers and gradients as autodiff through `gruRecurrence` (tested).
 *
 * @example
 * ```ts
 * const { outputs } = gruRecurrenceBptt(xProj, { recurrentKernel, recurrentBias: null, resetAfter: false }, h0, null,
 *   { goBackwards: false, returnSequences: true });
 * ```
 */
export function gruRecurrenceBptt(
  xProj: tf.Tensor3D,
  weights: GruRecurrentWeights,
  h0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(xProj, h0, mask, options, 1);
  const { batch, time, units, seqCount } = shape;
  const { resetAfter } = weights;
  const hasBias = weights.recurrentBias !== null;
  const order = Array.from({ length: time }, (_, t) => (options.goBackwards ? time - 1 - t : t));

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xP, u, hInit] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
    const bias = hasBias ? (args[3] as tf.Tensor1D) : null;
    // The mask is an input (not a closure) so it is saved for the backward pass: a mask built
    // inside the caller's tidy (Embedding maskZero under tf.variableGrads) is gone by then.
    const maskIn = mask === null ? null : (args[hasBias ? 4 : 3] as tf.Tensor2D);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    // gateRows: row g*time + t is step t of gate g's input projection, gates z, r, h
    const gateRows = new TimeStepSelector(tf.reshape(tf.transpose(tf.reshape(xP, [batch, time, 3, units]), [2, 1, 0, 3]), [3 * time, batch * units]) as tf.Tensor2D);
    const uGates = tf.split(u, 3, 1) as tf.Tensor2D[]; // 3 × [units, units]
    const biasGates = bias === null ? null : (tf.split(bias, 3) as tf.Tensor1D[]);
    const masks = maskColumns(maskIn, batch);
    // Saved per step (time order): z, r, candidate, carried h_t, and q = h U_h + b (resetAfter) or r⊙h_{t-1}
    const saved: tf.Tensor2D[][] = Array.from({ length: 5 }, () => new Array<tf.Tensor2D>(time));
    const outs: tf.Tensor2D[] = [];
    let h = hInit;
    for (const t of order) {
      const step = tf.tidy(() => {
        const x = (g: number) => tf.reshape(gateRows.at(g * time + t), [batch, units]);
        const rec = (g: number, from: tf.Tensor2D) => {
          const product = tf.matMul(from, uGates[g] as tf.Tensor2D);
          return biasGates === null ? product : tf.add(product, biasGates[g] as tf.Tensor1D);
        };
        const z = tf.sigmoid(tf.add(x(0), rec(0, h))) as tf.Tensor2D;
        const r = tf.sigmoid(tf.add(x(1), rec(1, h))) as tf.Tensor2D;
        const extra = (resetAfter ? rec(2, h) : tf.mul(r, h)) as tf.Tensor2D;
        const candidate = tf.tanh(tf.add(x(2), resetAfter ? tf.mul(r, extra) : rec(2, extra))) as tf.Tensor2D;
        // Z⊙H + (1−Z)⊙H̃ = H̃ + Z⊙(H − H̃)
        const hNew = tf.add(candidate, tf.mul(z, tf.sub(h, candidate))) as tf.Tensor2D;
        if (masks === null) return [z, r, candidate, hNew, extra, hNew];
        const [valid, keep] = masks(t);
        return [z, r, candidate, blend(hNew, h, valid, keep), extra, tf.mul(hNew, valid) as tf.Tensor2D];
      });
      step.slice(0, 5).forEach((s, j) => ((saved[j] as tf.Tensor2D[])[t] = s));
      if (seqCount > 0) outs.push(step[5] as tf.Tensor2D);
      else if (masks !== null) (step[5] as tf.Tensor2D).dispose();
      h = step[3] as tf.Tensor2D;
    }
    save([...saved.flat(), hInit, u, ...(maskIn === null ? [] : [maskIn])]);
    // packed: [batch, seqCount + 1, units] = per-step outputs in processing order (if any), final h
    const packed = tf.stack([...outs, h], 1) as tf.Tensor3D;
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor3D, kept: tf.Tensor[]) => {
        const list = (j: number) => kept.slice(j * time, (j + 1) * time) as tf.Tensor2D[];
        const [zs, rs, cands, hs, extras] = [0, 1, 2, 3, 4].map(list) as tf.Tensor2D[][];
        const [hI, uSaved] = kept.slice(5 * time) as [tf.Tensor2D, tf.Tensor2D];
        const dySelect = new TimeStepSelector(tf.reshape(tf.transpose(dy, [1, 0, 2]), [seqCount + 1, batch * units]) as tf.Tensor2D);
        const dyAt = (row: number) => tf.reshape(dySelect.at(row), [batch, units]) as tf.Tensor2D;
        let dh = dyAt(seqCount);
        // resetAfter: dh_prev gets dG Uᵀ with dG = [dz, dr, dq]; else [dz, dr] [U_z U_r]ᵀ and drh U_hᵀ
        const [uZrT, uHT] = resetAfter
          ? [tf.transpose(uSaved) as tf.Tensor2D, null]
          : (tf.split(tf.transpose(uSaved), [2 * units, units], 0) as [tf.Tensor2D, tf.Tensor2D]);
        const maskSaved = maskIn === null ? null : (kept[kept.length - 1] as tf.Tensor2D);
        const backMasks = maskColumns(maskSaved, batch);
        const dX: tf.Tensor2D[] = new Array(time);
        const dRec: tf.Tensor2D[] = new Array(time); // [dz, dr] (or [dz, dr, dq]) pre-activations
        const dCand: tf.Tensor2D[] = new Array(time); // dhhPre, only without resetAfter (for dU_h)
        const hPrev: tf.Tensor2D[] = new Array(time);
        for (let k = time - 1; k >= 0; k--) {
          const t = order[k] as number;
          const hP = k > 0 ? (hs?.[order[k - 1] as number] as tf.Tensor2D) : hI;
          hPrev[t] = hP;
          const result = tf.tidy(() => {
            let dhNew = seqCount > 0 ? (tf.add(dh, dyAt(k)) as tf.Tensor2D) : dh;
            let skip: tf.Tensor2D | null = null;
            if (backMasks !== null) {
              const [valid, keep] = backMasks(t);
              skip = tf.mul(dh, keep) as tf.Tensor2D;
              dhNew = tf.mul(dhNew, valid) as tf.Tensor2D;
            }
            const [z, r, cand, extra] = [zs, rs, cands, extras].map((s) => s?.[t] as tf.Tensor2D) as tf.Tensor2D[];
            const dzPre = tf.mul(tf.mul(dhNew, tf.sub(hP, cand as tf.Tensor2D)), tf.sub(z as tf.Tensor2D, tf.square(z as tf.Tensor2D)));
            const dCandPre = tf.mul(tf.sub(dhNew, tf.mul(dhNew, z as tf.Tensor2D)), tf.sub(1, tf.square(cand as tf.Tensor2D)));
            let dhPrev = tf.mul(dhNew, z as tf.Tensor2D) as tf.Tensor2D;
            let dr: tf.Tensor2D;
            let dq: tf.Tensor2D | null = null;
            if (resetAfter) {
              dq = tf.mul(dCandPre, r as tf.Tensor2D) as tf.Tensor2D;
              dr = tf.mul(dCandPre, extra as tf.Tensor2D) as tf.Tensor2D;
            } else {
              const dRh = tf.matMul(dCandPre, uHT as tf.Tensor2D);
              dr = tf.mul(dRh, hP) as tf.Tensor2D;
              dhPrev = tf.add(dhPrev, tf.mul(dRh, r as tf.Tensor2D)) as tf.Tensor2D;
            }
            const drPre = tf.mul(dr, tf.sub(r as tf.Tensor2D, tf.square(r as tf.Tensor2D)));
            const dG = tf.concat(dq === null ? [dzPre, drPre] : [dzPre, drPre, dq], 1) as tf.Tensor2D;
            dhPrev = tf.add(dhPrev, tf.matMul(dG, uZrT)) as tf.Tensor2D;
            if (skip !== null) dhPrev = tf.add(dhPrev, skip) as tf.Tensor2D;
            return [tf.concat([dzPre, drPre, dCandPre], 1) as tf.Tensor2D, dG, dCandPre as tf.Tensor2D, dhPrev];
          });
          [dX[t], dRec[t], dCand[t], dh] = result as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        }
        // Weight gradients as ONE matMul over time*batch rows each
        const rows = (xs: tf.Tensor2D[]) => tf.reshape(tf.stack(xs), [time * batch, -1]) as tf.Tensor2D;
        const dRecRows = rows(dRec);
        let dU = tf.matMul(rows(hPrev), dRecRows, true, false) as tf.Tensor2D;
        if (!resetAfter) dU = tf.concat([dU, tf.matMul(rows(extras as tf.Tensor2D[]), rows(dCand), true, false)], 1) as tf.Tensor2D;
        const dxProj = tf.transpose(tf.stack(dX), [1, 0, 2]);
        const grads = hasBias ? [dxProj, dU, dh, tf.sum(dRecRows, 0)] : [dxProj, dU, dh];
        return maskSaved === null ? grads : [...grads, tf.zerosLike(maskSaved)];
      },
    };
  });

  const inputs: tf.Tensor[] = [xProj, weights.recurrentKernel, h0];
  if (weights.recurrentBias !== null) inputs.push(weights.recurrentBias);
  return runPackedRecurrence(run, inputs, mask, shape);
}
