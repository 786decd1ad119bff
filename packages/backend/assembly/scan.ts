// Diagonal linear recurrence h_t = a_t ⊙ h_{t−1} + b_t (minGRU/minLSTM) and its backward pass,
// over rows of n values (time-major, float32). Pointers are byte addresses into this module's memory.

import { GRADIENT_FLUSH } from './activations';

/** Byte offset of float32 element `i`. */
class P {
  @inline static f4(i: i32): usize {
    return <usize>i << 2;
  }
}

/** `h[t] = a[t] ⊙ h[t−1] + b[t]` for `t < time`, `h[−1] = h0`; `a`, `b`, `h` `[time, n]`, `h0` `[n]`. */
export function linearScanForward(time: i32, n: i32, a: usize, b: usize, h0: usize, h: usize): void {
  let prev = h0;
  for (let t = 0; t < time; t++) {
    const row = P.f4(t * n);
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = P.f4(i);
      v128.store(h + row + o, f32x4.add(f32x4.mul(v128.load(a + row + o), v128.load(prev + o)), v128.load(b + row + o)));
    }
    for (; i < n; i++) {
      const o = P.f4(i);
      store<f32>(h + row + o, load<f32>(a + row + o) * load<f32>(prev + o) + load<f32>(b + row + o));
    }
    prev = h + row;
  }
}

/**
 * Backward of {@link linearScanForward}: `g_t = dy_t + a_{t+1} ⊙ g_{t+1}` (flushed below 1e-20),
 * `db_t = g_t`, `da_t = g_t ⊙ h_{t−1}`, `dh0 = a_0 ⊙ g_0`. `g` `[n]` is scratch.
 */
export function linearScanBackward(
  time: i32, n: i32, a: usize, h: usize, h0: usize, dy: usize, da: usize, db: usize, dh0: usize, g: usize,
): void {
  const tiny = f32x4.splat(GRADIENT_FLUSH);
  for (let t = time - 1; t >= 0; t--) {
    const row = P.f4(t * n);
    const next = P.f4((t + 1) * n);
    const prev = t > 0 ? h + P.f4((t - 1) * n) : h0;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const o = P.f4(i);
      let gv = v128.load(dy + row + o);
      if (t < time - 1) gv = f32x4.add(gv, f32x4.mul(v128.load(a + next + o), v128.load(g + o)));
      gv = v128.and(gv, f32x4.ge(f32x4.abs(gv), tiny));
      v128.store(g + o, gv);
      v128.store(db + row + o, gv);
      v128.store(da + row + o, f32x4.mul(gv, v128.load(prev + o)));
    }
    for (; i < n; i++) {
      const o = P.f4(i);
      let gs = load<f32>(dy + row + o);
      if (t < time - 1) gs += load<f32>(a + next + o) * load<f32>(g + o);
      if (abs(gs) < GRADIENT_FLUSH) gs = 0;
      store<f32>(g + o, gs);
      store<f32>(db + row + o, gs);
      store<f32>(da + row + o, gs * load<f32>(prev + o));
    }
  }
  for (let i = 0; i < n; i++) store<f32>(dh0 + P.f4(i), load<f32>(a + P.f4(i)) * load<f32>(g + P.f4(i)));
}
