// Register-blocked single-precision matrix product for the fused recurrences (wasm SIMD).

/**
 * `c[r, :] = init[r, :] + Σ_j a[r, j] · w[j, :]` for `r < rows`, `j < k`, `n` columns, all row-major float32.
 * Blocks of 4 rows × 8 columns keep 8 accumulators in registers; each loaded `w` vector is reused
 * for 4 rows and each loaded `a` vector gives 4 broadcasts (lane shuffles), so the inner loop does
 * 2 loads of `w`, 4 shuffles and 16 multiply/adds per `j`. Strides are in elements; `ldi` may be 0
 * (every row starts from the same `init` row, e.g. a zero row). `c` may alias `init` (each block
 * reads its `init` rows before writing them) but not `a`.
 */
export function gemmAcc(
  a: usize, lda: i32, w: usize, ldw: i32, k: i32, n: i32, init: usize, ldi: i32, c: usize, ldc: i32, rows: i32,
): void {
  const ldaB = <usize>lda << 2;
  const ldiB = <usize>ldi << 2;
  const ldcB = <usize>ldc << 2;
  const ldwB = <usize>ldw << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = a + <usize>r * ldaB;
    const i0 = init + <usize>r * ldiB;
    const o0 = c + <usize>r * ldcB;
    let col = 0;
    for (; col + 8 <= n; col += 8) {
      const cb = <usize>col << 2;
      let c00 = v128.load(i0 + cb), c01 = v128.load(i0 + cb, 16);
      let c10 = v128.load(i0 + ldiB + cb), c11 = v128.load(i0 + ldiB + cb, 16);
      let c20 = v128.load(i0 + 2 * ldiB + cb), c21 = v128.load(i0 + 2 * ldiB + cb, 16);
      let c30 = v128.load(i0 + 3 * ldiB + cb), c31 = v128.load(i0 + 3 * ldiB + cb, 16);
      let wp = w + cb;
      let w0: v128, w1: v128, s: v128;
      let j = 0;
      for (; j + 4 <= k; j += 4) {
        const jb = <usize>j << 2;
        const h0 = v128.load(a0 + jb), h1 = v128.load(a0 + ldaB + jb);
        const h2 = v128.load(a0 + 2 * ldaB + jb), h3 = v128.load(a0 + 3 * ldaB + jb);
        w0 = v128.load(wp); w1 = v128.load(wp, 16); wp += ldwB;
        s = i32x4.shuffle(h0, h0, 0, 0, 0, 0); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = i32x4.shuffle(h1, h1, 0, 0, 0, 0); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = i32x4.shuffle(h2, h2, 0, 0, 0, 0); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = i32x4.shuffle(h3, h3, 0, 0, 0, 0); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));
        w0 = v128.load(wp); w1 = v128.load(wp, 16); wp += ldwB;
        s = i32x4.shuffle(h0, h0, 1, 1, 1, 1); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = i32x4.shuffle(h1, h1, 1, 1, 1, 1); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = i32x4.shuffle(h2, h2, 1, 1, 1, 1); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = i32x4.shuffle(h3, h3, 1, 1, 1, 1); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));
        w0 = v128.load(wp); w1 = v128.load(wp, 16); wp += ldwB;
        s = i32x4.shuffle(h0, h0, 2, 2, 2, 2); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = i32x4.shuffle(h1, h1, 2, 2, 2, 2); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = i32x4.shuffle(h2, h2, 2, 2, 2, 2); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = i32x4.shuffle(h3, h3, 2, 2, 2, 2); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));
        w0 = v128.load(wp); w1 = v128.load(wp, 16); wp += ldwB;
        s = i32x4.shuffle(h0, h0, 3, 3, 3, 3); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = i32x4.shuffle(h1, h1, 3, 3, 3, 3); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = i32x4.shuffle(h2, h2, 3, 3, 3, 3); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = i32x4.shuffle(h3, h3, 3, 3, 3, 3); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));      }
      for (; j < k; j++) {
        const jb = <usize>j << 2;
        w0 = v128.load(wp); w1 = v128.load(wp, 16); wp += ldwB;
        s = f32x4.splat(load<f32>(a0 + jb)); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = f32x4.splat(load<f32>(a0 + ldaB + jb)); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = f32x4.splat(load<f32>(a0 + 2 * ldaB + jb)); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = f32x4.splat(load<f32>(a0 + 3 * ldaB + jb)); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));
      }
      v128.store(o0 + cb, c00); v128.store(o0 + cb, c01, 16);
      v128.store(o0 + ldcB + cb, c10); v128.store(o0 + ldcB + cb, c11, 16);
      v128.store(o0 + 2 * ldcB + cb, c20); v128.store(o0 + 2 * ldcB + cb, c21, 16);
      v128.store(o0 + 3 * ldcB + cb, c30); v128.store(o0 + 3 * ldcB + cb, c31, 16);
    }
    for (let q = 0; q < 4; q++) {
      gemmRowTail(a0 + <usize>q * ldaB, 4, w, ldwB, k, n, col, i0 + <usize>q * ldiB, o0 + <usize>q * ldcB);
    }
  }
  for (; r < rows; r++) {
    gemmRowTail(a + <usize>r * ldaB, 4, w, ldwB, k, n, 0, init + <usize>r * ldiB, c + <usize>r * ldcB);
  }
}

