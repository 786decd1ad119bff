import { describe, expect, it } from 'vitest';
import { casingId } from './casing.js';
import { charWindows } from './model-inputs.js';

describe('charWindows', () => {
  it('lists each position’s window of ids, 0 outside the word', () => {
    expect(Array.from(charWindows(Int32Array.from([5, 6, 0, 7, 8, 9]), 3, 3))).toEqual([0, 5, 6, 5, 6, 0, 6, 0, 0, 0, 7, 8, 7, 8, 9, 8, 9, 0]);
  });
});

describe('casingId', () => {
  it('classifies lower, title, upper, numeric and other words', () => {
    expect(['the', 'Paris', 'EU', '1996-08-22', 'iPhone', '.'].map(casingId)).toEqual([1, 2, 3, 4, 5, 5]);
  });
});
