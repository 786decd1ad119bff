import { describe, expect, it } from 'vitest';
import { padSequences } from './pad-sequences.js';
import { sequenceMask } from './sequence-mask.js';

describe('padSequences', () => {
  it('pads at the end with the mask and lengths when side is post', () => {
    const out = padSequences([[5, 6, 7], [8], []]);
    expect(out.time).toBe(3);
    expect(out.batch).toBe(3);
    expect(Array.from(out.ids)).toEqual([5, 6, 7, 8, 0, 0, 0, 0, 0]);
    expect(Array.from(out.mask)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(out.mask).toBeInstanceOf(Float32Array);
    expect(Array.from(out.lengths)).toEqual([3, 1, 0]);
  });

  it('pads at the front and truncates from the front when asked', () => {
    const out = padSequences([Int32Array.from([1, 2, 3, 4]), [9]], { side: 'pre', truncate: 'pre', maxLength: 3, padId: -1 });
    expect(Array.from(out.ids)).toEqual([2, 3, 4, -1, -1, 9]);
    expect(Array.from(out.mask)).toEqual([1, 1, 1, 0, 0, 1]);
  });

  it('keeps the beginning when truncating post and honours minLength', () => {
    expect(Array.from(padSequences([[1, 2, 3, 4]], { maxLength: 2 }).ids)).toEqual([1, 2]);
    const wide = padSequences([[1]], { minLength: 3 });
    expect([wide.time, ...wide.ids]).toEqual([3, 1, 0, 0]);
  });

  it('rejects bad options with the allowed values', () => {
    expect(() => padSequences([[1]], { side: 'middle' as 'post' })).toThrowError(/side must be one of .*allowed: post, pre/);
    expect(() => padSequences([[1]], { maxLength: 0 })).toThrowError(/maxLength must be a positive integer, got 0/);
  });
});

describe('sequenceMask', () => {
  it('marks the first or last lengths[b] steps of each row', () => {
    expect(Array.from(sequenceMask([2, 3, 0], 3))).toEqual([1, 1, 0, 1, 1, 1, 0, 0, 0]);
    expect(Array.from(sequenceMask([2, 3, 0], 3, 'pre'))).toEqual([0, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(() => sequenceMask([4], 3)).toThrowError(/lengths\[0\] must be an integer in \[0, 3\], got 4/);
  });
});
