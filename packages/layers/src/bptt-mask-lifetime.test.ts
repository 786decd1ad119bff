import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setRecurrencePlan } from './recurrence-layout.js';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';

/**
 * Regression: with the BPTT plan, an Embedding(maskZero) mask is created inside the function that
 * tf.variableGrads differentiates and disposed before the backward pass runs. The custom gradient
 * must keep its own copy; gradients must equal the autodiff plan's.
 */
function gradientsOf(makeLayer: () => tf.layers.Layer): Float32Array[] {
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: 7,
        outputDim: 3,
        maskZero: true,
        inputShape: [5],
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 1 }),
      }),
      makeLayer(),
      tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  // ids: [batch, time], right-padded with 0
  const ids = tf.tensor2d(
    [
      [1, 2, 3, 0, 0],
      [4, 5, 6, 1, 2],
      [3, 0, 0, 0, 0],
    ],
    [3, 5],
    'int32',
  );
  const weights = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.sum(tf.square(model.apply(ids, { training: true }) as tf.Tensor)) as tf.Scalar,
    weights,
  );
  const values = weights.map((w) => grads[w.name]?.dataSync() as Float32Array);
  tf.dispose([value, ids, ...Object.values(grads)]);
  model.dispose();
  return values;
}

describe('BPTT with a mask made inside tf.variableGrads', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => setRecurrencePlan(null));

  it.each([
    ['RcLSTM', () => rcLSTM({ units: 4, seed: 3 })],
    ['RcGRU', () => rcGRU({ units: 4, seed: 3 })],
  ] as const)('%s gives the autodiff gradients on the batch-major BPTT plan', (_name, makeLayer) => {
    setRecurrencePlan({ layout: 'batch-major', bptt: false });
    const reference = gradientsOf(makeLayer);
    setRecurrencePlan({ layout: 'batch-major', bptt: true });
    const before = tf.memory().numTensors;
    const bptt = gradientsOf(makeLayer);
    expect(tf.memory().numTensors).toBe(before);
    expect(bptt.length).toBe(reference.length);
    bptt.forEach((g, i) => {
      const ref = reference[i] as Float32Array;
      expect(g.length).toBe(ref.length);
      g.forEach((x, j) => expect(x).toBeCloseTo(ref[j] as number, 5));
    });
  });
});
