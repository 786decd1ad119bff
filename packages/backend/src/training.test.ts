import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';

const VOCAB = 40;
const TIME = 6;
const BATCH = 16;
const CLASSES = 3;
const STEPS = 6;

/** A fixed batch: label = (sum of token ids) mod 3, so the model has something to learn. */
function makeBatch(): { ids: number[][]; labels: number[] } {
  const rng = new SeededRandom(1234);
  const ids = Array.from({ length: BATCH }, () => Array.from({ length: TIME }, () => rng.nextInt(VOCAB)));
  const labels = ids.map((row) => row.reduce((s, id) => s + id, 0) % CLASSES);
  return { ids, labels };
}

/** Embedding → LSTM → Dense softmax, seeded so both backends start from the same weights. */
function buildModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: VOCAB,
      outputDim: 8,
      inputLength: TIME,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 1 }),
    }),
  );
  model.add(
    tf.layers.lstm({
      units: 12,
      recurrentActivation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      recurrentInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }),
  );
  model.add(
    tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
  );
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

async function trainLosses(): Promise<number[]> {
  const { ids, labels } = makeBatch();
  const x = tf.tensor2d(ids, [BATCH, TIME], 'float32');
  const y = tf.tensor2d(labels, [BATCH, 1], 'float32');
  const model = buildModel();
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) losses.push((await model.trainOnBatch(x, y)) as number);
  model.optimizer.dispose(); // Adam's moments are not the model's to dispose
  model.dispose();
  tf.dispose([x, y]);
  return losses;
}

describe('training Embedding → LSTM → Dense with Adam', () => {
  const lossesByBackend = new Map<string, number[]>();

  it.each(['wasm', 'cpu'])('trains on %s: the loss falls and no tensors are left behind', async (backend) => {
    await initBackend({ prefer: backend, env: {} });
    const before = tf.memory().numTensors;
    const losses = await trainLosses();
    lossesByBackend.set(backend, losses);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[STEPS - 1] as number).toBeLessThan((losses[0] as number) * 0.9);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same losses on wasm and cpu (same seeds, same maths)', () => {
    const wasm = lossesByBackend.get('wasm') ?? [];
    const cpu = lossesByBackend.get('cpu') ?? [];
    expect(wasm).toHaveLength(STEPS);
    wasm.forEach((loss, i) => expect(loss).toBeCloseTo(cpu[i] as number, 4));
  });
});
