// minLSTM's normalised gates in log space (Feng et al. 2024): f' = σ(log σ(k_f) − log σ(k_i)).
// Vectorised exp (Cephes expf: Cody–Waite range reduction, degree-5 polynomial) and log1p
// (2·atanh(u/(2+u)) series, u ∈ [0, 1]), accurate to a few float32 ulp; scalar tails use Mathf.

const LOG2E: f32 = 1.4426950408889634;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** exp's argument range: exp(−87.3) is the smallest normal float, exp(88.7) the largest finite one. */
const EXP_LO: f32 = -87.3365447;
const EXP_HI: f32 = 88.7228391;

/** Four-lane exp, log1p and log σ, inlined into the kernels below (`@inline` static methods). */
class L4 {
  /** e^x of 4 lanes (x clamped to [−87.3, 88.7]). */
  @inline static exp4(v: v128): v128 {
    const x = f32x4.min(f32x4.max(v, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI));
    const n = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(0.5)));
    const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI))), f32x4.mul(n, f32x4.splat(LN2_LO)));
    let p = f32x4.add(f32x4.mul(f32x4.splat(1.9875691500e-4), r), f32x4.splat(1.3981999507e-3));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
    p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
    const y = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1));
    const pow2 = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23); // 2^n as float bits
    return f32x4.mul(y, pow2);
  }

  /** log(1 + u) of 4 lanes for u in [0, 1]: 2s(1 + s²/3 + … + s¹²/13), s = u/(2 + u) ≤ 1/3. */
  @inline static log1p4(u: v128): v128 {
    const s = f32x4.div(u, f32x4.add(u, f32x4.splat(2)));
    const s2 = f32x4.mul(s, s);
    let p = f32x4.add(f32x4.mul(s2, f32x4.splat(<f32>1 / 13)), f32x4.splat(<f32>1 / 11));
    p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>1 / 9));
    p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>1 / 7));
    p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>1 / 5));
    p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(<f32>1 / 3));
    p = f32x4.add(f32x4.mul(p, s2), f32x4.splat(1));
    return f32x4.mul(f32x4.mul(f32x4.splat(2), s), p);
  }

  /** log σ(x) = min(x, 0) − log(1 + e^−|x|) of 4 lanes (finite for every x). */
  @inline static logSigmoid4(x: v128): v128 {
    return f32x4.sub(f32x4.min(x, f32x4.splat(0)), L4.log1p4(L4.exp4(f32x4.neg(f32x4.abs(x)))));
  }
}

/** Scalar {@link L4.logSigmoid4}. */
function logSigmoid1(x: f32): f32 {
  return min(x, 0) - Mathf.log1p(Mathf.exp(-abs(x)));
}

/**
 * `out = log σ(k_i) − log σ(k_f)` for `count` values: minLSTM's gates as minGRU's pre-activation
 * (`σ(−out) = f/(f + i)`, `1 − σ(−out) = i/(f + i)`), so the minGRU scan runs them unchanged.
 */
export function minLstmGates(count: i32, kf: usize, ki: usize, out: usize): void {
  const vec = count & ~3;
  for (let j = 0; j < vec; j += 4) {
    const o = <usize>j << 2;
    v128.store(out + o, f32x4.sub(L4.logSigmoid4(v128.load(ki + o)), L4.logSigmoid4(v128.load(kf + o))));
  }
  for (let j = vec; j < count; j++) {
    const o = <usize>j << 2;
    store<f32>(out + o, logSigmoid1(load<f32>(ki + o)) - logSigmoid1(load<f32>(kf + o)));
  }
}

/**
 * Backward of {@link minLstmGates}: `dk_f = −dout·σ(−k_f)`, `dk_i = dout·σ(−k_i)` (the derivative
 * of log σ(x) is σ(−x) = 1/(1 + eˣ)), for `count` values.
 */
export function minLstmGateGrads(count: i32, dout: usize, kf: usize, ki: usize, dkf: usize, dki: usize): void {
  const one = f32x4.splat(1);
  const vec = count & ~3;
  for (let j = 0; j < vec; j += 4) {
    const o = <usize>j << 2;
    const d = v128.load(dout + o);
    const sf = f32x4.div(one, f32x4.add(one, L4.exp4(v128.load(kf + o))));
    const si = f32x4.div(one, f32x4.add(one, L4.exp4(v128.load(ki + o))));
    v128.store(dkf + o, f32x4.neg(f32x4.mul(d, sf)));
    v128.store(dki + o, f32x4.mul(d, si));
  }
  for (let j = vec; j < count; j++) {
    const o = <usize>j << 2;
    const d = load<f32>(dout + o);
    store<f32>(dkf + o, -d / (<f32>1 + Mathf.exp(load<f32>(kf + o))));
    store<f32>(dki + o, d / (<f32>1 + Mathf.exp(load<f32>(ki + o))));
  }
}
