import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAIR_FILE_OPTIONS, readPairs } from './data.js';
import { encodePair } from './encoded-pairs.js';
import { tokenizeSentence } from './text-processing.js';
import { buildVocabs } from './vocabularies.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('readPairs', () => {
  it('reads the Multi30k sample as aligned files and the Tatoeba sample as TSV, in either direction', async () => {
    const m30k = await readPairs(join(ROOT, 'datasets/multi30k/sample/train'), DEFAULT_PAIR_FILE_OPTIONS);
    expect(m30k).toHaveLength(54);
    expect(m30k[1]).toMatchObject({ source: 'Zwei Kinder spielen am Strand mit einem Ball.', target: 'Two children are playing with a ball on the beach.', line: 2 });
    const reversed = await readPairs(join(ROOT, 'datasets/multi30k/sample/train'), { ...DEFAULT_PAIR_FILE_OPTIONS, sourceLang: 'en', targetLang: 'de' });
    expect(reversed[1]?.source).toBe(m30k[1]?.target);
    const tatoeba = await readPairs(join(ROOT, 'datasets/tatoeba/sample/eng-fra.tsv'), DEFAULT_PAIR_FILE_OPTIONS);
    expect(tatoeba).toHaveLength(40);
    expect(tatoeba[0]).toMatchObject({ source: 'The ferry to the island leaves at noon.', target: "Le ferry pour l'île part à midi." });
  });

  it('throws the reader’s file:line:col error for a malformed TSV line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'translate-data-'));
    const file = join(dir, 'bad.tsv');
    writeFileSync(file, 'Hello.\tBonjour.\nno tab here\n');
    await expect(readPairs(file, DEFAULT_PAIR_FILE_OPTIONS)).rejects.toThrow(expect.objectContaining({ code: 'DATA_FORMAT', message: `${file}:2:12: expected at least 2 tab-separated columns (source in 1, target in 2), got 1` }));
  });
});

describe('encodePair', () => {
  it('lowercases, tokenises and reverses the source when asked', () => {
    const settings = { tokenizer: 'english', lowercase: true, reverseSource: true } as const;
    const src = tokenizeSentence('Zwei Hunde.', settings);
    const tgt = tokenizeSentence('Two dogs.', settings);
    expect(src).toEqual(['zwei', 'hunde', '.']);
    const vocabs = buildVocabs([src], [tgt], 1);
    const pair = encodePair(src, tgt, vocabs, true);
    expect(vocabs.source.decode(pair.source)).toEqual(['.', 'hunde', 'zwei']);
    expect(vocabs.target.decode(pair.target)).toEqual(['two', 'dogs', '.']);
  });
});
