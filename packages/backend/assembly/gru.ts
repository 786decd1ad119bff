// Fused GRU recurrence over a whole sequence (forward, saving what BPTT needs) and its BPTT.
// Matches @recurrent/layers' GRU: gates z, r, h fused in that order (`[*, 3u]`),
// h_t = H̃ + z⊙(h_{t-1} − H̃); resetAfter = 0: H̃ = tanh(x_h + (r⊙h_{t-1}) U_h);
// resetAfter = 1: H̃ = tanh(x_h + r⊙(h_{t-1} U_h + b_h)) with the recurrent bias `[3u]` added to
// the recurrent product of all three gates. Masked steps keep h and output 0; outputs come in
// processing order. Pointers are byte addresses into this module's memory; float32, row-major.
import { V4, flush1, sigmoid1, tanh1 } from './activations';
import { gemmAcc } from './gemm';
import { inputProjectionBackStep } from './input-projection';

/** Byte offset of float32 element `i`. */
class P {
  @inline static f4(i: i32): usize {
    return <usize>i << 2;
  }
}

/**
 * Runs the GRU over `time` steps. `x` `[batch, time, 3u]` input projection, `u` `[units, 3u]`,
 * `bias` a `[3u]` row added to the recurrent product (zeros when absent), `h` `[batch, units]`
 * initial state (updated in place), `mask` `[batch, time]` or 0, `packed` `[batch, seqCount + 1,
 * units]`. When `gates` is not 0 it saves the activations z, r, H̃ `[time, batch, 3u]`, `extra`
 * (q = h U_h + b_h with resetAfter, else r⊙h) `[time, batch, units]`, `hPrev` `[time, batch, units]`
 * and `hPrevT` `[time, units, batch]`. `rec` `[batch, 3u]` and `rh` `[batch, units]` are scratch.
 * Rows may be split across threads as in `lstmForward` (`bStride` = the full batch). With `w` ≠ 0,
 * `x` is the raw input `[batch, time, inputDim]` and each step projects it into the scratch `xp`
 * `[batch, 3u]` (`w` `[inputDim, 3u]`, `inBias` the input bias row or zeros).
 */
