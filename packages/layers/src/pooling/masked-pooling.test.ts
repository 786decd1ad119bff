import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RcMaskedPooling, rcMaskedPooling } from './masked-pooling.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// x: [batch 2, time 3, units 2]; row 0 has 2 real steps, row 1 has 3.
const X = [
  [[1, -4], [3, -2], [100, 100]],
  [[-1, -5], [-3, -7], [-2, -6]],
];
const MASK = [[1, 1, 0], [1, 1, 1]];

describe('RcMaskedPooling', () => {
  it('returns [batch, units] for mean and max and [batch, 2*units] for mean-max, symbolically and eagerly', () => {
    for (const [mode, width] of [['mean', 2], ['max', 2], ['mean-max', 4]] as const) {
      const symbolic = rcMaskedPooling({ mode }).apply(tf.input({ shape: [null, 2] })) as tf.SymbolicTensor;
      expect(symbolic.shape).toEqual([null, width]);
      const y = rcMaskedPooling({ mode }).apply(tf.tensor3d(X), { mask: tf.tensor2d(MASK, undefined, 'bool') }) as tf.Tensor;
      expect(y.shape).toEqual([2, width]);
    }
  });

  it('pools only the real steps (worked by hand) when a mask is given', async () => {
    const y = rcMaskedPooling({ mode: 'mean-max' }).apply(tf.tensor3d(X), { mask: tf.tensor2d(MASK, undefined, 'bool') }) as tf.Tensor;
    // row 0: mean of (1,-4),(3,-2) = (2,-3), max (3,-2); row 1: mean (-2,-6), max (-1,-5)
    expect(Array.from(await y.data())).toEqual([2, -3, 3, -2, -2, -6, -1, -5]);
  });

  it('pools every step when there is no mask', async () => {
    const y = rcMaskedPooling({ mode: 'max' }).apply(tf.tensor3d(X)) as tf.Tensor;
    expect(Array.from(await y.data())).toEqual([100, 100, -1, -5]);
  });

  it('round-trips through getConfig/fromConfig and keeps the mode', () => {
    const layer = rcMaskedPooling({ mode: 'max', name: 'pool' });
    const config = layer.getConfig();
    expect(config['mode']).toBe('max');
    const again = tf.serialization.SerializationMap.getMap().classNameMap['RcMaskedPooling'];
    expect(again?.[0]).toBe(RcMaskedPooling);
    expect((RcMaskedPooling.fromConfig(RcMaskedPooling, config) as RcMaskedPooling).mode).toBe('max');
  });

  it('leaves no tensors behind', () => {
    const x = tf.tensor3d(X);
    const mask = tf.tensor2d(MASK, undefined, 'bool');
    const layer = rcMaskedPooling({ mode: 'mean-max' });
    layer.apply(x, { mask }); // builds
    const before = tf.memory().numTensors;
    const y = layer.apply(x, { mask }) as tf.Tensor;
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an unknown mode with a CONFIG error naming the allowed ones', () => {
    expect(() => rcMaskedPooling({ mode: 'sum' as 'mean' })).toThrowError(/mode.*mean, max, mean-max/);
    try {
      rcMaskedPooling({ mode: 'sum' as 'mean' });
    } catch (error) {
      expect((error as { code: string }).code).toBe('CONFIG');
    }
  });
});
