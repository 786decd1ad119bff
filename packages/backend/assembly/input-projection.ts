// The input projection's backward step inside the fused LSTM/GRU BPTT kernels.
import { gemmAcc, gemmAccT } from './gemm';

/**
 * For step `t` of a batch-major sequence: `dx_t = dz_t Wᵀ`, `dW += x_tᵀ dz_t`, `db += Σ_rows dz_t`,
 * while `dz_t` is in cache. `dz` `[batch, time, width]` (gradient of the projection), `x` and `dx`
 * `[batch, time, inputDim]`, `wt` `[width, inputDim]` (the input kernel transposed), `zeroRow`
 * `inputDim` zeros, `dw` `[inputDim, width]` and `db` `[width]` accumulated.
 */
export function inputProjectionBackStep(
  t: i32, batch: i32, time: i32, width: i32, inputDim: i32, dz: usize, x: usize, wt: usize, zeroRow: usize, dx: usize, dw: usize, db: usize,
): void {
  const dzt = dz + ((<usize>t * <usize>width) << 2);
  gemmAcc(dzt, time * width, wt, inputDim, width, inputDim, zeroRow, 0, dx + ((<usize>t * <usize>inputDim) << 2), time * inputDim, batch);
  gemmAccT(x + ((<usize>t * <usize>inputDim) << 2), time * inputDim, dzt, time * width, batch, width, dw, width, dw, width, inputDim);
  for (let b = 0; b < batch; b++) {
    const row = dzt + ((<usize>b * <usize>time * <usize>width) << 2);
    let n = 0;
    for (; n + 4 <= width; n += 4) {
      const o = <usize>n << 2;
      v128.store(db + o, f32x4.add(v128.load(db + o), v128.load(row + o)));
    }
    for (; n < width; n++) {
      const o = <usize>n << 2;
      store<f32>(db + o, load<f32>(db + o) + load<f32>(row + o));
    }
  }
}
