import { RecurrentError, assert } from '@recurrent/core';
import type { TransitionMask } from './iob-transition-mask.js';

/** Options of {@link viterbiDecode}. */
export interface ViterbiOptions {
  /** Forbidden transitions, starts and ends get score −∞ (see {@link iobTransitionMask}). */
  readonly allowed?: TransitionMask;
}

/** Best tag sequences of a batch. */
export interface ViterbiResult {
  /** `paths[b]` has `lengths[b]` tag ids. */
  readonly paths: Int32Array[];
  /** Score of each best path: `start + Σ emissions + Σ transitions + end`. */
  readonly scores: Float64Array;
}

function checkSize(name: string, actual: number, expected: number, shape: string): void {
  assert(actual === expected, () => `${name} must have ${expected} values (${shape}), got ${actual}`, 'SHAPE');
}

/**
 * Linear-chain CRF decoding (Viterbi) over plain arrays, for use after one `await t.data()`
 * per batch. The score of tags `y` for sentence `b` of length `L` is
 * `start[y0] + Σ_t emissions[b, t, y_t] + Σ_t transitions[y_{t-1}, y_t] + end[y_{L-1}]`;
 * `numTags` is `start.length` and `time` is `emissions.length / (batch × numTags)`. Ties go
 * to the lower tag id. A sentence of length 0 gets an empty path and score 0.
 *
 * @param emissions `[batch, time, numTags]` row-major.
 * @param transitions `[numTags, numTags]` row-major, `transitions[from * numTags + to]`.
 * @param start `[numTags]` scores of the first tag.
 * @param end `[numTags]` scores of the last tag.
 * @param lengths `[batch]` real length of each sentence (≤ time); padding beyond is ignored.
 *
 * @example
 * // 1 sentence, 2 steps, 2 tags
 * const { paths, scores } = viterbiDecode(
 *   Float32Array.from([1, 0, 0, 0.5]), [0, -2, -2, 0], [0, 0], [0, 0], [2]);
 * // paths [Int32Array [0, 0]], scores Float64Array [1]  (0→0 scores 1 + 0; 1→1 only 0 + 0.5)
 */
export function viterbiDecode(
  emissions: ArrayLike<number>,
  transitions: ArrayLike<number>,
  start: ArrayLike<number>,
  end: ArrayLike<number>,
  lengths: ArrayLike<number>,
  options: ViterbiOptions = {},
): ViterbiResult {
  const numTags = start.length;
  const batch = lengths.length;
  assert(numTags > 0, () => 'start must have one score per tag, got 0 values', 'SHAPE');
  checkSize('transitions', transitions.length, numTags * numTags, '[numTags, numTags]');
  checkSize('end', end.length, numTags, '[numTags]');
  const time = batch === 0 ? 0 : emissions.length / (batch * numTags);
  assert(Number.isInteger(time), () => `emissions must have batch × time × numTags values (batch ${batch}, numTags ${numTags}), got ${emissions.length}`, 'SHAPE');
  const mask = options.allowed;
  if (mask !== undefined) {
    assert(mask.numTags === numTags, () => `allowed.numTags must equal numTags ${numTags}, got ${mask.numTags}`, 'SHAPE');
  }
  // Scores with forbidden moves at −∞, in float64.
  const trans = Float64Array.from(transitions, (v, i) => (mask === undefined || mask.transitions[i] === 1 ? v : -Infinity));
  const first = Float64Array.from(start, (v, i) => (mask === undefined || mask.start[i] === 1 ? v : -Infinity));
  const last = Float64Array.from(end, (v, i) => (mask === undefined || mask.end[i] === 1 ? v : -Infinity));

  const paths: Int32Array[] = [];
  const scores = new Float64Array(batch);
  let score = new Float64Array(numTags);
  let next = new Float64Array(numTags);
  for (let b = 0; b < batch; b++) {
    const length = lengths[b] as number;
    assert(Number.isInteger(length) && length >= 0 && length <= time, () => `lengths[${b}] must be an integer in [0, ${time}], got ${length}`, 'SHAPE');
    if (length === 0) {
      paths.push(new Int32Array(0));
      continue;
    }
    const base = b * time * numTags;
    const backpointers = new Int32Array(length * numTags);
    for (let j = 0; j < numTags; j++) score[j] = (first[j] as number) + (emissions[base + j] as number);
    for (let t = 1; t < length; t++) {
      const row = base + t * numTags;
      for (let j = 0; j < numTags; j++) {
        let best = -Infinity;
        let arg = 0;
        for (let i = 0; i < numTags; i++) {
          const candidate = (score[i] as number) + (trans[i * numTags + j] as number);
          if (candidate > best) {
            best = candidate;
            arg = i;
          }
        }
        next[j] = best + (emissions[row + j] as number);
        backpointers[t * numTags + j] = arg;
      }
      [score, next] = [next, score];
    }
    let best = -Infinity;
    let tag = -1;
    for (let j = 0; j < numTags; j++) {
      const candidate = (score[j] as number) + (last[j] as number);
      if (candidate > best) {
        best = candidate;
        tag = j;
      }
    }
    if (tag < 0) {
      throw new RecurrentError('USAGE', `sentence ${b} (length ${length}) has no allowed tag sequence: every path uses a forbidden start, transition or end, or a score is NaN`);
    }
    const path = new Int32Array(length);
    for (let t = length - 1; t >= 0; t--) {
      path[t] = tag;
      tag = backpointers[t * numTags + tag] as number;
    }
    paths.push(path);
    scores[b] = best;
  }
  return { paths, scores };
}
