import { SeededRandom } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import { epochTrainingBatches, makeBatch, sortedBatches } from './encoded-batch.js';

const seqs = (lengths: number[]): Int32Array[] => lengths.map((n, i) => Int32Array.from({ length: n }, () => i + 1));

describe('makeBatch', () => {
  it('pads rows to the longest and counts real tokens', () => {
    const batch = makeBatch(seqs([2, 1]), [1, 0], [0, 1]);
    expect(Array.from(batch.ids)).toEqual([1, 1, 2, 0]);
    expect([batch.batch, batch.time, batch.tokens]).toEqual([2, 2, 3]);
    expect(Array.from(batch.labels)).toEqual([1, 0]);
  });
});

describe('sortedBatches', () => {
  it('covers every example once, in length order', () => {
    const batches = sortedBatches(seqs([5, 1, 3, 2]), [0, 0, 0, 0], 2);
    expect(batches.map((b) => b.indices)).toEqual([[1, 3], [2, 0]]);
  });
});

describe('epochTrainingBatches', () => {
  const sentences = { ids: seqs([4, 6, 5, 3, 7]), labels: [0, 1, 0, 1, 0] };
  const phrases = { ids: seqs([1, 2, 1, 3, 2, 1]), labels: [1, 1, 0, 0, 1, 0] };

  it('uses every sentence and every phrase when phrasesPerEpoch is 0', () => {
    const batches = epochTrainingBatches(sentences, phrases, { batchSize: 3, phrasesPerEpoch: 0, rng: new SeededRandom(7) });
    expect(batches.reduce((n, b) => n + b.batch, 0)).toBe(11);
    expect(batches.reduce((n, b) => n + b.tokens, 0)).toBe(25 + 10);
  });

  it('draws phrasesPerEpoch phrases, reproducibly for a seed', () => {
    const a = epochTrainingBatches(sentences, phrases, { batchSize: 2, phrasesPerEpoch: 2, rng: new SeededRandom(3) });
    const b = epochTrainingBatches(sentences, phrases, { batchSize: 2, phrasesPerEpoch: 2, rng: new SeededRandom(3) });
    expect(a.reduce((n, x) => n + x.batch, 0)).toBe(7);
    expect(a.map((x) => Array.from(x.ids))).toEqual(b.map((x) => Array.from(x.ids)));
  });
});
