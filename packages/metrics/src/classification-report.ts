import { assert } from '@recurrent/core';
import { confusionMatrix, type ConfusionMatrix, type ConfusionMatrixOptions, type Label } from './confusion-matrix.js';

/** Precision, recall and F1 as fractions (0–1). */
export interface PrecisionRecallF1 {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** One class's scores; `support` is its gold count, `predicted` its predicted count. */
export interface ClassScores<L extends Label = Label> extends PrecisionRecallF1 {
  readonly label: L;
  readonly support: number;
  readonly predicted: number;
}

/** Per-class and averaged scores (scikit-learn's `classification_report` definitions, zero_division=0). */
export interface ClassificationReport<L extends Label = Label> {
  readonly perClass: readonly ClassScores<L>[];
  /** Unweighted mean over the reported classes (macro F1 is the mean of the per-class F1). */
  readonly macro: PrecisionRecallF1;
  /** From true/false positives and false negatives pooled over the reported classes. */
  readonly micro: PrecisionRecallF1;
  /** Mean weighted by support. */
  readonly weighted: PrecisionRecallF1;
  /** Fraction of all items (reported classes or not) labelled correctly. */
  readonly accuracy: number;
  /** Total number of items. */
  readonly total: number;
}

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions<L extends Label> extends ConfusionMatrixOptions<L> {
  /**
   * Labels left out of the per-class rows and the averages (e.g. `'O'` in token-level NER);
   * their confusions still count as false positives / negatives of the other classes.
   */
  readonly exclude?: readonly L[];
}

/** p, r and their harmonic mean; every ratio with a zero denominator is 0. */
function prf(tp: number, fp: number, fn: number): PrecisionRecallF1 {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Per-class and macro/micro/weighted precision, recall and F1 from a confusion matrix.
 *
 * @example
 * const r = classificationReportFromMatrix({ labels: ['a', 'b'], matrix: [[1, 1], [0, 2]] });
 * // r.perClass[0]: { label: 'a', precision: 1, recall: 0.5, f1: 0.666…, support: 2, predicted: 1 }
 * // r.micro.f1 === r.accuracy === 0.75
 */
export function classificationReportFromMatrix<L extends Label>(
  cm: ConfusionMatrix<L>,
  exclude: readonly L[] = [],
): ClassificationReport<L> {
  const n = cm.labels.length;
  const rowSums = cm.matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const colSums = cm.labels.map((_, j) => cm.matrix.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowSums.reduce((a, b) => a + b, 0);
  assert(total > 0, () => 'a classification report needs at least one item, got 0', 'USAGE');
  const skipped = new Set(exclude);
  const perClass: ClassScores<L>[] = [];
  let tpSum = 0;
  let fpSum = 0;
  let fnSum = 0;
  let correct = 0;
  for (let i = 0; i < n; i += 1) {
    const tp = cm.matrix[i]?.[i] ?? 0;
    correct += tp;
    const label = cm.labels[i] as L;
    if (skipped.has(label)) continue;
    const support = rowSums[i] as number;
    const predicted = colSums[i] as number;
    tpSum += tp;
    fpSum += predicted - tp;
    fnSum += support - tp;
    perClass.push({ label, ...prf(tp, predicted - tp, support - tp), support, predicted });
  }
  const mean = (weight: (c: ClassScores<L>) => number): PrecisionRecallF1 => {
    const sum = perClass.reduce((s, c) => s + weight(c), 0);
    const avg = (key: keyof PrecisionRecallF1): number =>
      sum > 0 ? perClass.reduce((s, c) => s + c[key] * weight(c), 0) / sum : 0;
    return { precision: avg('precision'), recall: avg('recall'), f1: avg('f1') };
  };
  return {
    perClass,
    macro: mean(() => 1),
    micro: prf(tpSum, fpSum, fnSum),
    weighted: mean((c) => c.support),
    accuracy: correct / total,
    total,
  };
}

/**
 * Per-class and macro/micro/weighted precision, recall and F1 of predicted labels.
 *
 * @example
 * const r = classificationReport(['pos', 'pos', 'neg', 'neg'], ['pos', 'neg', 'neg', 'neg']);
 * // r.macro.f1 ≈ 0.7333 (pos F1 0.6667, neg F1 0.8), r.micro.f1 === 0.75
 */
export function classificationReport<L extends Label>(
  gold: readonly L[],
  pred: readonly L[],
  options: ClassificationReportOptions<L> = {},
): ClassificationReport<L> {
  const cm = confusionMatrix(gold, pred, options.labels === undefined ? {} : { labels: options.labels });
  return classificationReportFromMatrix(cm, options.exclude ?? []);
}
