import { describe, expect, it } from 'vitest';
import { argMax, scoreClassification } from './evaluate.js';
import { formatConfusion } from './format-confusion.js';

describe('scoreClassification', () => {
  it('gives accuracy, macro-F1 and the confusion matrix (worked by hand)', () => {
    const scores = scoreClassification(['pos', 'pos', 'neg', 'neg'], ['pos', 'neg', 'neg', 'neg'], ['neg', 'pos']);
    expect(scores.accuracy).toBe(0.75);
    // neg: P 2/3, R 1, F1 0.8; pos: P 1, R 1/2, F1 2/3
    expect(scores.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
    expect(scores.confusion.matrix).toEqual([[2, 0], [1, 1]]);
    expect(scores.examples).toBe(4);
  });
});

describe('argMax', () => {
  it('returns the first index of the largest value', () => {
    expect(argMax(Float32Array.of(0.1, 0.7, 0.2))).toBe(1);
    expect(argMax([0.5, 0.5])).toBe(0);
  });
});

describe('formatConfusion', () => {
  it('prints gold rows and predicted columns, right-aligned', () => {
    expect(formatConfusion({ labels: ['neg', 'pos'], matrix: [[3, 1], [0, 12]] })).toBe(
      ['gold \\ predicted  neg  pos', 'neg                 3    1', 'pos                 0   12'].join('\n'),
    );
  });
});
