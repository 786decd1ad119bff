import { describe, expect, it } from 'vitest';
import { scatterSegmentSum, segmentSumOutputShape } from './scatter-segment-sum.js';

describe('scatterSegmentSum', () => {
  it('sums rows of 1-D data into their segments', () => {
    const out = new Float32Array(3);
    scatterSegmentSum(new Float32Array([1, 2, 3, 4]), new Int32Array([1, 2, 0, 1]), out, {
      xShape: [4],
      idsShape: [4],
      numSegments: 3,
    });
    expect([...out]).toEqual([3, 5, 2]);
  });

  it('adds whole rows of 2-D data and drops negative and out-of-range ids', () => {
    const shape = { xShape: [4, 2], idsShape: [4], numSegments: 2 };
    const out = new Float32Array(4);
    scatterSegmentSum(new Float32Array([1, 10, 2, 20, 3, 30, 4, 40]), new Int32Array([1, -1, 1, 2]), out, shape);
    expect(segmentSumOutputShape(shape)).toEqual([2, 2]);
    expect([...out]).toEqual([0, 0, 4, 40]);
  });

  it('treats ids covering the first two axes as one id per [i, j] slice (TensorFlow semantics)', () => {
    // x: [2, 2, 2], ids: [2, 2] → out: [2, 2], out[s] = Σ_{i,j: ids[i,j] = s} x[i, j]
    const x = new Int32Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const shape = { xShape: [2, 2, 2], idsShape: [2, 2], numSegments: 2 };
    const out = new Int32Array(4);
    scatterSegmentSum(x, new Int32Array([0, 1, 0, 0]), out, shape);
    expect(segmentSumOutputShape(shape)).toEqual([2, 2]);
    expect([...out]).toEqual([13, 16, 3, 4]);
  });
});