/**
 * One row of {@link gemmAcc} from column `from` on: 4 columns at a time, then single columns. The
 * row's `j`-th value is at `a + j·ajB` (`ajB` = 4 for a row-major row, the row stride in bytes for a
 * column of a transposed operand).
 */
function gemmRowTail(a: usize, ajB: usize, w: usize, ldwB: usize, k: i32, n: i32, from: i32, init: usize, c: usize): void {
  let col = from;
  for (; col + 4 <= n; col += 4) {
    const cb = <usize>col << 2;
    let acc = v128.load(init + cb);
    let wp = w + cb;
    for (let j = 0; j < k; j++) {
      acc = f32x4.add(acc, f32x4.mul(f32x4.splat(load<f32>(a + <usize>j * ajB)), v128.load(wp)));
      wp += ldwB;
    }
    v128.store(c + cb, acc);
  }
  for (; col < n; col++) {
    const cb = <usize>col << 2;
    let acc = load<f32>(init + cb);
    let wp = w + cb;
    for (let j = 0; j < k; j++) {
      acc += load<f32>(a + <usize>j * ajB) * load<f32>(wp);
      wp += ldwB;
    }
    store<f32>(c + cb, acc);
  }
}

/**
 * {@link gemmAcc} with `A` stored transposed: `c[r, :] = init[r, :] + Σ_j a[j, r] · w[j, :]`, `a`
 * row-major `[k, lda]`. The 4 rows of a block are 4 adjacent values of one `a` row, so one vector
 * load per `j` gives all four broadcasts (`dW = Xᵀ·dY` without transposing `X`).
 */
export function gemmAccT(
  a: usize, lda: i32, w: usize, ldw: i32, k: i32, n: i32, init: usize, ldi: i32, c: usize, ldc: i32, rows: i32,
): void {
  const ldaB = <usize>lda << 2;
  const ldiB = <usize>ldi << 2;
  const ldcB = <usize>ldc << 2;
  const ldwB = <usize>ldw << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const a0 = a + (<usize>r << 2);
    const i0 = init + <usize>r * ldiB;
    const o0 = c + <usize>r * ldcB;
    let col = 0;
    for (; col + 8 <= n; col += 8) {
      const cb = <usize>col << 2;
      let c00 = v128.load(i0 + cb), c01 = v128.load(i0 + cb, 16);
      let c10 = v128.load(i0 + ldiB + cb), c11 = v128.load(i0 + ldiB + cb, 16);
      let c20 = v128.load(i0 + 2 * ldiB + cb), c21 = v128.load(i0 + 2 * ldiB + cb, 16);
      let c30 = v128.load(i0 + 3 * ldiB + cb), c31 = v128.load(i0 + 3 * ldiB + cb, 16);
      let wp = w + cb;
      let ap = a0;
      for (let j = 0; j < k; j++) {
        const h = v128.load(ap);
        ap += ldaB;
        const w0 = v128.load(wp), w1 = v128.load(wp, 16);
        wp += ldwB;
        let s = i32x4.shuffle(h, h, 0, 0, 0, 0); c00 = f32x4.add(c00, f32x4.mul(s, w0)); c01 = f32x4.add(c01, f32x4.mul(s, w1));
        s = i32x4.shuffle(h, h, 1, 1, 1, 1); c10 = f32x4.add(c10, f32x4.mul(s, w0)); c11 = f32x4.add(c11, f32x4.mul(s, w1));
        s = i32x4.shuffle(h, h, 2, 2, 2, 2); c20 = f32x4.add(c20, f32x4.mul(s, w0)); c21 = f32x4.add(c21, f32x4.mul(s, w1));
        s = i32x4.shuffle(h, h, 3, 3, 3, 3); c30 = f32x4.add(c30, f32x4.mul(s, w0)); c31 = f32x4.add(c31, f32x4.mul(s, w1));
      }
      v128.store(o0 + cb, c00); v128.store(o0 + cb, c01, 16);
      v128.store(o0 + ldcB + cb, c10); v128.store(o0 + ldcB + cb, c11, 16);
      v128.store(o0 + 2 * ldcB + cb, c20); v128.store(o0 + 2 * ldcB + cb, c21, 16);
      v128.store(o0 + 3 * ldcB + cb, c30); v128.store(o0 + 3 * ldcB + cb, c31, 16);
    }
    for (let q = 0; q < 4; q++) {
      gemmRowTail(a0 + (<usize>q << 2), ldaB, w, ldwB, k, n, col, i0 + <usize>q * ldiB, o0 + <usize>q * ldcB);
    }
  }
  for (; r < rows; r++) {
    gemmRowTail(a + (<usize>r << 2), ldaB, w, ldwB, k, n, 0, init + <usize>r * ldiB, c + <usize>r * ldcB);
  }
}

