import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vocab } from '@recurrent/text';
import { describe, expect, it } from 'vitest';
import { loadPretrainedVectors } from './pretrained-vectors.js';

const write = (text: string): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'sentiment-vectors-')), 'vectors.txt');
  writeFileSync(file, text);
  return file;
};

describe('loadPretrainedVectors', () => {
  // ids: <pad> 0, <unk> 1, <bos> 2, <eos> 3, film 4, good 5
  const vocab = Vocab.build(new Map([['film', 3], ['good', 2]]), { lowercase: true });

  it('copies the vectors of vocabulary words (lowercased, first wins), zeroes <pad>, skips a word2vec header', async () => {
    const file = write('3 2\nFilm 0.5 -1\nfilm 9 9\nthe 1 1\n');
    const matrix = await loadPretrainedVectors(file, vocab, 2);
    expect(Array.from(matrix.subarray(0, 2))).toEqual([0, 0]);
    expect(Array.from(matrix.subarray(8, 10))).toEqual([0.5, -1]);
    // 'good' has no vector: seeded uniform values in ±0.1
    for (const v of matrix.subarray(10, 12)) expect(Math.abs(v)).toBeLessThanOrEqual(0.1);
    expect(Array.from(await loadPretrainedVectors(file, vocab, 2))).toEqual(Array.from(matrix));
  });

  it('throws file:line:col for a line with the wrong number of values or a bad number', async () => {
    const short = write('film 0.5\n');
    await expect(loadPretrainedVectors(short, vocab, 2)).rejects.toThrowError(`${short}:1:1: expected a word and 2 numbers separated by spaces, got 1 numbers`);
    const bad = write('good 1 x\n');
    await expect(loadPretrainedVectors(bad, vocab, 2)).rejects.toThrowError(`${bad}:1:8: expected a number, got "x"`);
  });
});
