// Fused LSTM recurrence over a whole sequence (forward, saving what BPTT needs) and its BPTT.
// Layout and semantics match @recurrent/layers' batch-major BPTT: gates i, f, c(g), o fused in
// that order (`[*, 4*units]`), masked steps keep h and c and output 0, goBackwards processes the
// last step first and writes outputs in processing order. All pointers are byte addresses into
// this module's memory; all data is float32, row-major.
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
 * Runs the LSTM over `time` steps. `x` `[batch, time, 4u]` is the input projection `XW + b`, `u`
 * `[units, 4u]` the recurrent kernel, `h`, `c` `[batch, units]` the initial states (updated in
 * place to the final ones), `mask` `[batch, time]` (0 = padded) or 0 for none. `packed`
 * `[batch, seqCount + 2, units]` receives the outputs (when `seqCount` = time), then final h and c.
 * When `gates` is not 0, the activated gates `[time, batch, 4u]`, the carried states before each
 * step `hPrevT` `[time, units, batch]` and `cPrev` `[time, batch, units]` are saved. `z` is
 * `[batch, 4u]` scratch. The batch rows are independent: a thread may run rows `b0 … b0+batch` of a
 * larger batch of `bStride` rows, given pointers offset to row `b0` (`gates`, `cPrev`, `hPrevT`
 * keep the full batch's layout; `x`, `h`, `c`, `mask`, `packed` are offset by whole rows).
 * With `w` ≠ 0, `x` is the raw input `[batch, time, inputDim]` and each step computes its own
 * projection `b + x_t W` (`w` `[inputDim, 4u]`, `bias` `[4u]`, a zero row when there is none):
 * the `[batch, time, 4u]` projection is never materialised or copied.
 */
export function lstmForward(
  batch: i32, bStride: i32, time: i32, units: i32, goBackwards: i32, x: usize, u: usize, h: usize, c: usize, mask: usize,
  packed: usize, seqCount: i32, gates: usize, hPrevT: usize, cPrev: usize, z: usize, w: usize, inputDim: i32, bias: usize,
): void {
  const width = 4 * units;
  const rowOut = (seqCount + 2) * units;
  for (let k = 0; k < time; k++) {
    const t = goBackwards != 0 ? time - 1 - k : k;
    if (w != 0) {
      // z = b + x_t W + h U: the input projection of this step, from the raw input (see above)
      gemmAcc(x + P.f4(t * inputDim), time * inputDim, w, width, inputDim, width, bias, 0, z, width, batch);
      gemmAcc(h, units, u, width, units, width, z, width, z, width, batch);
    } else {
      gemmAcc(h, units, u, width, units, width, x + P.f4(t * width), time * width, z, width, batch);
    }
    for (let b = 0; b < batch; b++) {
      const hb = h + P.f4(b * units);
      const cb = c + P.f4(b * units);
      if (gates != 0) {
        // hPrevT[t] is [units, batch]: the left operand of this step's recurrent-kernel gradient
        const hp = hPrevT + P.f4(t * units * bStride + b);
        for (let n = 0; n < units; n++) store<f32>(hp + P.f4(n * bStride), load<f32>(hb + P.f4(n)));
        memory.copy(cPrev + P.f4((t * bStride + b) * units), cb, P.f4(units));
      }
      const valid = mask == 0 || load<f32>(mask + P.f4(b * time + t)) != 0;
      const outRow = seqCount > 0 ? packed + P.f4(b * rowOut + k * units) : 0;
      const gRow = gates != 0 ? gates + P.f4((t * bStride + b) * width) : 0;
      lstmCellRow(z + P.f4(b * width), hb, cb, units, gRow, outRow, valid);
    }
  }
  for (let b = 0; b < batch; b++) {
    memory.copy(packed + P.f4(b * rowOut + seqCount * units), h + P.f4(b * units), P.f4(units));
    memory.copy(packed + P.f4(b * rowOut + (seqCount + 1) * units), c + P.f4(b * units), P.f4(units));
  }
}

/** Gate maths of one batch row: pre-activations `z` in, `h`, `c` updated when `valid`. */
function lstmCellRow(z: usize, h: usize, c: usize, units: i32, gRow: usize, outRow: usize, valid: bool): void {
  const ub = P.f4(units);
  let n = 0;
  for (; n + 4 <= units; n += 4) {
    const o4 = P.f4(n);
    const i = V4.sigmoid4(v128.load(z + o4));
    const f = V4.sigmoid4(v128.load(z + ub + o4));
    const g = V4.tanh4(v128.load(z + 2 * ub + o4));
    const o = V4.sigmoid4(v128.load(z + 3 * ub + o4));
    if (gRow != 0) {
      v128.store(gRow + o4, i);
      v128.store(gRow + ub + o4, f);
      v128.store(gRow + 2 * ub + o4, g);
      v128.store(gRow + 3 * ub + o4, o);
    }
    if (valid) {
      const cn = f32x4.add(f32x4.mul(f, v128.load(c + o4)), f32x4.mul(i, g));
      const hn = f32x4.mul(o, V4.tanh4(cn));
      v128.store(c + o4, cn);
      v128.store(h + o4, hn);
      if (outRow != 0) v128.store(outRow + o4, hn);
    } else if (outRow != 0) {
      v128.store(outRow + o4, f32x4.splat(0));
    }
  }
  for (; n < units; n++) {
    const o4 = P.f4(n);
    const i = sigmoid1(load<f32>(z + o4));
    const f = sigmoid1(load<f32>(z + ub + o4));
    const g = tanh1(load<f32>(z + 2 * ub + o4));
    const o = sigmoid1(load<f32>(z + 3 * ub + o4));
    if (gRow != 0) {
      store<f32>(gRow + o4, i);
      store<f32>(gRow + ub + o4, f);
      store<f32>(gRow + 2 * ub + o4, g);
      store<f32>(gRow + 3 * ub + o4, o);
    }
    if (valid) {
      const cn = f * load<f32>(c + o4) + i * g;
      const hn = o * tanh1(cn);
      store<f32>(c + o4, cn);
      store<f32>(h + o4, hn);
      if (outRow != 0) store<f32>(outRow + o4, hn);
    } else if (outRow != 0) {
      store<f32>(outRow + o4, 0);
    }
  }
}

/**
 * BPTT of {@link lstmForward}. `ut` `[4u, units]` is the transposed recurrent kernel, `dy` the
 * gradient of `packed`; `gates`, `hPrevT`, `cPrev` as saved. Writes `dz` `[batch, time, 4u]` (the
 * gradient of the input projection; zero at padded steps, denormals flushed), accumulates the
 * recurrent-kernel gradient `Σ_t hPrevT[t] · dz_t` into `du` `[units, 4u]` (zeroed by the caller),
 * and leaves the gradients of the initial states in `dh`, `dc` `[batch, units]`. Rows split across
 * threads as in {@link lstmForward}; each thread accumulates its own `du`. With `wt` ≠ 0 (the
 * input kernel transposed, `[4u, inputDim]`; `x` the raw input, `zeroRow` `inputDim` zeros), each
 * step also writes the input gradient `dx` `[batch, time, inputDim]` and accumulates `dw`
 * `[inputDim, 4u]` and `db` `[4u]` (per thread, zeroed by the caller) while `dz_t` is in cache.
 */
export function lstmBackward(
  batch: i32, bStride: i32, time: i32, units: i32, goBackwards: i32, ut: usize, mask: usize, dy: usize, seqCount: i32,
  dh: usize, dc: usize, gates: usize, hPrevT: usize, cPrev: usize, dz: usize, du: usize,
  x: usize, inputDim: i32, wt: usize, zeroRow: usize, dx: usize, dw: usize, db: usize,
): void {
  const width = 4 * units;
  const rowOut = (seqCount + 2) * units;
  for (let b = 0; b < batch; b++) {
    memory.copy(dh + P.f4(b * units), dy + P.f4(b * rowOut + seqCount * units), P.f4(units));
    memory.copy(dc + P.f4(b * units), dy + P.f4(b * rowOut + (seqCount + 1) * units), P.f4(units));
  }
  for (let k = time - 1; k >= 0; k--) {
    const t = goBackwards != 0 ? time - 1 - k : k;
    for (let b = 0; b < batch; b++) {
      const dzRow = dz + P.f4((b * time + t) * width);
      const valid = mask == 0 || load<f32>(mask + P.f4(b * time + t)) != 0;
      if (!valid) {
        memory.fill(dzRow, 0, P.f4(width));
        continue;
      }
      const dyRow = seqCount > 0 ? dy + P.f4(b * rowOut + k * units) : 0;
      const row = t * bStride + b;
      lstmCellRowBack(dzRow, dh + P.f4(b * units), dc + P.f4(b * units), dyRow, gates + P.f4(row * width), cPrev + P.f4(row * units), units);
    }
    // dh ← dh (padded rows; zero for valid rows) + dz_t Uᵀ;  dU += h_{t-1}ᵀ dz_t
    gemmAcc(dz + P.f4(t * width), time * width, ut, units, width, units, dh, units, dh, units, batch);
    gemmAcc(hPrevT + P.f4(t * units * bStride), bStride, dz + P.f4(t * width), time * width, batch, width, du, width, du, width, units);
    if (wt != 0) {
      // dx_t = dz_t Wᵀ;  dW += x_tᵀ dz_t;  db += Σ_rows dz_t
      inputProjectionBackStep(t, batch, time, width, inputDim, dz, x, wt, zeroRow, dx, dw, db);
    }
  }
}

/** Backward gate maths of one valid batch row; leaves dh = 0 for the recurrent product to fill. */
function lstmCellRowBack(dz: usize, dh: usize, dc: usize, dyRow: usize, gRow: usize, cp: usize, units: i32): void {
  const ub = P.f4(units);
  const one = f32x4.splat(1);
  let n = 0;
  for (; n + 4 <= units; n += 4) {
    const o4 = P.f4(n);
    let dhNew = v128.load(dh + o4);
    if (dyRow != 0) dhNew = f32x4.add(dhNew, v128.load(dyRow + o4));
    const i = v128.load(gRow + o4);
    const f = v128.load(gRow + ub + o4);
    const g = v128.load(gRow + 2 * ub + o4);
    const o = v128.load(gRow + 3 * ub + o4);
    const cPrev = v128.load(cp + o4);
    const tc = V4.tanh4(f32x4.add(f32x4.mul(f, cPrev), f32x4.mul(i, g)));
    const dhO = f32x4.mul(dhNew, o);
    const dcT = f32x4.add(v128.load(dc + o4), f32x4.sub(dhO, f32x4.mul(dhO, f32x4.mul(tc, tc))));
    v128.store(dz + o4, V4.flush4(f32x4.mul(f32x4.mul(dcT, g), f32x4.sub(i, f32x4.mul(i, i)))));
    v128.store(dz + ub + o4, V4.flush4(f32x4.mul(f32x4.mul(dcT, cPrev), f32x4.sub(f, f32x4.mul(f, f)))));
    v128.store(dz + 2 * ub + o4, V4.flush4(f32x4.mul(f32x4.mul(dcT, i), f32x4.sub(one, f32x4.mul(g, g)))));
    v128.store(dz + 3 * ub + o4, V4.flush4(f32x4.mul(f32x4.mul(dhNew, tc), f32x4.sub(o, f32x4.mul(o, o)))));
    v128.store(dc + o4, V4.flush4(f32x4.mul(dcT, f)));
    v128.store(dh + o4, f32x4.splat(0));
  }
  for (; n < units; n++) {
    const o4 = P.f4(n);
    let dhNew = load<f32>(dh + o4);
    if (dyRow != 0) dhNew += load<f32>(dyRow + o4);
    const i = load<f32>(gRow + o4);
    const f = load<f32>(gRow + ub + o4);
    const g = load<f32>(gRow + 2 * ub + o4);
    const o = load<f32>(gRow + 3 * ub + o4);
    const cPrev = load<f32>(cp + o4);
    const tc = tanh1(f * cPrev + i * g);
    const dhO = dhNew * o;
    const dcT = load<f32>(dc + o4) + (dhO - dhO * tc * tc);
    store<f32>(dz + o4, flush1(dcT * g * (i - i * i)));
    store<f32>(dz + ub + o4, flush1(dcT * cPrev * (f - f * f)));
    store<f32>(dz + 2 * ub + o4, flush1(dcT * i * (1 - g * g)));
    store<f32>(dz + 3 * ub + o4, flush1(dhNew * tc * (o - o * o)));
    store<f32>(dc + o4, flush1(dcT * f));
    store<f32>(dh + o4, 0);
  }
}