/** Inner-dimension block of {@link gemm}: a `[256, n]` slice of `w` stays in cache while all rows pass over it. */
const KC: i32 = 256;
/** Column panel of {@link gemm}: every row block passes over one `[KC, NC]` block of `w` (64 KB) while it is hot (measured: 32 and 64 alike, 16 slower; the whole width was ~1.8× slower at k = 64). */
const NC: i32 = 64;

/**
 * `c = bias + op(a)·w` for `rows` rows (`op(a)` is `a`, row-major `[rows, lda]`, or with `transA`
 * the transpose of `a` stored `[k, lda]`), `w` row-major `[k, ldw]`, `n` columns, `bias` one row
 * of `n` values. `k` is walked in blocks of {@link KC} (the first block starts from `bias`, the
 * next ones from `c`) and the columns in panels of {@link NC}, so each `[KC, NC]` block of `w` is
 * read from L1 by every row. `k` ≥ 1.
 */
export function gemm(
  a: usize, lda: i32, transA: i32, w: usize, ldw: i32, k: i32, n: i32, bias: usize, c: usize, ldc: i32, rows: i32,
): void {
  blockedGemm(a, lda, transA, w, ldw, k, n, bias, 0, c, ldc, rows);
}

/** {@link gemm} that adds to `c` instead of starting from a bias row: `c += op(a)·w`. */
export function gemmAdd(a: usize, lda: i32, transA: i32, w: usize, ldw: i32, k: i32, n: i32, c: usize, ldc: i32, rows: i32): void {
  blockedGemm(a, lda, transA, w, ldw, k, n, c, ldc, c, ldc, rows);
}

/** The blocked loop of {@link gemm}: the first `k` block starts from `init` (`ldi` 0: one row for all). */
function blockedGemm(
  a: usize, lda: i32, transA: i32, w: usize, ldw: i32, k: i32, n: i32, init0: usize, ldi0: i32, c: usize, ldc: i32, rows: i32,
): void {
  for (let k0 = 0; k0 < k; k0 += KC) {
    const kk = min(KC, k - k0);
    const first = k0 == 0;
    const ak = transA != 0 ? a + ((<usize>k0 * <usize>lda) << 2) : a + (<usize>k0 << 2);
    const wk = w + ((<usize>k0 * <usize>ldw) << 2);
    for (let c0 = 0; c0 < n; c0 += NC) {
      const nn = min(NC, n - c0);
      const cb = <usize>c0 << 2;
      const init = first ? init0 + cb : c + cb;
      const ldi = first ? ldi0 : ldc;
      if (transA != 0) gemmAccT(ak, lda, wk + cb, ldw, kk, nn, init, ldi, c + cb, ldc, rows);
      else gemmAcc(ak, lda, wk + cb, ldw, kk, nn, init, ldi, c + cb, ldc, rows);
    }
  }
}

/** `dst[j] = Σ_r src[r·ld + j]` for `j < n`, `r < rows` (a bias gradient: the column sums of `dZ`); rows in memory order. */
export function sumRows(src: usize, ld: i32, rows: i32, n: i32, dst: usize): void {
  const ldB = <usize>ld << 2;
  const vec = n & ~3;
  memory.fill(dst, 0, <usize>n << 2);
  for (let r = 0; r < rows; r++) {
    const row = src + <usize>r * ldB;
    for (let j = 0; j < vec; j += 4) {
      const o = <usize>j << 2;
      v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(row + o)));
    }
    for (let j = vec; j < n; j++) {
      const o = <usize>j << 2;
      store<f32>(dst + o, load<f32>(dst + o) + load<f32>(row + o));
    }
  }
}
