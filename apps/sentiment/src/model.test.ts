import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vocab } from '@recurrent/text';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SENTIMENT_CONFIG, ENCODERS, POOLINGS, type SentimentConfig } from './config.js';
import { buildSentimentModel } from './model.js';
import { exportSentimentBundle, loadSentimentBundle } from './sentiment-bundle.js';
import { predictProbabilities } from './evaluate.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = (over: Partial<SentimentConfig> = {}): SentimentConfig => ({ ...DEFAULT_SENTIMENT_CONFIG, embeddingDim: 6, hidden: 5, dropout: 0.3, ...over });
const SHAPE = { vocabSize: 20, numClasses: 3 };

async function probs(model: tf.LayersModel, rows: number[][]): Promise<number[][]> {
  const time = Math.max(...rows.map((r) => r.length));
  const ids = tf.tensor2d(rows.map((r) => [...r, ...new Array<number>(time - r.length).fill(0)]), undefined, 'int32');
  const y = model.predict(ids) as tf.Tensor;
  const values = (await y.array()) as number[][];
  tf.dispose([ids, y]);
  return values;
}

describe('buildSentimentModel', () => {
  it.each(ENCODERS.flatMap((encoder) => POOLINGS.map((pooling) => [encoder, pooling] as const)))(
    'gives [batch, numClasses] probabilities that ignore padding for %s with %s pooling',
    async (encoder, pooling) => {
      const model = buildSentimentModel(tiny({ encoder, pooling, layers: 2 }), SHAPE);
      expect(model.outputs[0]?.shape).toEqual([null, 3]);
      const [short] = await probs(model, [[4, 7, 9]]);
      const [padded] = await probs(model, [[4, 7, 9, 0, 0, 0]]);
      expect(short?.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      padded?.forEach((p, k) => expect(p).toBeCloseTo(short?.[k] as number, 5));
      model.dispose();
    },
  );

  it('builds a unidirectional single-layer model with fewer parameters than the bidirectional one', () => {
    const uni = buildSentimentModel(tiny({ bidirectional: false, layers: 1, pooling: 'last' }), SHAPE);
    const bi = buildSentimentModel(tiny({ bidirectional: true, layers: 1, pooling: 'last' }), SHAPE);
    // embedding 20*6; LSTM 4*5*(6+5+1) per direction; dense (5 or 10)*3 + 3
    expect(uni.countParams()).toBe(120 + 240 + 18);
    expect(bi.countParams()).toBe(120 + 480 + 33);
    uni.dispose();
    bi.dispose();
    // minGRU: kernel 6×(2·5) + bias 10, no recurrent weights; minLSTM: 6×(3·5) + 15
    const minGru = buildSentimentModel(tiny({ encoder: 'mingru', bidirectional: false, layers: 1, pooling: 'last' }), SHAPE);
    const minLstm = buildSentimentModel(tiny({ encoder: 'minlstm', bidirectional: true, layers: 1, pooling: 'last' }), SHAPE);
    expect(minGru.countParams()).toBe(120 + 70 + 18);
    expect(minLstm.countParams()).toBe(120 + 2 * 105 + 33);
    minGru.dispose();
    minLstm.dispose();
  });

  it('starts from given embeddings', async () => {
    const embeddings = Float32Array.from({ length: 20 * 6 }, (_, i) => i / 100);
    const model = buildSentimentModel(tiny(), { ...SHAPE, embeddings });
    const weights = await model.getLayer('embedding').getWeights()[0]?.data();
    expect(Array.from(weights ?? [])).toEqual(Array.from(embeddings));
    model.dispose();
  });
});

describe('the training forward pass (model.apply, mask made by the Embedding)', () => {
  it('gives the same probabilities as model.predict on unpadded sentences outside training', async () => {
    const model = buildSentimentModel(tiny({ layers: 2 }), SHAPE);
    const ids = tf.tensor2d([[3, 5, 8, 0], [2, 0, 0, 0]], undefined, 'int32');
    const a = (await (model.apply(ids, { training: false }) as tf.Tensor).array()) as number[][];
    const b = await probs(model, [[3, 5, 8], [2]]);
    a.forEach((row, i) => row.forEach((p, k) => expect(p).toBeCloseTo(b[i]?.[k] as number, 6)));
    model.dispose();
  });

  it('gives a finite loss and a gradient for every trainable weight', () => {
    const model = buildSentimentModel(tiny({ encoder: 'lstm', layers: 2 }), SHAPE);
    const ids = tf.tensor2d([[3, 5, 8, 0], [2, 0, 0, 0]], undefined, 'int32');
    const gold = tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3);
    const { value, grads } = tf.variableGrads(
      () => tf.metrics.categoricalCrossentropy(gold, model.apply(ids, { training: true }) as tf.Tensor).mean() as tf.Scalar,
    );
    expect(Object.keys(grads).length).toBe(model.trainableWeights.length);
    expect(Number.isFinite(value.arraySync() as number)).toBe(true);
    tf.dispose([value, ids, gold, ...Object.values(grads)]);
    model.dispose();
  });
});

describe('exportSentimentBundle / loadSentimentBundle', () => {
  it('reloads a model that predicts exactly the same probabilities, with its vocabulary and labels', async () => {
    const config = tiny({ pooling: 'mean-max' });
    const model = buildSentimentModel(config, SHAPE);
    const vocab = Vocab.build(new Map([['good', 3], ['bad', 2]]), { lowercase: true });
    const dir = join(mkdtempSync(join(tmpdir(), 'sentiment-bundle-')), 'bundle');
    await exportSentimentBundle(model, dir, { config, vocab, labels: ['neg', 'mid', 'pos'], data: { format: 'flat', binary: false }, metrics: { accuracy: 0.5 } });
    const sequences = [Int32Array.of(4, 5, 1), Int32Array.of(5), Int32Array.of(9, 8, 7, 6, 5)];
    const before = await predictProbabilities(model, sequences, 2);
    const bundle = await loadSentimentBundle(dir);
    const after = await predictProbabilities(bundle.model, sequences, 2);
    expect(after.map((p) => Array.from(p))).toEqual(before.map((p) => Array.from(p)));
    expect(bundle.labels).toEqual(['neg', 'mid', 'pos']);
    expect(bundle.vocab.tokens).toEqual(vocab.tokens);
    expect(bundle.data).toEqual({ format: 'flat', binary: false });
    expect(bundle.metrics).toEqual({ accuracy: 0.5 });
    bundle.model.dispose();
    model.dispose();
  });
});
