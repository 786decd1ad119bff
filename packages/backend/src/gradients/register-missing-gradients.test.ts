import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_DIFFERENTIABLE_KERNELS } from './comparison-grads.js';
import { registerMissingGradients } from './register-missing-gradients.js';

describe('registerMissingGradients', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('registers GatherNd and the comparison gradients once', () => {
    const first = registerMissingGradients();
    expect(first).toEqual(['GatherNd', ...NOT_DIFFERENTIABLE_KERNELS]);
    expect(registerMissingGradients()).toEqual(first);
    expect(tf.getGradient('GreaterEqual')).toBeDefined(); // tfjs's own is kept
  });

  it('gives gatherND the scatter-add gradient, summing repeated indices', async () => {
    const params = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
    const indices = tf.tensor2d([[2, 1], [0, 0], [2, 1]], [3, 2], 'int32');
    const weights = tf.tensor1d([10, 20, 30]);
    const grad = tf.grad((p: tf.Tensor) => tf.sum(tf.mul(tf.gatherND(p, indices), weights)))(params);
    expect(await grad.array()).toEqual([[20, 0], [0, 0], [0, 40]]);
    tf.dispose([params, indices, weights, grad]);
  });

  it('lets a mask computed from the differentiated tensor pass zero gradient', async () => {
    const x = tf.tensor1d([-2, 3, 0.5, -1]);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.where(tf.greater(v, 0), tf.square(v), tf.mul(v, 0.1))))(x);
    const values = await grad.data();
    [0.1, 6, 1, 0.1].forEach((want, i) => expect(values[i]).toBeCloseTo(want, 6));
    tf.dispose([x, grad]);
  });
});
