import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TRANSLATE_CONFIG, resolveTranslateConfig } from './config.js';
import { buildSeq2Seq } from './model.js';
import { Seq2SeqInference } from './seq2seq-inference.js';
import { translate, type Translator } from './translator.js';
import { buildVocabs } from './vocabularies.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyTranslator(): Translator {
  const config = resolveTranslateConfig({ ...DEFAULT_TRANSLATE_CONFIG, embeddingDim: 8, hidden: 8, dropout: 0, maxLength: 6, reverseSource: true });
  const vocabs = buildVocabs([['ein', 'hund'], ['zwei', 'katzen', 'schlafen']], [['a', 'dog'], ['two', 'cats', 'sleep']], 1);
  const model = buildSeq2Seq(config, vocabs.source.size, vocabs.target.size);
  return { inference: new Seq2SeqInference(model, config), vocabs, config };
}

const SENTENCES = ['ein hund', 'zwei katzen schlafen', 'hund'];

describe('translate', () => {
  it('reads the device once per decoding step (greedy and beam) and leaks no tensors', async () => {
    const translator = tinyTranslator();
    const step = vi.spyOn(translator.inference, 'step');
    const data = vi.spyOn(tf.Tensor.prototype, 'data');
    const before = tf.memory().numTensors;
    for (const beam of [1, 4]) {
      step.mockClear();
      data.mockClear();
      const out = await translate(translator, SENTENCES, { beam, batchSize: 8 });
      expect(out).toHaveLength(3);
      expect(step.mock.calls.length).toBeGreaterThan(0);
      expect(data.mock.calls.length).toBe(step.mock.calls.length);
    }
    expect(tf.memory().numTensors).toBe(before);
    data.mockRestore();
    translator.inference.model.dispose();
  });

  it('gives the same outputs one sentence at a time as in a padded batch (masking), in the input order', async () => {
    const translator = tinyTranslator();
    const greedy = await translate(translator, SENTENCES, { beam: 1 });
    const single = await translate(translator, SENTENCES, { beam: 1, batchSize: 1 });
    expect(single.map((t) => t.tokens)).toEqual(greedy.map((t) => t.tokens));
    const beamBatched = await translate(translator, SENTENCES, { beam: 3 });
    const beamSingle = await translate(translator, SENTENCES, { beam: 3, batchSize: 1 });
    expect(beamSingle.map((t) => t.tokens)).toEqual(beamBatched.map((t) => t.tokens));
    expect(greedy.map((t) => t.sourceTokens)).toEqual([['ein', 'hund'], ['zwei', 'katzen', 'schlafen'], ['hund']]);
    translator.inference.model.dispose();
  });

  it('returns attention rows over the source in reading order, each summing to 1', async () => {
    const translator = tinyTranslator();
    const [t] = await translate(translator, ['zwei katzen schlafen'], { beam: 1, withAttention: true });
    expect(t?.attention).toHaveLength(Math.min((t?.tokens.length ?? 0) + 1, 12));
    for (const row of t?.attention ?? []) {
      expect(row).toHaveLength(3);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    translator.inference.model.dispose();
  });
});
