import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { lstmBpttBatchMajor } from './lstm-bptt-batch-major.js';
import type { RecurrenceLayout } from './recurrence-layout.js';
import type { RecurrenceOptions, RecurrenceResult } from './time-loop.js';

/**
 * LSTM recurrence with a hand-written backward pass (BPTT) through `tf.customGrad`. Same contract
 * and numbers as {@link lstmRecurrence}: gates i, f, c, o; masked steps keep `h, c` and output 0.
 *
 * Forward saves only the gate activations and the carried states. Backward walks the steps in
 * reverse doing elementwise gate maths and one `dZ_t Uᵀ` per step; the recurrent-kernel gradient is
 * then ONE matMul over all steps, `H_prevᵀ [units, batch*time] × dZ [batch*time, 4*units]`, and the
 * input-projection gradient is `dZ` itself (the caller's `X W + b` turns it into `dW`, `db`, `dX`
 * with one matMul each). `layout` picks the feature-major implementation below (default) or
 * {@link lstmBpttBatchMajor}.
 *
 * @example
 * ```ts
 * const { outputs, states } = lstmRecurrenceBptt(xProj, u, h0, c0, mask, { goBackwards: false, returnSequences: true });
 * ```
 */
export function lstmRecurrenceBptt(
  xProj: tf.Tensor3D,
  recurrentKernel: tf.Tensor2D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  mask: tf.Tensor | null,
  options: RecurrenceOptions,
  layout: RecurrenceLayout = 'feature-major',
): RecurrenceResult {
  if (layout === 'batch-major') return lstmBpttBatchMajor(xProj, recurrentKernel, h0, c0, mask, options);
  const [batch, time] = xProj.shape;
  const units = h0.shape[1];
  assert(time > 0, () => `a recurrent layer needs at least one time step, got input of shape [${xProj.shape.join(', ')}]`, 'SHAPE');
  if (mask !== null) {
    assert(
      mask.rank === 2 && mask.shape[0] === batch && mask.shape[1] === time,
      () => `mask must have shape [batch, time] = [${batch}, ${time}], got [${mask.shape.join(', ')}]`,
      'SHAPE',
    );
  }
  const order = Array.from({ length: time }, (_, t) => (options.goBackwards ? time - 1 - t : t));
  const seqCount = options.returnSequences ? time : 0;

  const run = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xP, u, hInit, cInit] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    const save = args[4] as tf.GradSaveFunc;
    // Feature-major throughout (see runTimeLoop): xs: time × [4*units, batch]; valid: time × [1, batch] bool
    const xs = tf.unstack(tf.transpose(xP, [1, 2, 0])) as tf.Tensor2D[];
    const valid = mask === null ? null : (tf.unstack(tf.expandDims(tf.transpose(tf.cast(mask, 'bool')), 1)) as tf.Tensor2D[]);
    const uT = tf.transpose(u) as tf.Tensor2D;
    const gates: tf.Tensor2D[] = new Array(time);
    const hs: tf.Tensor2D[] = new Array(time);
    const cs: tf.Tensor2D[] = new Array(time);
    const outs: tf.Tensor2D[] = new Array(time);
    let h = tf.transpose(hInit) as tf.Tensor2D;
    let c = tf.transpose(cInit) as tf.Tensor2D;
    const hStart = h;
    const cStart = c;
    order.forEach((t, k) => {
      const [gate, hNext, cNext, out] = tf.tidy(() => {
        // z, gate: [4*units, batch]; i, f, o sigmoid and candidate g tanh
        const z = tf.add(xs[t] as tf.Tensor2D, tf.matMul(uT, h));
        const [zi, zf, zc, zo] = tf.split(z, 4, 0) as tf.Tensor2D[];
        const i = tf.sigmoid(zi as tf.Tensor2D);
        const f = tf.sigmoid(zf as tf.Tensor2D);
        const g = tf.tanh(zc as tf.Tensor2D);
        const o = tf.sigmoid(zo as tf.Tensor2D);
        let cNew = tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D;
        let hNew = tf.mul(o, tf.tanh(cNew)) as tf.Tensor2D;
        let output = hNew;
        const m = valid?.[t];
        if (m !== undefined) {
          // Exactly as runTimeLoop: padded steps carry h, c and output exactly zero.
          hNew = tf.where(m, hNew, h);
          cNew = tf.where(m, cNew, c);
          output = tf.where(m, output, tf.zerosLike(output));
        }
        return [tf.concat([i, f, g, o], 0) as tf.Tensor2D, hNew, cNew, output];
      });
      gates[t] = gate;
      hs[t] = hNext;
      cs[t] = cNext;
      outs[k] = out; // outputs in processing order, as runTimeLoop (Keras goBackwards semantics)
      h = hNext;
      c = cNext;
    });
    // gateStack: [time, 4*units, batch]; hStack, cStack: [time, units, batch] carried states
    save([tf.stack(gates), tf.stack(hs), tf.stack(cs), hStart, cStart, u]);
    // packed: [batch, seqCount + 2, units] = per-step outputs (if any), final h, final c
    const packedT = tf.stack([...(seqCount > 0 ? outs : []), h, c]);
    return {
      value: tf.transpose(packedT, [2, 0, 1]) as tf.Tensor3D,
      gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
        const [gS, hS, cS, hI, cI, uSaved] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        // dyList: (seqCount + 2) × [units, batch]
        const dyList = tf.unstack(tf.transpose(dy, [1, 2, 0])) as tf.Tensor2D[];
        let dh = dyList[seqCount] as tf.Tensor2D;
        let dc = dyList[seqCount + 1] as tf.Tensor2D;
        const gList = tf.unstack(gS) as tf.Tensor2D[];
        const hList = tf.unstack(hS) as tf.Tensor2D[];
        const cList = tf.unstack(cS) as tf.Tensor2D[];
        const validB = mask === null ? null : (tf.unstack(tf.expandDims(tf.transpose(tf.cast(tf.cast(mask, 'bool'), 'float32')), 1)) as tf.Tensor2D[]);
        const dZ: tf.Tensor2D[] = new Array(time);
        const hPrev: tf.Tensor2D[] = new Array(time);
        for (let k = time - 1; k >= 0; k--) {
          const t = order[k] as number;
          const prevT = k > 0 ? (order[k - 1] as number) : -1;
          const hP = prevT < 0 ? hI : (hList[prevT] as tf.Tensor2D);
          const cP = prevT < 0 ? cI : (cList[prevT] as tf.Tensor2D);
          hPrev[t] = hP;
          const [dz, dhNext, dcNext] = tf.tidy(() => {
            const m = validB?.[t];
            // dhNew, dcNew: gradient reaching the cell's fresh h, c at this step
            let dhNew = seqCount > 0 ? (tf.add(dh, dyList[k] as tf.Tensor2D) as tf.Tensor2D) : dh;
            let dcNew = dc;
            let dhSkip: tf.Tensor2D | null = null;
            let dcSkip: tf.Tensor2D | null = null;
            if (m !== undefined) {
              const keep = tf.sub(1, m);
              dhSkip = tf.mul(dh, keep) as tf.Tensor2D;
              dcSkip = tf.mul(dc, keep) as tf.Tensor2D;
              dhNew = tf.mul(dhNew, m) as tf.Tensor2D;
              dcNew = tf.mul(dcNew, m) as tf.Tensor2D;
            }
            const [i, f, g, o] = tf.split(gList[t] as tf.Tensor2D, 4, 0) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
            // The carried c equals the fresh c wherever the step is valid; padded steps get zero gradient anyway.
            const tc = tf.tanh(cList[t] as tf.Tensor2D);
            const dO = tf.mul(dhNew, tc);
            const dcTotal = tf.add(dcNew, tf.mul(tf.mul(dhNew, o), tf.sub(1, tf.square(tc))));
            const dzI = tf.mul(tf.mul(dcTotal, g), tf.mul(i, tf.sub(1, i)));
            const dzF = tf.mul(tf.mul(dcTotal, cP), tf.mul(f, tf.sub(1, f)));
            const dzG = tf.mul(tf.mul(dcTotal, i), tf.sub(1, tf.square(g)));
            const dzO = tf.mul(dO, tf.mul(o, tf.sub(1, o)));
            // dzT: [4*units, batch]; z = Uᵀh so dh_prev = U dz
            const dzT = tf.concat([dzI, dzF, dzG, dzO], 0) as tf.Tensor2D;
            let dhPrev = tf.matMul(uSaved, dzT) as tf.Tensor2D;
            let dcPrev = tf.mul(dcTotal, f) as tf.Tensor2D;
            if (dhSkip !== null && dcSkip !== null) {
              dhPrev = tf.add(dhPrev, dhSkip) as tf.Tensor2D;
              dcPrev = tf.add(dcPrev, dcSkip) as tf.Tensor2D;
            }
            return [dzT, dhPrev, dcPrev];
          });
          dZ[t] = dz;
          dh = dhNext;
          dc = dcNext;
        }
        // dZall: [time, 4*units, batch]; hPrevAll: [time, units, batch]
        const dZall = tf.stack(dZ) as tf.Tensor3D;
        const hPrevAll = tf.stack(hPrev) as tf.Tensor3D;
        // dU = Σ_t h_{t-1} dz_tᵀ as ONE matMul over time*batch columns: [units, 4*units]
        const dZcols = tf.reshape(tf.transpose(dZall, [1, 0, 2]), [4 * units, time * batch]) as tf.Tensor2D;
        const hCols = tf.reshape(tf.transpose(hPrevAll, [1, 0, 2]), [units, time * batch]) as tf.Tensor2D;
        const dU = tf.matMul(hCols, dZcols, false, true);
        // dxProj: [batch, time, 4*units]
        const dxProj = tf.transpose(dZall, [2, 0, 1]);
        return [dxProj, dU, tf.transpose(dh), tf.transpose(dc)];
      },
    };
  });

  const packed = run(xProj, recurrentKernel, h0, c0) as tf.Tensor3D;
  const outputs = seqCount > 0 ? (tf.slice(packed, [0, 0, 0], [batch, time, units]) as tf.Tensor3D) : null;
  const hT = tf.reshape(tf.slice(packed, [0, seqCount, 0], [batch, 1, units]), [batch, units]) as tf.Tensor2D;
  const cT = tf.reshape(tf.slice(packed, [0, seqCount + 1, 0], [batch, 1, units]), [batch, units]) as tf.Tensor2D;
  return { outputs, states: [hT, cT] };
}
