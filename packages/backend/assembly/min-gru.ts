// Fused minGRU recurrence (Feng et al. 2024): gates, candidate activation and the diagonal linear
// scan in one pass, and its backward pass. Values are time-major rows `[time, ld]`; a call handles
// the `n` columns starting at the given pointers (the JS side splits columns between threads).
// Rows are walked in memory order (time outer, columns inner), 4 columns per SIMD step.

import { GRADIENT_FLUSH, V4, sigmoid1 } from './activations';

/**
 * `a = σ(−kz)`, `z = 1 − a`, `c = max(kh + ½, σ(kh))`, `b = z·c`; with a mask `m` (`valid` ≠ 0),
 * `a' = 1 + m(a − 1)`, `b' = m·b`; `h_t = a'_t·h_{t−1} + b'_t`, `h_{−1} = h0`. `valid` 0 = no mask.
 */
export function minGruForward(time: i32, n: i32, ld: i32, kz: usize, kh: usize, h0: usize, valid: usize, h: usize): void {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const ldB = <usize>ld << 2;
  const vec = n & ~3;
  for (let t = 0; t < time; t++) {
    const row = <usize>t * ldB;
    const prev = t > 0 ? h + row - ldB : h0;
    for (let i = 0; i < vec; i += 4) {
      const o = <usize>i << 2;
      const hk = v128.load(kh + row + o);
      let a = V4.sigmoid4(f32x4.neg(v128.load(kz + row + o)));
      let b = f32x4.mul(f32x4.sub(one, a), f32x4.max(f32x4.add(hk, half), V4.sigmoid4(hk)));
      if (valid != 0) {
        const m = v128.load(valid + row + o);
        a = f32x4.add(one, f32x4.mul(m, f32x4.sub(a, one)));
        b = f32x4.mul(m, b);
      }
      v128.store(h + row + o, f32x4.add(f32x4.mul(a, v128.load(prev + o)), b));
    }
    for (let i = vec; i < n; i++) {
      const o = <usize>i << 2;
      const hk = load<f32>(kh + row + o);
      let a = sigmoid1(-load<f32>(kz + row + o));
      let b = (<f32>1 - a) * max(hk + <f32>0.5, sigmoid1(hk));
      if (valid != 0) {
        const m = load<f32>(valid + row + o);
        a = <f32>1 + m * (a - <f32>1);
        b = m * b;
      }
      store<f32>(h + row + o, a * load<f32>(prev + o) + b);
    }
  }
}

/**
 * Backward of {@link minGruForward}: `g_t = dy_t + a'_{t+1}·g_{t+1}` (flushed below 1e-20), then
 * `dkz = m·g·a·z·(c − h_{t−1})`, `dkh = m·g·z·c'` (`c' = 1` where `kh + ½ ≥ σ(kh)`, else
 * `σ(kh)(1 − σ(kh))`), `dh0 = a'_0·g_0`. Gates are recomputed from `kz`, `kh`; `h` is the forward
 * output. `g` and `aNext` are scratch rows of `n` values.
 */
export function minGruBackward(
  time: i32, n: i32, ld: i32, kz: usize, kh: usize, h: usize, h0: usize, valid: usize, dy: usize,
  dkz: usize, dkh: usize, dh0: usize, g: usize, aNext: usize,
): void {
  const one = f32x4.splat(1);
  const half = f32x4.splat(0.5);
  const tiny = f32x4.splat(GRADIENT_FLUSH);
  const ldB = <usize>ld << 2;
  const vec = n & ~3;
  memory.fill(g, 0, <usize>n << 2);
  memory.fill(aNext, 0, <usize>n << 2);
  for (let t = time - 1; t >= 0; t--) {
    const row = <usize>t * ldB;
    const prev = t > 0 ? h + row - ldB : h0;
    for (let i = 0; i < vec; i += 4) {
      const o = <usize>i << 2;
      let gv = f32x4.add(v128.load(dy + row + o), f32x4.mul(v128.load(aNext + o), v128.load(g + o)));
      gv = v128.and(gv, f32x4.ge(f32x4.abs(gv), tiny));
      v128.store(g + o, gv);
      const hk = v128.load(kh + row + o);
      const a = V4.sigmoid4(f32x4.neg(v128.load(kz + row + o)));
      const z = f32x4.sub(one, a);
      const s = V4.sigmoid4(hk);
      const lin = f32x4.add(hk, half);
      const takeLin = f32x4.ge(lin, s);
      const c = v128.bitselect(lin, s, takeLin);
      const dc = v128.bitselect(one, f32x4.mul(s, f32x4.sub(one, s)), takeLin);
      let gm = gv; // the gradient reaching a and b through the mask
      let aEff = a;
      if (valid != 0) {
        const m = v128.load(valid + row + o);
        gm = f32x4.mul(m, gv);
        aEff = f32x4.add(one, f32x4.mul(m, f32x4.sub(a, one)));
      }
      v128.store(dkz + row + o, f32x4.mul(f32x4.mul(f32x4.mul(a, z), gm), f32x4.sub(c, v128.load(prev + o))));
      v128.store(dkh + row + o, f32x4.mul(f32x4.mul(gm, z), dc));
      v128.store(aNext + o, aEff);
    }
    for (let i = vec; i < n; i++) {
      const o = <usize>i << 2;
      let gs = load<f32>(dy + row + o) + load<f32>(aNext + o) * load<f32>(g + o);
      if (abs(gs) < GRADIENT_FLUSH) gs = 0;
      store<f32>(g + o, gs);
      const hk = load<f32>(kh + row + o);
      const a = sigmoid1(-load<f32>(kz + row + o));
      const z: f32 = <f32>1 - a;
      const s = sigmoid1(hk);
      const lin: f32 = hk + <f32>0.5;
      const takeLin = lin >= s;
      const c: f32 = takeLin ? lin : s;
      const dc: f32 = takeLin ? <f32>1 : s * (<f32>1 - s);
      let gm = gs;
      let aEff = a;
      if (valid != 0) {
        const m = load<f32>(valid + row + o);
        gm = m * gs;
        aEff = <f32>1 + m * (a - <f32>1);
      }
      store<f32>(dkz + row + o, a * z * gm * (c - load<f32>(prev + o)));
      store<f32>(dkh + row + o, gm * z * dc);
      store<f32>(aNext + o, aEff);
    }
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dh0 + o, load<f32>(aNext + o) * load<f32>(g + o));
  }
}
