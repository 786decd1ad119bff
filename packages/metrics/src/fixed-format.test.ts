import { describe, expect, it } from 'vitest';
import { formatFixed } from './fixed-format.js';

describe('formatFixed', () => {
  it('rounds exact binary ties to even, as printf and Python do', () => {
    expect(formatFixed(75.625, 2)).toBe('75.62');
    expect(formatFixed(90.625, 2)).toBe('90.62');
    expect(formatFixed(3.125, 2)).toBe('3.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
    expect(formatFixed(6.25, 1)).toBe('6.2');
    expect(formatFixed(56.25, 1)).toBe('56.2');
    expect(formatFixed(31.25, 1)).toBe('31.2');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
    expect(formatFixed(2.5, 0)).toBe('2');
    expect(formatFixed(-0.125, 2)).toBe('-0.12');
  });

  it('rounds non-ties by the exact binary value', () => {
    // 1.005 is 1.00499999999999989…, 9.995 is 9.99499999999999957…
    expect(formatFixed(1.005, 2)).toBe('1.00');
    expect(formatFixed(9.995, 2)).toBe('9.99');
    expect(formatFixed(2 / 3, 2)).toBe('0.67');
    expect(formatFixed(99.999, 2)).toBe('100.00');
    expect(formatFixed(0.0625000001, 3)).toBe('0.063');
  });

  it('pads nothing and keeps integers exact', () => {
    expect(formatFixed(100, 2)).toBe('100.00');
    expect(formatFixed(0, 3)).toBe('0.000');
    expect(formatFixed(1234567, 1)).toBe('1234567.0');
  });

  it('writes non-finite values as Python does', () => {
    expect(formatFixed(Number.NaN, 2)).toBe('nan');
    expect(formatFixed(Number.POSITIVE_INFINITY, 2)).toBe('inf');
  });
});
