import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipByGlobalNorm, clipByValue } from './gradient-clipping.js';
import { readOptimizerState, restoreOptimizerState } from './optimizer-state.js';
import { createOptimizer, disposeOptimizer, setLearningRate } from './optimizers.js';
import { packTensors, unpackTensors } from './tensor-pack.js';
import { DEFAULT_TRAIN_CONFIG, type OptimizerName } from './train-config.js';
import { trainStep } from './train-step.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = async (t: tf.Tensor) => Array.from(await t.data());
const optimizer = (name: OptimizerName, learningRate: number) => createOptimizer({ ...DEFAULT_TRAIN_CONFIG, optimizer: name, learningRate });
const step = (opt: tf.Optimizer, w: tf.Variable, loss: () => tf.Scalar, lr: number, weightDecay = 0) =>
  trainStep({ loss, variables: [w], optimizer: opt, learningRate: lr, clipNorm: 0, clipValue: 0, weightDecay }).dispose();

describe('createOptimizer', () => {
  it('creates the tfjs optimizer for each name', () => {
    expect(['adam', 'adamw', 'sgd', 'momentum'].map((n) => optimizer(n as OptimizerName, 0.1).getClassName())).toEqual(['Adam', 'Adam', 'SGD', 'Momentum']);
  });

  it('rejects an unknown name with code CONFIG', () => {
    expect(() => optimizer('lion' as OptimizerName, 0.1)).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/allowed: adam, adamw, sgd, momentum/) }));
  });

  it('sgd takes w - lr·grad, and setLearningRate changes the next step', async () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const opt = optimizer('sgd', 0.1);
    const loss = () => tf.mul(tf.sum(tf.square(w)), 0.5) as tf.Scalar; // grad = w
    step(opt, w, loss, 0.1);
    expect(await values(w)).toEqual([expect.closeTo(0.9, 6), expect.closeTo(1.8, 6)]);
    setLearningRate(opt, 0.5);
    step(opt, w, loss, 0.5);
    expect(await values(w)).toEqual([expect.closeTo(0.45, 6), expect.closeTo(0.9, 6)]);
  });

  it('momentum accumulates: 1 → 0.9 → 0.71 with grad 1, lr 0.1, momentum 0.9', async () => {
    const w = tf.variable(tf.scalar(1));
    const opt = optimizer('momentum', 0.1);
    step(opt, w, () => tf.sum(w), 0.1);
    step(opt, w, () => tf.sum(w), 0.1);
    expect((await values(w))[0]).toBeCloseTo(0.71, 6);
  });

  it('adam follows setLearningRate, and adamw decays decoupled from the gradient', async () => {
    const w = tf.variable(tf.scalar(1));
    const adam = optimizer('adam', 0.1);
    step(adam, w, () => tf.sum(w), 0.1); // first Adam step moves by lr
    setLearningRate(adam, 0.01);
    step(adam, w, () => tf.sum(w), 0.01);
    expect((await values(w))[0]).toBeCloseTo(0.89, 5);
    const v = tf.variable(tf.scalar(1));
    step(optimizer('adamw', 0.1), v, () => tf.sum(v), 0.1, 0.1); // 1·(1 − 0.1·0.1) − 0.1
    expect((await values(v))[0]).toBeCloseTo(0.89, 5);
  });
});

describe('clipByGlobalNorm', () => {
  it('scales [3] and [4] (norm 5) to norm 1, and leaves gradients within the bound alone', async () => {
    const grads = [tf.tensor1d([3]), tf.tensor1d([4])];
    const clipped = clipByGlobalNorm(grads, 1);
    expect([...(await values(clipped.grads[0] as tf.Tensor)), ...(await values(clipped.grads[1] as tf.Tensor))]).toEqual([
      expect.closeTo(0.6, 6),
      expect.closeTo(0.8, 6),
    ]);
    expect((await values(clipped.norm))[0]).toBeCloseTo(5, 6);
    const loose = clipByGlobalNorm(grads, 10);
    expect(await values(loose.grads[1] as tf.Tensor)).toEqual([4]);
  });
});

describe('clipByValue', () => {
  it('clips each element to [-max, max]', async () => {
    expect(await values(clipByValue([tf.tensor1d([-3, 0.5, 2])], 1)[0] as tf.Tensor)).toEqual([-1, 0.5, 1]);
  });
});

describe('readOptimizerState / restoreOptimizerState', () => {
  for (const name of ['adam', 'momentum', 'sgd'] as const) {
    it(`continues a ${name} optimizer bit-for-bit after a save/restore through bytes, without leaks`, async () => {
      const before = tf.memory().numTensors;
      const init = tf.tensor1d([0.5, -1.5, 2]);
      const a = tf.variable(init);
      const b = tf.variable(init);
      const scale = tf.tensor1d([1, 3, 0.5]);
      const lossOf = (w: tf.Variable) => () => tf.sum(tf.mul(tf.square(w), scale)) as tf.Scalar;
      const optA = optimizer(name, 0.05);
      for (let i = 0; i < 3; i++) step(optA, a, lossOf(a), 0.05);
      const state = await readOptimizerState(optA);
      const packed = await packTensors(state.weights);
      state.release();
      b.assign(a);
      const optB = optimizer(name, 0.05);
      await restoreOptimizerState(optB, unpackTensors(packed.specs, packed.bytes, 'optimizer.bin'), state.extras);
      expect(optB.iterations).toBe(3);
      for (let i = 0; i < 2; i++) {
        step(optA, a, lossOf(a), 0.05);
        step(optB, b, lossOf(b), 0.05);
      }
      expect(await values(b)).toEqual(await values(a));
      tf.dispose([init, a, b, scale]);
      disposeOptimizer(optA);
      disposeOptimizer(optB);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
