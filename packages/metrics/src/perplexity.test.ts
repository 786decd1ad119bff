import { describe, expect, it } from 'vitest';
import { isRecurrentError } from '@recurrent/core';
import { bitsPerCharacter, perplexity } from './perplexity.js';

describe('perplexity', () => {
  it('is exp of the mean nll', () => {
    expect(perplexity(4 * Math.log(10), 4)).toBeCloseTo(10, 12);
    expect(perplexity(0, 7)).toBe(1);
    // uniform over a vocabulary of 50 on 3 tokens
    expect(perplexity(3 * Math.log(50), 3)).toBeCloseTo(50, 11);
  });

  it('rejects a negative or non-finite nll and a non-positive token count with USAGE', () => {
    const codeOf = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        return isRecurrentError(error) ? `${error.code}: ${error.message}` : 'other';
      }
      return 'none';
    };
    expect(codeOf(() => perplexity(-1, 3))).toBe(
      'USAGE: summed negative log-likelihood must be a finite number >= 0 (natural log), got -1',
    );
    expect(codeOf(() => perplexity(Number.NaN, 3))).toMatch(/^USAGE: .*got NaN/);
    expect(codeOf(() => perplexity(1, 0))).toBe('USAGE: tokens must be a positive integer, got 0');
    expect(codeOf(() => bitsPerCharacter(1, 2.5))).toBe('USAGE: chars must be a positive integer, got 2.5');
  });
});

describe('bitsPerCharacter', () => {
  it('is nll / (chars · ln 2)', () => {
    expect(bitsPerCharacter(3 * Math.log(4), 3)).toBeCloseTo(2, 14);
    expect(bitsPerCharacter(Math.LN2 * 10, 5)).toBeCloseTo(2, 14);
    // bpc and perplexity agree: 2^bpc is the per-character perplexity
    expect(2 ** bitsPerCharacter(12.3, 9)).toBeCloseTo(perplexity(12.3, 9), 12);
  });
});
