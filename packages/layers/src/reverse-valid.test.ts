import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { reverseValid } from './reverse-valid.js';

describe('reverseValid', () => {
  // x[b, t] = [10*b + t]
  const x = tf.tensor3d([[[0], [1], [2], [3]], [[10], [11], [12], [13]], [[20], [21], [22], [23]]]);
  const mask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0]], [3, 4], 'bool');

  it('reverses only the valid prefix of each row and leaves padding in place', async () => {
    expect(await reverseValid(x, mask).array()).toEqual([
      [[3], [2], [1], [0]],
      [[11], [10], [12], [13]],
      [[20], [21], [22], [23]],
    ]);
  });

  it('is its own inverse and a full reverse without a mask', async () => {
    expect(await reverseValid(reverseValid(x, mask), mask).array()).toEqual(await x.array());
    expect(await reverseValid(x, null).array()).toEqual(await tf.reverse(x, 1).array());
  });

  it('passes gradients back through the permutation', async () => {
    const probe = tf.tensor3d([[[1], [2], [3], [4]], [[5], [6], [7], [8]], [[9], [10], [11], [12]]]);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(reverseValid(v as tf.Tensor3D, mask), probe)))(x);
    expect(await grad.array()).toEqual(await reverseValid(probe, mask).array());
  });

  it('rejects a mask of the wrong shape with a SHAPE error', () => {
    expect(() => reverseValid(x, tf.ones([3, 5]))).toThrowError(expect.objectContaining({ code: 'SHAPE' }));
  });
});
