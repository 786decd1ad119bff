import { assertInRange, assertOneOf } from '@recurrent/core';

/** How beam search normalises a hypothesis's log-probability by its length (OpenNMT `PenaltyBuilder`). */
export type LengthPenaltyKind = 'none' | 'avg' | 'wu';

/** Every {@link LengthPenaltyKind}. */
export const LENGTH_PENALTIES: readonly LengthPenaltyKind[] = Object.freeze(['none', 'avg', 'wu']);

/**
 * The divisor of a hypothesis's log-probability: `none` → 1, `avg` → `length`, `wu` (GNMT,
 * Wu et al. 2016) → `((5 + length) / 6) ** alpha`. Every kind is non-decreasing in `length`
 * (for `alpha ≥ 0`), which beam search relies on to stop early.
 *
 * @example
 * lengthPenalty('wu', 7, 1);   // 2
 * lengthPenalty('avg', 7, 0);  // 7
 */
export function lengthPenalty(kind: LengthPenaltyKind, length: number, alpha: number): number {
  switch (kind) {
    case 'none':
      return 1;
    case 'avg':
      return Math.max(length, 1);
    case 'wu':
      return ((5 + length) / 6) ** alpha;
  }
}

/** Validates a penalty kind and its `alpha` (a number in [0, 10]). */
export function checkLengthPenalty(kind: unknown, alpha: unknown): void {
  assertOneOf(kind, 'lengthPenalty', LENGTH_PENALTIES);
  assertInRange(alpha, 'alpha', 0, 10);
}
