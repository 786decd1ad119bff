import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rcBidirectional } from './rc-bidirectional.js';
import { rcLSTM } from './rc-lstm.js';
import { rcTimeDistributed } from './rc-time-distributed.js';
import { maxAbsDiff, randomizeWeights, seededTensor } from './test-tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// chars: [batch 2, words 3, width 4] ids, 0 = padding; the last word of sentence 1 is a padding word.
const CHAR_IDS = [
  [[3, 4, 5, 0], [6, 0, 0, 0], [7, 8, 9, 10]],
  [[2, 3, 0, 0], [4, 5, 6, 7], [0, 0, 0, 0]],
];
const DIM = 5;
const UNITS = 3;

function charEncoder() {
  const embedding = tf.layers.embedding({ inputDim: 11, outputDim: DIM, maskZero: true, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 3 }) });
  const wrapped = rcTimeDistributed({ layer: rcBidirectional({ layer: rcLSTM({ units: UNITS }) }), name: 'char_bilstm' });
  const input = tf.input({ shape: [null, 4], dtype: 'int32' });
  const output = wrapped.apply(embedding.apply(input)) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  randomizeWeights(wrapped, 9);
  return { model, embedding, wrapped };
}

describe('RcTimeDistributed', () => {
  it('gives every word the wrapped BiLSTM of its own unpadded characters in one call; padding words give zeros', async () => {
    const { model, embedding, wrapped } = charEncoder();
    expect((model.outputs[0] as tf.SymbolicTensor).shape).toEqual([null, null, 2 * UNITS]);
    const ids = tf.tensor3d(CHAR_IDS, [2, 3, 4], 'int32');
    const y = (await (model.predict(ids) as tf.Tensor).array()) as number[][][];
    const inner = wrapped.layer;
    for (let b = 0; b < 2; b++) {
      for (let w = 0; w < 3; w++) {
        const word = (CHAR_IDS[b]?.[w] ?? []).filter((c) => c !== 0);
        const got = y[b]?.[w] as number[];
        if (word.length === 0) {
          expect(got).toEqual(new Array(2 * UNITS).fill(0));
          continue;
        }
        const alone = inner.apply(embedding.apply(tf.tensor2d([word], [1, word.length], 'int32'))) as tf.Tensor; // [1, 2·units]
        expect(await maxAbsDiff(alone, [got])).toBeLessThan(1e-6);
      }
    }
  });

  it('differentiates like the per-word computation and leaks no tensors', async () => {
    const { embedding, wrapped } = charEncoder();
    const ids = tf.tensor3d(CHAR_IDS, [2, 3, 4], 'int32');
    const weights = wrapped.trainableWeights.map((w) => w.read() as tf.Variable);
    expect(weights).toHaveLength(6);
    const before = tf.memory().numTensors;
    const folded = tf.variableGrads(() => {
      const x = embedding.apply(ids) as tf.Tensor; // [2, 3, 4, DIM]
      const y = wrapped.apply(x, { mask: tf.notEqual(ids, 0) }) as tf.Tensor;
      return tf.sum(tf.mul(y, seededTensor([2, 3, 2 * UNITS], 4)));
    }, weights);
    const perWord = tf.variableGrads(() => {
      const weightsOut = seededTensor([2, 3, 2 * UNITS], 4);
      let total = tf.scalar(0);
      CHAR_IDS.forEach((sentence, b) =>
        sentence.forEach((chars, w) => {
          const word = chars.filter((c) => c !== 0);
          if (word.length === 0) return;
          const y = wrapped.layer.apply(embedding.apply(tf.tensor2d([word], [1, word.length], 'int32'))) as tf.Tensor; // [1, 2·units]
          total = tf.add(total, tf.sum(tf.mul(y, tf.slice(weightsOut, [b, w, 0], [1, 1, 2 * UNITS]).reshape([1, 2 * UNITS]))));
        }),
      );
      return total as tf.Scalar;
    }, weights);
    for (const w of weights) expect(await maxAbsDiff(folded.grads[w.name] as tf.Tensor, perWord.grads[w.name] as tf.Tensor)).toBeLessThan(1e-5);
    tf.dispose([folded.value, perWord.value, ...Object.values(folded.grads), ...Object.values(perWord.grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves and reloads with stock tf.loadLayersModel to identical outputs', async () => {
    const { model } = charEncoder();
    const ids = tf.tensor3d(CHAR_IDS, [2, 3, 4], 'int32');
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as unknown as tf.io.ModelArtifacts));
    expect(loaded.getLayer('char_bilstm').getClassName()).toBe('RcTimeDistributed');
    expect(await maxAbsDiff(loaded.predict(ids) as tf.Tensor, model.predict(ids) as tf.Tensor)).toBe(0);
  });
});
