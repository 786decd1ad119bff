import { assert } from '@recurrent/core';
import { assertLabelPairs } from './label-pairs.js';

/** A label: class name or class id. */
export type Label = string | number;

/** Counts of (gold, predicted) pairs: `matrix[g][p]` for `labels[g]` predicted as `labels[p]`. */
export interface ConfusionMatrix<L extends Label = Label> {
  readonly labels: readonly L[];
  /** Rows are gold labels, columns predicted labels. */
  readonly matrix: readonly (readonly number[])[];
}

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions<L extends Label> {
  /** Row/column order. Must contain every label that occurs. Default: the labels seen, sorted. */
  readonly labels?: readonly L[];
}

/** Sorted union of the labels seen: numbers ascending, strings in code unit order. */
function seenLabels<L extends Label>(gold: readonly L[], pred: readonly L[]): L[] {
  const seen = [...new Set<L>([...gold, ...pred])];
  return seen.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
}

/**
 * Confusion matrix of gold against predicted labels.
 * Throws a USAGE error for mismatched lengths, an empty input, duplicate labels
 * in `options.labels`, or a label missing from it.
 *
 * @example
 * const cm = confusionMatrix(['a', 'a', 'b'], ['a', 'b', 'b']);
 * // cm.labels: ['a', 'b'], cm.matrix: [[1, 1], [0, 1]]
 */
export function confusionMatrix<L extends Label>(
  gold: readonly L[],
  pred: readonly L[],
  options: ConfusionMatrixOptions<L> = {},
): ConfusionMatrix<L> {
  assertLabelPairs(gold, pred, 'confusionMatrix');
  const labels = options.labels ?? seenLabels(gold, pred);
  const index = new Map<L, number>();
  labels.forEach((label, i) => {
    assert(!index.has(label), () => `labels must be unique, got ${JSON.stringify(label)} twice`, 'USAGE');
    index.set(label, i);
  });
  const matrix = labels.map(() => new Array<number>(labels.length).fill(0));
  const indexOf = (label: L, side: string, i: number): number => {
    const at = index.get(label);
    assert(
      at !== undefined,
      () => `${side} label ${JSON.stringify(label)} at position ${i} is not in labels; allowed: ${labels.join(', ')}`,
      'USAGE',
    );
    return at;
  };
  for (let i = 0; i < gold.length; i += 1) {
    const row = matrix[indexOf(gold[i] as L, 'gold', i)] as number[];
    const col = indexOf(pred[i] as L, 'predicted', i);
    row[col] = (row[col] as number) + 1;
  }
  return { labels, matrix };
}
