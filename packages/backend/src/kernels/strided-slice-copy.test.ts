import { describe, expect, it } from 'vitest';
import { stridedSliceCopy } from './strided-slice-copy.js';

/** Reference: index every output element by its full coordinates. */
function naiveSlice(values: Float32Array, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const visit = (axis: number, offset: number) => {
    if (axis === shape.length) {
      out.push(values[offset] as number);
      return;
    }
    const stride = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
    for (let i = 0; i < (size[axis] as number); i++) visit(axis + 1, offset + ((begin[axis] as number) + i) * stride);
  };
  visit(0, 0);
  return out;
}

describe('stridedSliceCopy', () => {
  it('takes a column block of a matrix', () => {
    const out = new Float32Array(2);
    stridedSliceCopy(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], [0, 1], [2, 1], out);
    expect([...out]).toEqual([2, 5]);
  });

  it('agrees with per-element indexing on every box of a [3,4,5] tensor sampled', () => {
    const shape = [3, 4, 5];
    const values = Float32Array.from({ length: 60 }, (_, i) => i * 1.5 - 7);
    const boxes: [number[], number[]][] = [
      [[0, 0, 0], [3, 4, 5]],
      [[1, 0, 0], [2, 4, 5]],
      [[0, 1, 0], [3, 2, 5]],
      [[0, 0, 2], [3, 4, 2]],
      [[2, 3, 4], [1, 1, 1]],
      [[1, 1, 1], [2, 3, 3]],
      [[0, 2, 0], [3, 0, 5]],
    ];
    for (const [begin, size] of boxes) {
      const out = new Float32Array(size.reduce((p, d) => p * d, 1));
      stridedSliceCopy(values, shape, begin, size, out);
      expect([...out]).toEqual(naiveSlice(values, shape, begin, size));
    }
  });
});
