import { assert } from '@recurrent/core';

/**
 * Sufficient statistics of BLEU for one segment or a whole corpus, as sacreBLEU
 * keeps them: hypothesis length, closest reference length, and per n-gram order
 * the clipped matches (`correct`) and the hypothesis n-gram counts (`total`).
 */
export interface BleuStatistics {
  readonly sysLen: number;
  readonly refLen: number;
  /** `correct[n - 1]`: clipped n-gram matches. */
  readonly correct: readonly number[];
  /** `total[n - 1]`: n-grams in the hypothesis. */
  readonly total: readonly number[];
}

/**
 * Counts of every n-gram of order 1..maxOrder; the key is the n-gram's tokens joined by
 * one space. With `only`, n-grams that are not keys of `only` are skipped.
 */
function countNgrams(tokens: readonly string[], maxOrder: number, only?: Map<string, number>): Map<string, number> {
  const counts = new Map<string, number>();
  const length = tokens.length;
  for (let i = 0; i < length; i += 1) {
    let key = tokens[i] as string;
    const last = Math.min(length, i + maxOrder);
    for (let j = i; j < last; j += 1) {
      // Tokens never contain whitespace, so a space-joined key is unambiguous.
      if (j > i) key = `${key} ${tokens[j] as string}`;
      if (only !== undefined && !only.has(key)) break; // a longer n-gram cannot be in `only` either
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Number of spaces in an n-gram key, i.e. its order minus one. */
function orderIndex(key: string): number {
  let spaces = 0;
  for (let k = key.indexOf(' '); k !== -1; k = key.indexOf(' ', k + 1)) spaces += 1;
  return spaces;
}

/**
 * The reference length closest to `hypLen`; on a tie the shorter reference wins
 * (sacreBLEU `_get_closest_ref_len`).
 *
 * @example
 * closestReferenceLength(5, [3, 7]); // 3
 * closestReferenceLength(5, [6, 9]); // 6
 */
export function closestReferenceLength(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

/**
 * BLEU statistics of one segment from already tokenised hypothesis and references:
 * each hypothesis n-gram count is clipped by its maximum count over the references.
 * Tokens must not contain spaces (true of everything `split()` returns).
 *
 * @example
 * const s = bleuSegmentStatistics(['the', 'cat', 'sat'], [['the', 'cat', 'ran']], 4);
 * // { sysLen: 3, refLen: 3, correct: [2, 1, 0, 0], total: [3, 2, 1, 0] }
 */
export function bleuSegmentStatistics(
  hypothesis: readonly string[],
  references: readonly (readonly string[])[],
  maxOrder: number,
): BleuStatistics {
  assert(references.length > 0, () => 'a segment needs at least one reference, got 0', 'USAGE');
  const hypCounts = countNgrams(hypothesis, maxOrder);
  // Only n-grams of the hypothesis can match, so reference counts are kept for those alone.
  const refMax = new Map<string, number>();
  const refLens: number[] = [];
  for (const reference of references) {
    refLens.push(reference.length);
    const counts = countNgrams(reference, maxOrder, hypCounts);
    for (const [key, count] of counts) {
      const previous = refMax.get(key);
      if (previous === undefined || count > previous) refMax.set(key, count);
    }
  }
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const [key, count] of hypCounts) {
    const n = orderIndex(key);
    total[n] = (total[n] as number) + count;
    const max = refMax.get(key);
    if (max !== undefined) correct[n] = (correct[n] as number) + Math.min(count, max);
  }
  return { sysLen: hypothesis.length, refLen: closestReferenceLength(hypothesis.length, refLens), correct, total };
}

/**
 * Sums segment statistics over a corpus (what corpus BLEU scores).
 *
 * @example
 * const a = bleuSegmentStatistics(['a', 'b'], [['a', 'b']], 2);
 * const b = bleuSegmentStatistics(['c'], [['d', 'e']], 2);
 * sumBleuStatistics([a, b], 2); // { sysLen: 3, refLen: 4, correct: [2, 1], total: [3, 1] }
 */
export function sumBleuStatistics(segments: Iterable<BleuStatistics>, maxOrder: number): BleuStatistics {
  let sysLen = 0;
  let refLen = 0;
  const correct = new Array<number>(maxOrder).fill(0);
  const total = new Array<number>(maxOrder).fill(0);
  for (const s of segments) {
    sysLen += s.sysLen;
    refLen += s.refLen;
    for (let n = 0; n < maxOrder; n += 1) {
      correct[n] = (correct[n] as number) + (s.correct[n] ?? 0);
      total[n] = (total[n] as number) + (s.total[n] ?? 0);
    }
  }
  return { sysLen, refLen, correct, total };
}