export function gruForward(
  batch: i32, bStride: i32, time: i32, units: i32, goBackwards: i32, resetAfter: i32, x: usize, u: usize, bias: usize, h: usize,
  mask: usize, packed: usize, seqCount: i32, gates: usize, extra: usize, hPrev: usize, hPrevT: usize, rec: usize, rh: usize,
  w: usize, inputDim: i32, inBias: usize, xp: usize,
): void {
  const width = 3 * units;
  const rowOut = (seqCount + 1) * units;
  const ub = P.f4(units);
  for (let k = 0; k < time; k++) {
    const t = goBackwards != 0 ? time - 1 - k : k;
    // This step's input projection rows: x itself, or xp = b + x_t W computed here (see above).
    if (w != 0) gemmAcc(x + P.f4(t * inputDim), time * inputDim, w, width, inputDim, width, inBias, 0, xp, width, batch);
    const xBase = w != 0 ? xp : x + P.f4(t * width);
    const xRow = w != 0 ? width : time * width;
    // rec = h [U_z U_r (U_h)] + bias
    gemmAcc(h, units, u, width, units, resetAfter != 0 ? width : 2 * units, bias, 0, rec, width, batch);
    for (let b = 0; b < batch; b++) {
      const hb = h + P.f4(b * units);
      const xr = xBase + P.f4(b * xRow);
      const rr = rec + P.f4(b * width);
      const row = t * bStride + b;
      if (gates != 0) {
        memory.copy(hPrev + P.f4(row * units), hb, ub);
        const hp = hPrevT + P.f4(t * units * bStride + b);
        for (let n = 0; n < units; n++) store<f32>(hp + P.f4(n * bStride), load<f32>(hb + P.f4(n)));
      }
      // z, r into rec (activated); resetAfter: candidate too, else r⊙h into rh
      const er = extra + P.f4(row * units);
      const rhb = rh + P.f4(b * units);
      let n0 = 0;
      for (; n0 + 4 <= units; n0 += 4) {
        const o = P.f4(n0);
        const z = V4.sigmoid4(f32x4.add(v128.load(xr + o), v128.load(rr + o)));
        const r = V4.sigmoid4(f32x4.add(v128.load(xr + ub + o), v128.load(rr + ub + o)));
        v128.store(rr + o, z);
        v128.store(rr + ub + o, r);
        if (resetAfter != 0) {
          const q = v128.load(rr + 2 * ub + o);
          if (gates != 0) v128.store(er + o, q);
          v128.store(rr + 2 * ub + o, V4.tanh4(f32x4.add(v128.load(xr + 2 * ub + o), f32x4.mul(r, q))));
        } else {
          const e = f32x4.mul(r, v128.load(hb + o));
          v128.store(rhb + o, e);
          if (gates != 0) v128.store(er + o, e);
        }
      }
      for (let n = n0; n < units; n++) {
        const o = P.f4(n);
        const z = sigmoid1(load<f32>(xr + o) + load<f32>(rr + o));
        const r = sigmoid1(load<f32>(xr + ub + o) + load<f32>(rr + ub + o));
        store<f32>(rr + o, z);
        store<f32>(rr + ub + o, r);
        if (resetAfter != 0) {
          const q = load<f32>(rr + 2 * ub + o);
          if (gates != 0) store<f32>(extra + P.f4(row * units + n), q);
          store<f32>(rr + 2 * ub + o, tanh1(load<f32>(xr + 2 * ub + o) + r * q));
        } else {
          const e = r * load<f32>(hb + o);
          store<f32>(rh + P.f4(b * units + n), e);
          if (gates != 0) store<f32>(extra + P.f4(row * units + n), e);
        }
      }
    }
    if (resetAfter == 0) {
      // candidate pre-activation: (r⊙h) U_h + b_h into rec's third block
      gemmAcc(rh, units, u + P.f4(2 * units), width, units, units, bias + P.f4(2 * units), 0, rec + P.f4(2 * units), width, batch);
    }
    for (let b = 0; b < batch; b++) {
      const hb = h + P.f4(b * units);
      const xr = xBase + P.f4(b * xRow);
      const rr = rec + P.f4(b * width);
      if (resetAfter == 0) {
        let n = 0;
        for (; n + 4 <= units; n += 4) {
          const o = P.f4(n);
          v128.store(rr + 2 * ub + o, V4.tanh4(f32x4.add(v128.load(xr + 2 * ub + o), v128.load(rr + 2 * ub + o))));
        }
        for (; n < units; n++) {
          const o = P.f4(n);
          store<f32>(rr + 2 * ub + o, tanh1(load<f32>(xr + 2 * ub + o) + load<f32>(rr + 2 * ub + o)));
        }
      }
      if (gates != 0) memory.copy(gates + P.f4((t * bStride + b) * width), rr, P.f4(width));
      const valid = mask == 0 || load<f32>(mask + P.f4(b * time + t)) != 0;
      const outRow = seqCount > 0 ? packed + P.f4(b * rowOut + k * units) : 0;
      let n = 0;
      for (; n + 4 <= units; n += 4) {
        const o = P.f4(n);
        const z = v128.load(rr + o);
        const cand = v128.load(rr + 2 * ub + o);
        if (valid) {
          const hn = f32x4.add(cand, f32x4.mul(z, f32x4.sub(v128.load(hb + o), cand)));
          v128.store(hb + o, hn);
          if (outRow != 0) v128.store(outRow + o, hn);
        } else if (outRow != 0) {
          v128.store(outRow + o, f32x4.splat(0));
        }
      }
      for (; n < units; n++) {
        const o = P.f4(n);
        const z = load<f32>(rr + o);
        const cand = load<f32>(rr + 2 * ub + o);
        if (valid) {
          const hn = cand + z * (load<f32>(hb + o) - cand);
          store<f32>(hb + o, hn);
          if (outRow != 0) store<f32>(outRow + o, hn);
        } else if (outRow != 0) {
          store<f32>(outRow + o, 0);
        }
      }
    }
  }
  for (let b = 0; b < batch; b++) memory.copy(packed + P.f4(b * rowOut + seqCount * units), h + P.f4(b * units), ub);
}

/**
 * BPTT of {@link gruForward}. `ut` `[3u, units]` is the transposed recurrent kernel; `dy` the
 * gradient of `packed`; `gates`, `extra`, `hPrev`, `hPrevT` as saved. Writes `dx` `[batch, time,
 * 3u]` (input-projection gradient, zero at padded steps), accumulates the recurrent-kernel
 * gradient into `du` `[units, 3u]` and the recurrent-bias gradient into `db` `[3u]` (both zeroed by
 * the caller), and leaves the initial-state gradient in `dh` `[batch, units]`. Scratch: `dg`
 * `[batch, 3u]`, `drh` `[batch, units]`, `eT` `[units, batch]`, `zero` a zeroed `[3u]` row.
 * With `wt` ≠ 0 (input kernel transposed `[3u, inputDim]`, `x` the raw input, `zeroRow` `inputDim`
 * zeros), `dx` is scratch and each step also writes the input gradient `dxIn` `[batch, time,
 * inputDim]` and accumulates `dw` `[inputDim, 3u]` and `dbIn` `[3u]` (per thread, zeroed by the caller).
 */
