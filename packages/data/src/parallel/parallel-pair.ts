/** One aligned sentence pair. `line` is the 1-based line it came from (the same in both files). */
export interface ParallelPair {
  readonly source: string;
  readonly target: string;
  readonly line: number;
  /** Further TSV columns (Tatoeba/Anki attribution), kept rather than dropped; empty for aligned files. */
  readonly extra: readonly string[];
}

/**
 * What to do with a pair whose source or target is empty (or only whitespace):
 * `'error'` (default) throws a DataFormatError at that line, `'skip'` drops it and counts it.
 * A line that is empty on every side is always skipped and counted as a blank line.
 */
export type EmptySidePolicy = 'error' | 'skip';

/** The allowed values of {@link EmptySidePolicy}. */
export const EMPTY_SIDE_POLICIES: readonly EmptySidePolicy[] = ['error', 'skip'];

/** Counts a parallel-text reader reports; complete once iteration has finished. */
export interface ParallelReadSummary {
  /** Lines read (per file for line-aligned files). */
  lines: number;
  /** Pairs yielded. */
  pairs: number;
  /** Lines empty on every side, skipped. */
  blankLines: number;
  /** Pairs with exactly one empty side, skipped under `emptySide: 'skip'`. */
  skippedEmptySide: number;
}

/**
 * A fresh all-zero summary.
 *
 * @example
 * emptyParallelSummary(); // { lines: 0, pairs: 0, blankLines: 0, skippedEmptySide: 0 }
 */
export function emptyParallelSummary(): ParallelReadSummary {
  return { lines: 0, pairs: 0, blankLines: 0, skippedEmptySide: 0 };
}
