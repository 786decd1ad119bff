import * as tf from '@tensorflow/tfjs';
import { packedShape, runPackedRecurrence } from './packed-recurrence.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';
import { TimeStepSelector, blend, maskColumns } from './time-steps.js';

/**
 * `lstmRecurrenceBptt` in batch-major layout, shaped for the wasm backend: per step one
 * `matMul(h, U)` with the constant kernel as right operand (packed once by XNNPACK), the step's
 * inputs read by {@link TimeStepSelector} (no Slice of the whole sequence), masks blended
 * arithmetically (no `where`). (Four per-gate matMuls and reads measured no faster on wasm.) Backward walks the steps in
 * reverse with elementwise gate maths and one `dZ_t Uᵀ` per step; `dU = H_prevᵀ dZ` is ONE matMul
 * over `[time*batch, …]` and `dZ` itself is the input-projection gradient.
 *
 * @example
 * ```ts
 * const { outputs, states } = lstmBpttBatchMajor(xProj, u, h0, c0, null, { goBackwards: false, returnSequences: true });
 * ```
 */
export function lstmBpttBatchMajor(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
): RecurrenceResult {
  const shape = packedShape(xProj, h0, mask, options, 2);
  const { batch, time, units, seqCount } = shape;
  const order = Array.from({ length: time }, (_, t) => (options.goBackwards ? time - 1 - t : t));

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xP, u, hInit, cInit] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // The mask is an input (not a closure) so it is saved for the backward pass: a mask built
    // inside the caller's tidy (Embedding maskZero under tf.variableGrads) is gone by then.
    const maskIn = mask === null ? null : (args[4] as tf.Tensor2D);
    const save = args[args.length - 1] as tf.GradSaveFunc;
    // stepRows: row t is step t of the input projection, [batch*4*units]
    const stepRows = new TimeStepSelector(tf.reshape(tf.transpose(xP, [1, 0, 2]), [time, batch * 4 * units]) as tf.Tensor2D);
    const masks = maskColumns(maskIn, batch);
    // Saved per step (time order): gates i, f, g, o, tanh(c_t), carried h_t, c_t: each [batch, units]
    const saved: tf.Tensor2D[][] = Array.from({ length: 7 }, () => new Array<tf.Tensor2D>(time));
    const outs: tf.Tensor2D[] = [];
    let h = hInit;
    let c = cInit;
    for (const t of order) {
      const step = tf.tidy(() => {
        // z: [batch, 4*units]
        const z = tf.add(tf.reshape(stepRows.at(t), [batch, 4 * units]), tf.matMul(h, u));
        const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
        const i = tf.sigmoid(zi as tf.Tensor2D) as tf.Tensor2D;
        const f = tf.sigmoid(zf as tf.Tensor2D) as tf.Tensor2D;
        const g = tf.tanh(zc as tf.Tensor2D) as tf.Tensor2D;
        const o = tf.sigmoid(zo as tf.Tensor2D) as tf.Tensor2D;
        const cNew = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
        const tc = tf.tanh(cNew) as tf.Tensor2D;
        const hNew = tf.mul(o, tc) as tf.Tensor2D;
        if (masks === null) return [i, f, g, o, tc, hNew, cNew, hNew];
        const [valid, keep] = masks(t);
        return [i, f, g, o, tc, blend(hNew, h, valid, keep), blend(cNew, c, valid, keep), tf.mul(hNew, valid) as tf.Tensor2D];
      });
      step.slice(0, 7).forEach((s, j) => ((saved[j] as tf.Tensor2D[])[t] = s));
      if (seqCount > 0) outs.push(step[7] as tf.Tensor2D);
      else if (masks !== null) (step[7] as tf.Tensor2D).dispose();
      h = step[5] as tf.Tensor2D;
      c = step[6] as tf.Tensor2D;
    }
    save([...saved.flat(), hInit, cInit, u, ...(maskIn === null ? [] : [maskIn])]);
    // packed: [batch, seqCount + 2, units] = per-step outputs in processing order (if any), final h, final c
    const packed = tf.stack([...outs, h, c], 1) as tf.Tensor3D;
    return {
      value: packed,
      gradFunc: (dy: tf.Tensor3D, kept: tf.Tensor[]) => {
        const list = (j: number) => kept.slice(j * time, (j + 1) * time) as tf.Tensor2D[];
        const [is, fs, gs, os, tcs, hs, cs] = [0, 1, 2, 3, 4, 5, 6].map(list) as tf.Tensor2D[][];
        const [hI, cI, uSaved, maskSaved] = kept.slice(7 * time) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
        // dyRows: [seqCount + 2, batch*units]
        const dySelect = new TimeStepSelector(tf.reshape(tf.transpose(dy, [1, 0, 2]), [seqCount + 2, batch * units]) as tf.Tensor2D);
        const dyAt = (row: number) => tf.reshape(dySelect.at(row), [batch, units]) as tf.Tensor2D;
        let dh = dyAt(seqCount);
        let dc = dyAt(seqCount + 1);
        const uT = tf.transpose(uSaved) as tf.Tensor2D; // [4*units, units]
        const backMasks = maskColumns(maskSaved ?? null, batch);
        const dZ: tf.Tensor2D[] = new Array(time);
        const hPrev: tf.Tensor2D[] = new Array(time);
        for (let k = time - 1; k >= 0; k--) {
          const t = order[k] as number;
          const prevT = k > 0 ? (order[k - 1] as number) : -1;
          const hP = prevT < 0 ? hI : (hs?.[prevT] as tf.Tensor2D);
          const cP = prevT < 0 ? cI : (cs?.[prevT] as tf.Tensor2D);
          hPrev[t] = hP;
          const [dz, dhNext, dcNext] = tf.tidy(() => {
            // dhNew, dcNew: gradient reaching the cell's fresh h, c at this step
            let dhNew = seqCount > 0 ? (tf.add(dh, dyAt(k)) as tf.Tensor2D) : dh;
            let dcNew = dc;
            let skip: [tf.Tensor2D, tf.Tensor2D] | null = null;
            if (backMasks !== null) {
              const [valid, keep] = backMasks(t);
              skip = [tf.mul(dh, keep) as tf.Tensor2D, tf.mul(dc, keep) as tf.Tensor2D];
              dhNew = tf.mul(dhNew, valid) as tf.Tensor2D;
              dcNew = tf.mul(dcNew, valid) as tf.Tensor2D;
            }
            const [i, f, g, o, tc] = [is, fs, gs, os, tcs].map((s) => s?.[t] as tf.Tensor2D) as tf.Tensor2D[];
            const dhO = tf.mul(dhNew, o as tf.Tensor2D);
            const dcTotal = tf.add(dcNew, tf.sub(dhO, tf.mul(dhO, tf.square(tc as tf.Tensor2D))));
            const dzI = tf.mul(tf.mul(dcTotal, g as tf.Tensor2D), tf.sub(i as tf.Tensor2D, tf.square(i as tf.Tensor2D)));
            const dzF = tf.mul(tf.mul(dcTotal, cP), tf.sub(f as tf.Tensor2D, tf.square(f as tf.Tensor2D)));
            const dzG = tf.mul(tf.mul(dcTotal, i as tf.Tensor2D), tf.sub(1, tf.square(g as tf.Tensor2D)));
            const dzO = tf.mul(tf.mul(dhNew, tc as tf.Tensor2D), tf.sub(o as tf.Tensor2D, tf.square(o as tf.Tensor2D)));
            // dz: [batch, 4*units]; z = h U so dh_prev = dz Uᵀ
            const dz = tf.concat([dzI, dzF, dzG, dzO], 1) as tf.Tensor2D;
            let dhPrev = tf.matMul(dz, uT) as tf.Tensor2D;
            let dcPrev = tf.mul(dcTotal, f as tf.Tensor2D) as tf.Tensor2D;
            if (skip !== null) {
              dhPrev = tf.add(dhPrev, skip[0]) as tf.Tensor2D;
              dcPrev = tf.add(dcPrev, skip[1]) as tf.Tensor2D;
            }
            return [dz, dhPrev, dcPrev];
          });
          dZ[t] = dz;
          dh = dhNext;
          dc = dcNext;
        }
        // dZall: [time, batch, 4*units]; dU = Σ_t h_{t-1}ᵀ dz_t as ONE matMul over time*batch rows
        const dZall = tf.stack(dZ) as tf.Tensor3D;
        const hRows = tf.reshape(tf.stack(hPrev), [time * batch, units]) as tf.Tensor2D;
        const dU = tf.matMul(hRows, tf.reshape(dZall, [time * batch, 4 * units]) as tf.Tensor2D, true, false);
        const grads = [tf.transpose(dZall, [1, 0, 2]), dU, dh, dc];
        return maskSaved === undefined ? grads : [...grads, tf.zerosLike(maskSaved)];
      },
    };
  });

  const inputs: tf.Tensor[] = [xProj, recurrentKernel, h0, c0];
  return runPackedRecurrence(run, inputs, mask, shape);
}