export function gruBackward(
  batch: i32, bStride: i32, time: i32, units: i32, goBackwards: i32, resetAfter: i32, ut: usize, mask: usize, dy: usize, seqCount: i32,
  dh: usize, gates: usize, extra: usize, hPrev: usize, hPrevT: usize, dx: usize, du: usize, db: usize,
  dg: usize, drh: usize, eT: usize, zero: usize,
  x: usize, inputDim: i32, wt: usize, zeroRow: usize, dxIn: usize, dw: usize, dbIn: usize,
): void {
  const width = 3 * units;
  const rowOut = (seqCount + 1) * units;
  const ub = P.f4(units);
  for (let b = 0; b < batch; b++) memory.copy(dh + P.f4(b * units), dy + P.f4(b * rowOut + seqCount * units), ub);
  for (let k = time - 1; k >= 0; k--) {
    const t = goBackwards != 0 ? time - 1 - k : k;
    // Phase 1, per valid row: dzPre, dCandPre; dh ← dhNew⊙z (the direct path, flushed: it decays
    // geometrically over the steps); padded rows keep dh.
    for (let b = 0; b < batch; b++) {
      const dxRow = dx + P.f4((b * time + t) * width);
      const dgRow = dg + P.f4(b * width);
      const valid = mask == 0 || load<f32>(mask + P.f4(b * time + t)) != 0;
      if (!valid) {
        memory.fill(dxRow, 0, P.f4(width));
        memory.fill(dgRow, 0, P.f4(width));
        continue;
      }
      const row = t * bStride + b;
      const g = gates + P.f4(row * width);
      const hp = hPrev + P.f4(row * units);
      const e = extra + P.f4(row * units);
      const dhb = dh + P.f4(b * units);
      const dyRow = seqCount > 0 ? dy + P.f4(b * rowOut + k * units) : 0;
      const one = f32x4.splat(1);
      let n = 0;
      for (; n + 4 <= units; n += 4) {
        const o = P.f4(n);
        let dhNew = v128.load(dhb + o);
        if (dyRow != 0) dhNew = f32x4.add(dhNew, v128.load(dyRow + o));
        const z = v128.load(g + o);
        const r = v128.load(g + ub + o);
        const cand = v128.load(g + 2 * ub + o);
        const dzPre = V4.flush4(f32x4.mul(f32x4.mul(dhNew, f32x4.sub(v128.load(hp + o), cand)), f32x4.sub(z, f32x4.mul(z, z))));
        const dCandPre = V4.flush4(f32x4.mul(f32x4.sub(dhNew, f32x4.mul(dhNew, z)), f32x4.sub(one, f32x4.mul(cand, cand))));
        v128.store(dxRow + o, dzPre);
        v128.store(dxRow + 2 * ub + o, dCandPre);
        v128.store(dgRow + o, dzPre);
        v128.store(dhb + o, V4.flush4(f32x4.mul(dhNew, z)));
        if (resetAfter != 0) {
          const drPre = V4.flush4(f32x4.mul(f32x4.mul(dCandPre, v128.load(e + o)), f32x4.sub(r, f32x4.mul(r, r))));
          v128.store(dxRow + ub + o, drPre);
          v128.store(dgRow + ub + o, drPre);
          v128.store(dgRow + 2 * ub + o, V4.flush4(f32x4.mul(dCandPre, r)));
        } else {
          v128.store(dgRow + 2 * ub + o, dCandPre);
        }
      }
      for (; n < units; n++) {
        const o = P.f4(n);
        let dhNew = load<f32>(dhb + o);
        if (dyRow != 0) dhNew += load<f32>(dyRow + o);
        const z = load<f32>(g + o);
        const r = load<f32>(g + ub + o);
        const cand = load<f32>(g + 2 * ub + o);
        const dzPre = flush1(dhNew * (load<f32>(hp + o) - cand) * (z - z * z));
        const dCandPre = flush1((dhNew - dhNew * z) * (1 - cand * cand));
        store<f32>(dxRow + o, dzPre);
        store<f32>(dxRow + 2 * ub + o, dCandPre);
        store<f32>(dgRow + o, dzPre);
        store<f32>(dhb + o, flush1(dhNew * z));
        if (resetAfter != 0) {
          const drPre = flush1(dCandPre * load<f32>(e + o) * (r - r * r));
          store<f32>(dxRow + ub + o, drPre);
          store<f32>(dgRow + ub + o, drPre);
          store<f32>(dgRow + 2 * ub + o, flush1(dCandPre * r));
        } else {
          store<f32>(dgRow + 2 * ub + o, dCandPre);
        }
      }
    }
    if (resetAfter == 0) {
      // dRh = dCandPre U_hᵀ, then dr = dRh⊙h_{t-1}, dh += dRh⊙r
      gemmAcc(dg + P.f4(2 * units), width, ut + P.f4(2 * units * units), units, units, units, zero, 0, drh, units, batch);
      for (let b = 0; b < batch; b++) {
        const valid = mask == 0 || load<f32>(mask + P.f4(b * time + t)) != 0;
        if (!valid) continue;
        const row = t * bStride + b;
        const g = gates + P.f4(row * width);
        const hp = hPrev + P.f4(row * units);
        const dxRow = dx + P.f4((b * time + t) * width);
        const dgRow = dg + P.f4(b * width);
        const dhb = dh + P.f4(b * units);
        const d = drh + P.f4(b * units);
        let n = 0;
        for (; n + 4 <= units; n += 4) {
          const o = P.f4(n);
          const r = v128.load(g + ub + o);
          const dRh = v128.load(d + o);
          const drPre = V4.flush4(f32x4.mul(f32x4.mul(dRh, v128.load(hp + o)), f32x4.sub(r, f32x4.mul(r, r))));
          v128.store(dxRow + ub + o, drPre);
          v128.store(dgRow + ub + o, drPre);
          v128.store(dhb + o, f32x4.add(v128.load(dhb + o), f32x4.mul(dRh, r)));
        }
        for (; n < units; n++) {
          const o = P.f4(n);
          const r = load<f32>(g + ub + o);
          const dRh = load<f32>(d + o);
          const drPre = flush1(dRh * load<f32>(hp + o) * (r - r * r));
          store<f32>(dxRow + ub + o, drPre);
          store<f32>(dgRow + ub + o, drPre);
          store<f32>(dhb + o, load<f32>(dhb + o) + dRh * r);
        }
      }
      // dU_h += (r⊙h_{t-1})ᵀ dCandPre
      for (let b = 0; b < batch; b++) {
        const e = extra + P.f4((t * bStride + b) * units);
        for (let n = 0; n < units; n++) store<f32>(eT + P.f4(n * batch + b), load<f32>(e + P.f4(n)));
      }
      gemmAcc(eT, batch, dg + P.f4(2 * units), width, batch, units, du + P.f4(2 * units), width, du + P.f4(2 * units), width, units);
    }
    // dh += dG [U_z U_r (U_h)]ᵀ;  dU[:, gates] += h_{t-1}ᵀ dG
    const gateCols = resetAfter != 0 ? width : 2 * units;
    gemmAcc(dg, width, ut, units, gateCols, units, dh, units, dh, units, batch);
    gemmAcc(hPrevT + P.f4(t * units * bStride), bStride, dg, width, batch, gateCols, du, width, du, width, units);
    if (resetAfter != 0) {
      for (let b = 0; b < batch; b++) {
        const dgRow = dg + P.f4(b * width);
        let n = 0;
        for (; n + 4 <= width; n += 4) v128.store(db + P.f4(n), f32x4.add(v128.load(db + P.f4(n)), v128.load(dgRow + P.f4(n))));
        for (; n < width; n++) store<f32>(db + P.f4(n), load<f32>(db + P.f4(n)) + load<f32>(dgRow + P.f4(n)));
      }
    }
    if (wt != 0) {
      // The rows of dx at step t are final: dxIn_t = dx_t Wᵀ;  dW += x_tᵀ dx_t;  dbIn += Σ_rows dx_t
      inputProjectionBackStep(t, batch, time, width, inputDim, dx, x, wt, zeroRow, dxIn, dw, dbIn);
    }
  }
  // Flush what the last products left denormal in the state gradient.
  for (let i = 0; i + 4 <= batch * units; i += 4) v128.store(dh + P.f4(i), V4.flush4(v128.load(dh + P.f4(i))));
}
