import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '@recurrent/backend';
import { rcGRU, rcLSTM } from '@recurrent/layers';

/** Embedding → our recurrent layer → Dense, a few Adam steps on a fixed batch; returns the losses. */
async function trainSteps(makeRecurrent: () => tf.layers.Layer, steps: number): Promise<number[]> {
  const vocab = 300;
  const model = tf.sequential({
    layers: [
      tf.layers.embedding({
        inputDim: vocab,
        outputDim: 16,
        inputShape: [12],
        embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 3 }),
      }),
      makeRecurrent(),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  const ids = tf.tensor2d(
    Array.from({ length: 8 * 12 }, (_, i) => (i * 37) % vocab),
    [8, 12],
    'int32',
  ); // [batch, time]
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
  const optimizer = tf.train.adam(0.02);
  const losses: number[] = [];
  let afterFirstStep = 0;
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () => tf.metrics.categoricalCrossentropy(labels, model.apply(ids, { training: true }) as tf.Tensor).mean() as tf.Scalar,
      true,
    ) as tf.Scalar;
    losses.push((await loss.data())[0] as number);
    loss.dispose();
    // The first step creates the optimizer's moment variables; later steps must not add tensors.
    if (step === 0) afterFirstStep = tf.memory().numTensors;
  }
  expect(tf.memory().numTensors).toBe(afterFirstStep);
  tf.dispose([ids, labels]);
  optimizer.dispose();
  model.dispose();
  return losses;
}

describe.each(['wasm', 'cpu'] as const)('training our recurrent layers on %s', (backend) => {
  it('Embedding → RcLSTM → Dense: the loss falls and nothing leaks', async () => {
    const info = await initBackend({ prefer: backend });
    expect(info.name).toBe(backend);
    const losses = await trainSteps(() => rcLSTM({ units: 16, seed: 7 }), 8);
    expect(losses[7]).toBeLessThan((losses[0] as number) * 0.7);
  });

  it('Embedding → RcGRU → Dense: the loss falls', async () => {
    await initBackend({ prefer: backend });
    const losses = await trainSteps(() => rcGRU({ units: 16, seed: 7 }), 8);
    expect(losses[7]).toBeLessThan((losses[0] as number) * 0.7);
  });
});
