import * as tf from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';

/**
 * Splits a time-major tensor `[time, ...]` into `time` tensors `[1, ...]` by halving it repeatedly.
 * Same result as `tf.split(x, time)`, but on the wasm backend of tfjs 4.22, whose Slice copies its
 * WHOLE input for every slice, it moves about `2·log2(time)` copies of `x` instead of `time`
 * (for `[40, 32, 512]`: ~3× faster). Differentiable (the gradient is a tree of concats).
 *
 * @example
 * ```ts
 * const steps = splitTimeSteps(tf.zeros([5, 2, 3])); // 5 × [1, 2, 3]
 * ```
 */
export function splitTimeSteps(x: tf.Tensor): tf.Tensor[] {
  const time = x.shape[0] as number;
  if (time === 1) return [x];
  const half = Math.floor(time / 2);
  const [head, tail] = tf.split(x, [half, time - half], 0) as [tf.Tensor, tf.Tensor];
  return [...splitTimeSteps(head), ...splitTimeSteps(tail)];
}

/**
 * Rows per chunk of a {@link TimeStepSelector} (at most): each read moves one chunk, not all rows.
 * Large on purpose: on wasm, splitting into chunks (whole-input copies) cost more than reading all
 * rows up to ~100 rows × 32k features (test/bench/selector-chunks.mjs); chunks only bound the
 * O(rows²) reads of very long sequences.
 */
export const SELECTOR_CHUNK_ROWS = 128;

/**
 * Reads single rows (time steps) of a `[rows, features]` tensor without per-step Slice: the rows are
 * split once into chunks of at most {@link SELECTOR_CHUNK_ROWS} ({@link splitTimeSteps}-style halving),
 * and row `r` is `onehotᵀ · chunk` (`[1, chunkRows] × [chunkRows, features]`), one matMul whose
 * constant right operand the wasm backend's XNNPACK cache packs once. On wasm this beats
 * `tf.unstack` (whole-input copy per slice, O(rows²)) and Gather (~25 ns per element). For forward
 * passes that are not differentiated through (the gradient of each read would be a full chunk);
 * `NaN`/`Infinity` in a chunk spreads to every row of it (0·∞ = NaN).
 *
 * @example
 * ```ts
 * const select = new TimeStepSelector(tf.reshape(tf.transpose(xProj, [1, 0, 2]), [time, -1]) as tf.Tensor2D);
 * const x3 = tf.reshape(select.at(3), [batch, features]); // step 3 of every sequence
 * ```
 */
export class TimeStepSelector {
  /** Number of rows. */
  readonly rows: number;
  private readonly chunks: tf.Tensor2D[] = [];
  private readonly chunkOf: { chunk: number; offset: number }[] = [];

  /** @param maxChunkRows rows per chunk at most (benchmarks vary it). */
  constructor(rows: tf.Tensor2D, maxChunkRows = SELECTOR_CHUNK_ROWS) {
    this.rows = rows.shape[0];
    const split = (x: tf.Tensor2D): void => {
      const count = x.shape[0];
      if (count <= maxChunkRows) {
        for (let offset = 0; offset < count; offset++) this.chunkOf.push({ chunk: this.chunks.length, offset });
        this.chunks.push(x);
        return;
      }
      const half = Math.floor(count / 2);
      const [head, tail] = tf.split(x, [half, count - half], 0) as [tf.Tensor2D, tf.Tensor2D];
      split(head);
      split(tail);
    };
    split(rows);
  }

  /** Row `r` as `[1, features]` (a new tensor). */
  at(r: number): tf.Tensor2D {
    const where = this.chunkOf[r];
    if (where === undefined) throw new RecurrentError('INTERNAL', `row ${r} is outside [0, ${this.rows})`);
    const chunk = this.chunks[where.chunk] as tf.Tensor2D;
    const oneHot = new Float32Array(chunk.shape[0]);
    oneHot[where.offset] = 1;
    return tf.tidy(() => tf.matMul(tf.tensor2d(oneHot, [1, oneHot.length]), chunk));
  }
}

/**
 * Per-step float mask columns from a `[batch, time]` mask (nonzero = valid): `at(t)` gives
 * `[valid, keep]`, each `[batch, 1]`, `keep = 1 − valid`; null for no mask. Built on
 * {@link TimeStepSelector}, so for forward passes that are not differentiated through.
 *
 * @example
 * ```ts
 * const masks = maskColumns(mask, batch);
 * const [valid, keep] = masks!(3);
 * ```
 */
export function maskColumns(mask: tf.Tensor | null, batch: number): ((t: number) => [tf.Tensor2D, tf.Tensor2D]) | null {
  if (mask === null) return null;
  const select = new TimeStepSelector(tf.transpose(tf.cast(tf.cast(mask, 'bool'), 'float32')) as tf.Tensor2D);
  return (t) => {
    const valid = tf.reshape(select.at(t), [batch, 1]) as tf.Tensor2D;
    return [valid, tf.sub(1, valid) as tf.Tensor2D];
  };
}

/** `valid⊙fresh + keep⊙old`: exact for valid ∈ {0, 1} and finite values. @example `h = blend(hNew, h, valid, keep);` */
export function blend(fresh: tf.Tensor2D, old: tf.Tensor2D, valid: tf.Tensor2D, keep: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.mul(fresh, valid), tf.mul(old, keep)) as tf.Tensor2D;
}
