import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveTaggerConfig } from './config.js';
import { buildTaggerModel } from './model.js';
import { applyPretrainedVectors, readWordVectors } from './pretrained-vectors.js';
import { buildTaggerVocabs } from './tagger-vocabs.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const dir = mkdtempSync(join(tmpdir(), 'vectors-'));

describe('applyPretrainedVectors', () => {
  it('copies exact or lower-cased vectors into the word embedding and reports coverage (word2vec header skipped)', async () => {
    const path = join(dir, 'vec.txt');
    writeFileSync(path, '3 2\nthe 0.5 -1\noslo 2 3\nzebra 9 9\n');
    const config = resolveTaggerConfig({ wordDim: 2, hidden: 2, charEncoder: 'none' });
    const vocabs = buildTaggerVocabs([{ words: ['the', 'Oslo', 'cat'], tags: ['DET', 'PROPN', 'NOUN'], iob2: null }], config);
    const { model } = buildTaggerModel(config, { words: vocabs.words.size, chars: vocabs.chars.size, tags: 3 }, null);
    const coverage = await applyPretrainedVectors(model, vocabs.words, path, 2);
    expect(coverage).toEqual({ words: 3, found: 2, fraction: 2 / 3 });
    const table = (await model.getLayer('word_embedding').getWeights()[0]!.array()) as number[][];
    expect(table[vocabs.words.encodeToken('the')]).toEqual([0.5, -1]);
    expect(table[vocabs.words.encodeToken('Oslo')]).toEqual([2, 3]);
    model.dispose();
  });

  it('throws DATA_FORMAT at file:line:col for a bad number', async () => {
    const path = join(dir, 'bad.txt');
    writeFileSync(path, 'the 0.5 -1\ncat 1 x2\n');
    await expect(readWordVectors(path, 2, new Set(['cat']))).rejects.toMatchObject({ code: 'DATA_FORMAT', message: `${path}:2:7: expected a number, got "x2"` });
  });
});
