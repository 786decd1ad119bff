import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { auxLoss, auxTagIds, buildAuxTask } from './aux-task.js';
import { DEFAULT_TAGGER_CONFIG, resolveTaggerConfig } from './config.js';
import type { TaggedSentence } from './data.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SENTENCES: TaggedSentence[] = [
  { words: ['Dogs', 'bark'], tags: ['NOUN', 'VERB'], iob2: null, aux: ['NNS', 'VBP'] },
  { words: ['It', 'runs'], tags: ['PRON', 'VERB'], iob2: null, aux: ['PRP', 'VBZ'] },
];

describe('auxiliary task', () => {
  it('is off by default and validates its column', () => {
    expect(buildAuxTask(SENTENCES, DEFAULT_TAGGER_CONFIG)).toBeNull();
    expect(resolveTaggerConfig({ auxColumn: 'XPOS' }).auxColumn).toBe('XPOS');
    expect(() => resolveTaggerConfig({ auxColumn: 'UPOS' })).toThrow(/auxColumn must be another tag column \(XPOS\)/);
    expect(() => resolveTaggerConfig({ format: 'conll', column: 'ner', scheme: 'IOBES', auxColumn: 'lemma' })).toThrow(/pos, chunk/);
  });

  it('encodes the auxiliary tags and computes the masked cross-entropy per sentence, times its weight', async () => {
    const before = tf.memory().numTensors;
    const aux = buildAuxTask(SENTENCES, { ...DEFAULT_TAGGER_CONFIG, auxColumn: 'XPOS', auxWeight: 0.5, hidden: 1 });
    expect(aux?.vocab.tokens).toEqual(['NNS', 'PRP', 'VBP', 'VBZ']);
    const ids = auxTagIds([['VBZ'], ['NNS', 'PRP']], aux!.vocab, 3);
    expect(Array.from(ids)).toEqual([3, 0, 0, 0, 1, 0]);
    // Features [2, 3, 2] and a head whose logits are (f0 · [0, 1, 2, 3]) + bias 0.
    const weights = [tf.tensor2d([[0, 1, 2, 3], [0, 0, 0, 0]]), tf.zeros([4])];
    aux!.head.setWeights(weights);
    const features = tf.tensor3d([[[1, 0], [9, 9], [9, 9]], [[2, 0], [0, 0], [9, 9]]]);
    const mask = tf.tensor2d([[1, 0, 0], [1, 1, 0]]);
    const loss = auxLoss(aux!, features, ids, mask);
    const logSoftmax = (logits: number[], k: number) => logits[k]! - Math.log(logits.reduce((s, x) => s + Math.exp(x), 0));
    const expected = (-(logSoftmax([0, 1, 2, 3], 3) + logSoftmax([0, 2, 4, 6], 0) + logSoftmax([0, 0, 0, 0], 1)) / 2) * 0.5;
    expect((await loss.data())[0]).toBeCloseTo(expected, 5);
    tf.dispose([features, mask, loss, ...weights]);
    aux!.head.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
