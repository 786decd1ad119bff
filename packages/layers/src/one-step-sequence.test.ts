import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';
import { rcSimpleRNN } from './rc-simple-rnn.js';
import { RECURRENCE_LAYOUTS, setRecurrencePlan } from './recurrence-layout.js';

/** Regression: a batch of one-token sentences must train (tfjs's Unpack gradient fails on one step). */
describe('sequences of one time step', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => setRecurrencePlan(null));

  it.each(RECURRENCE_LAYOUTS.flatMap((layout) => [rcSimpleRNN, rcGRU, rcLSTM].map((make) => [layout, make] as const)))(
    'the %s gradient equals the gradient of one cell step',
    (layout, make) => {
      setRecurrencePlan({ layout, bptt: false });
      const layer = make({ units: 3, seed: 1, returnSequences: true });
      const x = tf.randomNormal([2, 1, 4], 0, 1, 'float32', 5); // [batch, time=1, features]
      const x2 = tf.concat([x, tf.zeros([2, 1, 4])], 1); // the same step followed by a second one
      layer.apply(x);
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      // Loss on step 0 only: identical whether or not a later step exists.
      const one = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, weights);
      const two = tf.variableGrads(
        () => tf.sum(tf.slice(layer.apply(x2) as tf.Tensor, [0, 0, 0], [2, 1, 3])) as tf.Scalar,
        weights,
      );
      for (const w of weights) {
        const a = one.grads[w.name]!.dataSync();
        const b = two.grads[w.name]!.dataSync();
        a.forEach((v, i) => expect(v).toBeCloseTo(b[i] as number, 5));
      }
      tf.dispose([x, x2, one.value, two.value, ...Object.values(one.grads), ...Object.values(two.grads)]);
    },
  );
});
