import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '@recurrent/core';
import { beforeAll, describe, expect, it } from 'vitest';
import './index.js';
import { rcBidirectional } from './rc-bidirectional.js';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';
import { rcSimpleRNN } from './rc-simple-rnn.js';

const VOCAB = 7;
const TIME = 5;

/** Embedding(maskZero) → RcBidirectional(RcLSTM) → RcGRU → Dense, as the tagger/sentiment apps use. */
function buildModel(): tf.LayersModel {
  const ids = tf.input({ shape: [TIME], dtype: 'int32' });
  const embedded = tf.layers.embedding({ inputDim: VOCAB, outputDim: 4, maskZero: true }).apply(ids);
  const bi = rcBidirectional({ layer: rcLSTM({ units: 3, returnSequences: true, seed: 1 }) }).apply(embedded);
  const gru = rcGRU({ units: 3, seed: 2, resetAfter: true }).apply(bi);
  const out = tf.layers.dense({ units: 2, activation: 'softmax' }).apply(gru) as tf.SymbolicTensor;
  return tf.model({ inputs: ids, outputs: out });
}

const batch = () =>
  tf.tensor2d(
    [
      [1, 2, 3, 4, 5],
      [6, 2, 1, 0, 0],
      [3, 0, 0, 0, 0],
    ],
    [3, TIME],
    'int32',
  );

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a model of our layers', () => {
  it('saves with tf.io and reloads with stock tf.loadLayersModel to identical outputs', async () => {
    const model = buildModel();
    const x = batch();
    const before = (await (model.predict(x) as tf.Tensor).array()) as number[][];
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(artifacts).not.toBeNull();
    const saved = artifacts as unknown as tf.io.ModelArtifacts;
    const topology = JSON.stringify(saved.modelTopology);
    for (const cls of ['RcBidirectional', 'RcLSTM', 'RcGRU']) expect(topology).toContain(`"class_name":"${cls}"`);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    expect(await (loaded.predict(x) as tf.Tensor).array()).toEqual(before);
    expect(loaded.getWeights().length).toBe(model.getWeights().length);
    // A padded row alone gives what it gave inside the batch.
    const single = tf.tensor2d([[6, 2, 1, 0, 0]], [1, TIME], 'int32');
    expect(await (loaded.predict(single) as tf.Tensor).array()).toEqual([before[1]]);
  });

  it('leaves tf.memory().numTensors unchanged around predict and optimizer.minimize steps', () => {
    const model = buildModel();
    const x = batch();
    const y = tf.oneHot(tf.tensor1d([0, 1, 1], 'int32'), 2);
    const optimizer = tf.train.adam(0.01);
    const step = () =>
      optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
        false,
      );
    step(); // creates the optimizer's slots
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    tf.dispose(model.predict(x) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stacks in tf.sequential and learns a toy task (Embedding → RcLSTM → Dense)', async () => {
    // Label = whether the FIRST token is 1: the LSTM must carry it across the sequence and padding.
    const rng = new SeededRandom(3);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 64; i++) {
      const len = 2 + rng.nextInt(TIME - 1);
      const row = Array.from({ length: TIME }, (_, t) => (t < len ? 1 + rng.nextInt(VOCAB - 1) : 0));
      rows.push(row);
      labels.push(row[0] === 1 ? 1 : 0);
    }
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: VOCAB, outputDim: 6, maskZero: true, inputLength: TIME }),
        rcSimpleRNN({ units: 6, returnSequences: true, seed: 4 }),
        rcLSTM({ units: 8, seed: 5 }),
        tf.layers.dense({ units: 1, activation: 'sigmoid' }),
      ],
    });
    expect(model.outputs[0]?.shape).toEqual([null, 1]);
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
    const xs = tf.tensor2d(rows, [rows.length, TIME], 'int32');
    const ys = tf.tensor2d(labels, [labels.length, 1]);
    const history = await model.fit(xs, ys, { epochs: 40, batchSize: 64, verbose: 0, shuffle: false });
    const losses = history.history['loss'] as number[];
    const first = losses[0] as number;
    const last = losses[losses.length - 1] as number;
    console.log(`toy task loss: ${first.toFixed(4)} → ${last.toFixed(4)} over ${losses.length} epochs`);
    expect(last).toBeLessThan(first * 0.5);
  });
});
