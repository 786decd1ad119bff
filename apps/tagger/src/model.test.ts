import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTaggerConfig } from './config.js';
import { encodeBatch } from './encode-batch.js';
import { applyTaggerLayers, buildTaggerModel, findCrf } from './model.js';
import { modelInputs } from './model-inputs.js';
import { tagSentences } from './tagger.js';
import { buildTaggerVocabs } from './tagger-vocabs.js';
import { crfConstraints } from './train.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SENTENCES = [
  { words: ['Mira', 'flew', 'to', 'Oslo', '.'], tags: ['S-PER', 'O', 'O', 'S-LOC', 'O'], iob2: null },
  { words: ['EU', 'rules'], tags: ['S-ORG', 'O'], iob2: null },
  { words: ['New', 'York', 'Times'], tags: ['B-ORG', 'I-ORG', 'E-ORG'], iob2: null },
];

describe.each(['cnn', 'lstm'] as const)('buildTaggerModel with the char %s encoder', (charEncoder) => {
  const config = resolveTaggerConfig({ format: 'conll', column: 'ner', scheme: 'IOBES', wordDim: 6, charEncoder, charDim: 4, charFilters: 5, charHidden: 3, hidden: 4, layers: 2, caseDim: 3, maxWordLength: 6 });
  const vocabs = buildTaggerVocabs(SENTENCES, config);
  const labels = vocabs.tags.tokens;

  it('outputs emissions [batch, time, numTags]; the layer-by-layer pass equals predict; CRF holds IOBES constraints', async () => {
    const { model, crf } = buildTaggerModel(config, { words: vocabs.words.size, chars: vocabs.chars.size, tags: labels.length }, crfConstraints(config, labels));
    expect(model.inputs.map((i) => i.name.replace(/_\d+$/, ''))).toEqual(['words', 'chars', 'casing']); // tfjs numbers repeated names
    const batch = encodeBatch(SENTENCES.map((s) => s.words), vocabs, config.maxWordLength);
    const xs = modelInputs(batch, config);
    const predicted = model.predict(xs) as tf.Tensor;
    expect(predicted.shape).toEqual([3, 5, labels.length]);
    const mask = tf.tensor2d(batch.mask, [3, 5]);
    const layered = applyTaggerLayers(model, config, xs, mask, false);
    expect(tf.max(tf.abs(tf.sub(layered, predicted))).dataSync()[0]).toBeLessThan(1e-5);
    expect(findCrf(model)).toBe(crf);
    const allowed = (await crf!.decodeParameters()).allowed!;
    // O → E-ORG is not a valid IOBES move; B-ORG → E-ORG is.
    expect(allowed.transitions[labels.indexOf('O') * labels.length + labels.indexOf('E-ORG')]).toBe(0);
    expect(allowed.transitions[labels.indexOf('B-ORG') * labels.length + labels.indexOf('E-ORG')]).toBe(1);
    model.dispose();
  });

  it('ends in a per-token softmax with crf false (--no-crf)', async () => {
    const noCrf = { ...config, crf: false };
    const { model, crf } = buildTaggerModel(noCrf, { words: vocabs.words.size, chars: vocabs.chars.size, tags: labels.length }, null);
    expect(crf).toBeNull();
    const batch = encodeBatch(SENTENCES.map((s) => s.words), vocabs, config.maxWordLength);
    const sums = await tf.sum(model.predict(modelInputs(batch, noCrf)) as tf.Tensor, -1).data();
    sums.forEach((v) => expect(v).toBeCloseTo(1, 5));
    model.dispose();
  });

  it('trains: the CRF loss falls, every weight gets a gradient, and tagging leaks no tensors', async () => {
    const { model, crf } = buildTaggerModel(config, { words: vocabs.words.size, chars: vocabs.chars.size, tags: labels.length }, crfConstraints(config, labels));
    const batch = encodeBatch(SENTENCES.map((s) => s.words), vocabs, config.maxWordLength, SENTENCES.map((s) => s.tags));
    const mask = tf.tensor2d(batch.mask, [batch.batch, batch.time]);
    const tags = tf.tensor2d(batch.tags, [batch.batch, batch.time], 'int32');
    const optimizer = tf.train.adam(0.05);
    let step = 0;
    const loss = (): tf.Scalar => crf!.negLogLikelihood(applyTaggerLayers(model, config, modelInputs(batch, config), mask, true, step++), tags, mask);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads, value } = tf.variableGrads(loss, vars);
    const first = (await value.data())[0] as number;
    for (const v of vars) expect(tf.sum(tf.abs(grads[v.name] as tf.Tensor)).dataSync()[0], v.name).toBeGreaterThan(0);
    for (let i = 0; i < 30; i++) optimizer.minimize(loss);
    const last = (await loss().data())[0] as number;
    expect(last).toBeLessThan(first / 4);
    const before = tf.memory().numTensors;
    const predicted = await tagSentences({ model, vocabs, config }, SENTENCES.map((s) => s.words));
    expect(tf.memory().numTensors).toBe(before);
    expect(predicted).toEqual(SENTENCES.map((s) => s.tags));
    model.dispose();
  });
});
