import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRANSLATE_CONFIG, resolveTranslateConfig, type TranslateConfig } from './config.js';
import { buildSeq2Seq, LAYER_NAMES } from './model.js';
import { Seq2SeqInference } from './seq2seq-inference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Eight different 6-token sources over ids 4..49 (deterministic). */
const sources = (): tf.Tensor2D => tf.tensor2d(Array.from({ length: 8 }, (_, b) => Array.from({ length: 6 }, (_, t) => 4 + ((b * 7 + t * 11 + b * t) % 46))), undefined, 'int32');

/** Mean absolute difference between the rows of `x` `[rows, units]`, over all pairs of rows. */
async function meanPairwiseGap(x: tf.Tensor2D): Promise<number> {
  const rows = (await x.array()) as number[][];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const a = rows[i] as number[];
      const b = rows[j] as number[];
      sum += a.reduce((s, v, k) => s + Math.abs(v - (b[k] as number)), 0) / a.length;
      count++;
    }
  }
  return sum / count;
}

describe('the source reaches the decoder at initialisation (regression: U(−0.1, 0.1) embeddings starved it)', () => {
  const config = (over: Partial<TranslateConfig>): TranslateConfig => resolveTranslateConfig({ ...DEFAULT_TRANSLATE_CONFIG, embeddingDim: 64, hidden: 64, dropout: 0, ...over });

  it('embeddings start as N(0, 1)', async () => {
    const model = buildSeq2Seq(config({}), 400, 300);
    for (const name of [LAYER_NAMES.sourceEmbedding, LAYER_NAMES.targetEmbedding]) {
      const { mean, variance } = tf.moments(model.getLayer(name).getWeights()[0] as tf.Tensor);
      expect(Math.abs((await mean.data())[0] as number)).toBeLessThan(0.02);
      expect(Math.sqrt((await variance.data())[0] as number)).toBeCloseTo(1, 1);
    }
    model.dispose();
  });

  for (const over of [{ attention: 'general' }, { attention: 'none', bidirectional: true, cell: 'lstm' }] as Partial<TranslateConfig>[]) {
    it(`different sources give clearly different decoder states and attention values, ${JSON.stringify(over)}`, async () => {
      const model = buildSeq2Seq(config(over), 50, 40);
      const inference = new Seq2SeqInference(model, config(over));
      const state = inference.encode(sources());
      // With the old initialiser these gaps were ≈0.03 (states) and ≈0.02 (outputs at the last step).
      expect(await meanPairwiseGap(state.states[0] as tf.Tensor2D)).toBeGreaterThan(0.15);
      const [batch, time, units] = state.encoderOutputs.shape;
      const last = tf.reshape(tf.slice(state.encoderOutputs, [0, time - 1, 0], [batch, 1, units]), [batch, units]) as tf.Tensor2D;
      expect(await meanPairwiseGap(last)).toBeGreaterThan(0.15);
      model.dispose();
    });
  }
});
