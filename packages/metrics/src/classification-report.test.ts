import { describe, expect, it } from 'vitest';
import { isRecurrentError } from '@recurrent/core';
import { accuracy } from './accuracy.js';
import { classificationReport, classificationReportFromMatrix } from './classification-report.js';
import { confusionMatrix } from './confusion-matrix.js';

// Worked by hand (scikit-learn definitions): labels a, b, c; matrix [[2,1,0],[0,1,1],[0,0,1]].
const GOLD = ['a', 'a', 'a', 'b', 'b', 'c'];
const PRED = ['a', 'b', 'a', 'b', 'c', 'c'];

const messageOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return isRecurrentError(error) ? `${error.code}: ${error.message}` : 'not a RecurrentError';
  }
  return undefined;
};

describe('accuracy', () => {
  it('returns the fraction of equal labels', () => {
    expect(accuracy(GOLD, PRED)).toBe(4 / 6);
    expect(accuracy([1, 2, 3], [1, 2, 3])).toBe(1);
  });

  it('throws a USAGE error for mismatched or empty inputs', () => {
    expect(messageOf(() => accuracy(['a'], []))).toBe(
      'USAGE: accuracy needs as many predictions as gold labels, got 0 predictions for 1 gold labels',
    );
    expect(messageOf(() => accuracy([], []))).toBe('USAGE: accuracy needs at least one labelled item, got 0');
  });
});

describe('confusionMatrix', () => {
  it('counts gold rows against predicted columns over the sorted labels', () => {
    expect(confusionMatrix(GOLD, PRED)).toEqual({ labels: ['a', 'b', 'c'], matrix: [[2, 1, 0], [0, 1, 1], [0, 0, 1]] });
  });

  it('sorts numeric labels numerically and follows an explicit label order', () => {
    expect(confusionMatrix([10, 2, 2], [2, 2, 10]).labels).toEqual([2, 10]);
    expect(confusionMatrix(GOLD, PRED, { labels: ['c', 'b', 'a', 'z'] }).matrix).toEqual([
      [1, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 1, 2, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('throws a USAGE error for a label missing from labels or a duplicate label', () => {
    expect(messageOf(() => confusionMatrix(['a', 'x'], ['a', 'a'], { labels: ['a', 'b'] }))).toBe(
      'USAGE: gold label "x" at position 1 is not in labels; allowed: a, b',
    );
    expect(messageOf(() => confusionMatrix(['a'], ['a'], { labels: ['a', 'a'] }))).toBe(
      'USAGE: labels must be unique, got "a" twice',
    );
  });
});

describe('classificationReport', () => {
  const close = (actual: number, expected: number): void => expect(actual).toBeCloseTo(expected, 14);

  it('gives per-class precision, recall, F1, support', () => {
    const r = classificationReport(GOLD, PRED);
    expect(r.perClass.map((c) => [c.label, c.support, c.predicted])).toEqual([
      ['a', 3, 2],
      ['b', 2, 2],
      ['c', 1, 2],
    ]);
    const [a, b, c] = r.perClass;
    close(a?.precision ?? NaN, 1);
    close(a?.recall ?? NaN, 2 / 3);
    close(a?.f1 ?? NaN, 0.8);
    close(b?.f1 ?? NaN, 0.5);
    close(c?.precision ?? NaN, 0.5);
    close(c?.recall ?? NaN, 1);
    close(c?.f1 ?? NaN, 2 / 3);
  });

  it('averages macro, micro and weighted as scikit-learn does', () => {
    const r = classificationReport(GOLD, PRED);
    close(r.macro.precision, 2 / 3);
    close(r.macro.recall, 13 / 18);
    close(r.macro.f1, 59 / 90);
    close(r.micro.precision, 2 / 3);
    close(r.micro.recall, 2 / 3);
    close(r.micro.f1, 2 / 3);
    close(r.weighted.precision, 0.75);
    close(r.weighted.recall, 2 / 3);
    close(r.weighted.f1, 61 / 90);
    expect([r.accuracy, r.total]).toEqual([4 / 6, 6]);
  });

  it('leaves excluded labels out of rows and averages but counts their confusions', () => {
    const r = classificationReport(GOLD, PRED, { exclude: ['c'] });
    expect(r.perClass.map((c) => c.label)).toEqual(['a', 'b']);
    close(r.micro.precision, 3 / 4);
    close(r.micro.recall, 3 / 5);
    close(r.micro.f1, 2 / 3);
    close(r.macro.f1, 0.65);
    close(r.macro.recall, 7 / 12);
  });

  it('scores 0 (not NaN) for a class never predicted and one never in gold', () => {
    const r = classificationReportFromMatrix({ labels: ['x', 'y'], matrix: [[0, 3], [0, 0]] });
    expect(r.perClass.map((c) => [c.precision, c.recall, c.f1])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(messageOf(() => classificationReportFromMatrix({ labels: ['x'], matrix: [[0]] }))).toBe(
      'USAGE: a classification report needs at least one item, got 0',
    );
  });
});
