import * as tf from '@tensorflow/tfjs';
import { assert } from '@recurrent/core';
import { RECURRENCE_KERNELS, useFusedKernel, runRecurrenceKernel } from '../recurrence-kernels.js';
import { DEFAULT_SCAN_CHUNK, chunkedScan } from './chunked-scan.js';

/** Gradient magnitudes below this are flushed to zero (see {@link parallelLinearScan}). */
const GRADIENT_FLUSH = 1e-20;

/**
 * Solves the diagonal linear recurrence `h_t = a_t ⊙ h_{t−1} + b_t` for every `t` at once with a
 * chunked scan (see `chunkedScan`): about `(3·chunk + 8)·log_chunk(time)` ops instead of the
 * `2·time` of a loop, parallel over the chunks, with a hand-written backward pass that is one more (reverse)
 * scan: `g_t = ∂L/∂h_t + a_{t+1} ⊙ g_{t+1}`, `∂L/∂b_t = g_t`, `∂L/∂a_t = g_t ⊙ h_{t−1}`,
 * `∂L/∂h0 = a_0 ⊙ g_0`. Gradient entries below 1e-20 in magnitude are flushed to 0, so they never
 * become float32 denormals (which make wasm matMuls ~100× slower).
 *
 * Why not the paper's log space (`log h = a* + logcumsumexp(log b − a*)`, `a* = cumsum(log a)`):
 * tfjs has neither `logcumsumexp` nor `cummax`, and the one-pass `m + log(cumsum(exp(x − m)))`
 * with a per-feature max underflows at long lengths, since `−a*` grows without bound. A
 * Hillis–Steele scan (log2(time) rounds of shifted tensors, in log space with `logAddExp` or in
 * linear space with `(A₁,B₁)∘(A₂,B₂) = (A₂A₁, A₂B₁ + B₂)`) is stable but makes ~7·log2(time) passes
 * over the data: 2–3× slower than the chunked scan on wasm at length 512 (measured). The chunked
 * scan only multiplies and adds coefficients — the sequential recurrence regrouped — so with
 * `a ∈ [0, 1]` products shrink towards 0 (their exact limit) and nothing overflows or divides;
 * `b` may have any sign. The tests check it against float64 at length 1024 with saturated gates.
 *
 * Time-major: `a`, `b` `[time, batch, units]`, `h0` `[batch, units]`; returns `[time, batch, units]`.
 * Where @recurrent/backend registered the fused `RcLinearScan` kernels (wasm, cpu) and the
 * recurrence plan allows fused kernels, the scan runs in one kernel call each way instead (same
 * numbers; on one core a single sequential pass is the cheapest scan there is).
 *
 * @param chunk chunk length ≥ 2; default {@link DEFAULT_SCAN_CHUNK}.
 *
 * @example
 * ```ts
 * const a = tf.fill([3, 1, 1], 0.5), b = tf.ones([3, 1, 1]);
 * parallelLinearScan(a, b, tf.zeros([1, 1])); // h = [1, 1.5, 1.75]
 * ```
 */
export function parallelLinearScan(a: tf.Tensor3D, b: tf.Tensor3D, h0: tf.Tensor2D, chunk?: number): tf.Tensor3D {
  checkScanShapes(a, b, h0);
  const [time, batch, units] = a.shape;
  const n = batch * units;
  const size = chunk ?? DEFAULT_SCAN_CHUNK;
  assert(Number.isInteger(size) && size >= 2, () => `chunk must be an integer ≥ 2, got ${size}`, 'CONFIG');
  const scan = useFusedKernel(RECURRENCE_KERNELS.linearScan) ? fusedScan : tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [af, bf, hf, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const h = tf.tidy(() => chunkedScan(af, bf, hf, size, false));
    save([af, h, hf]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
      const [sa, sh, sh0] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      // aNext: [time, n], row t holds a_{t+1} (0 after the last step, where g_time = 0).
      const aNext = time === 1 ? tf.zerosLike(sa) : tf.pad(tf.slice(sa, [1, 0], [time - 1, n]), [[0, 1], [0, 0]]);
      const decayed = chunkedScan(aNext, dy as tf.Tensor2D, tf.zerosLike(sh0), size, true);
      // g decays like a product of gates going back in time and reaches float32 denormals within a
      // few hundred steps; wasm (no flush-to-zero) then runs the input-projection matMuls ~100×
      // slower (measured: 3.1 s instead of 30 ms). Magnitudes below GRADIENT_FLUSH become 0.
      // g − clip(g, ±flush): 0 inside the band, moved 1e-20 towards 0 outside it (2 ops, not 4).
      const g = tf.sub(decayed, tf.clipByValue(decayed, -GRADIENT_FLUSH, GRADIENT_FLUSH));
      // hPrev: [time, n], row t holds h_{t−1} (h0 first).
      const hPrev = time === 1 ? sh0 : tf.concat([sh0, tf.slice(sh, [0, 0], [time - 1, n])], 0);
      const dh0 = tf.mul(tf.slice(sa, [0, 0], [1, n]), tf.slice(g, [0, 0], [1, n]));
      return [tf.mul(g, hPrev), g, dh0];
    };
    return { value: h, gradFunc };
  });
  return tf.tidy(() => {
    // Flattened: a, b [time, batch*units]; h0 [1, batch*units].
    const flat = (x: tf.Tensor) => tf.reshape(x, [time, n]);
    const h = scan(flat(a), flat(b), tf.reshape(h0, [1, n]));
    return tf.reshape(h, [time, batch, units]) as tf.Tensor3D;
  });
}

/**
 * The scan through the fused kernels `RcLinearScan` / `RcLinearScanGrad` (registered by
 * @recurrent/backend for wasm and cpu): one pass over `[time, n]` each way, the same recurrence
 * and the same gradient (flushed below 1e-20) as the chunked scan, in one kernel call instead of
 * ~(3·chunk + 8)·log_chunk(time) tfjs ops. Flattened: `a`, `b` `[time, n]`, `h0` `[1, n]`.
 */
const fusedScan = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [af, bf, hf, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  const [h] = runRecurrenceKernel(RECURRENCE_KERNELS.linearScan, { a: af, b: bf, h0: hf }) as [tf.Tensor2D];
  save([af, h, hf]);
  const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor[] => {
    const [sa, sh, sh0] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    return runRecurrenceKernel(RECURRENCE_KERNELS.linearScanGrad, { a: sa, h: sh, h0: sh0, dy });
  };
  return { value: h, gradFunc };
});

/**
 * Throws a SHAPE error unless `a`, `b` are the same `[time, batch, units]` with time ≥ 1 and `h0`
 * is `[batch, units]`.
 *
 * @example `checkScanShapes(tf.ones([4, 2, 3]), tf.ones([4, 2, 3]), tf.zeros([2, 3])); // passes`
 */
export function checkScanShapes(a: tf.Tensor, b: tf.Tensor, h0: tf.Tensor): void {
  assert(
    a.rank === 3 && b.rank === 3 && a.shape.every((n, i) => n === b.shape[i]),
    () => `scan coefficients a and b must both be [time, batch, units], got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    'SHAPE',
  );
  assert((a.shape[0] as number) > 0, () => `a recurrence needs at least one time step, got [${a.shape.join(', ')}]`, 'SHAPE');
  assert(
    h0.rank === 2 && h0.shape[0] === a.shape[1] && h0.shape[1] === a.shape[2],
    () => `initial state must be [batch, units] = [${a.shape[1]}, ${a.shape[2]}], got [${h0.shape.join(', ')}]`,
    'SHAPE',
  );
}
