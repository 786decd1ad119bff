import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConllColumns, loadConllColumnsString } from '../conll/conll-reader.js';
import { CONLL_2003_COLUMNS } from '../conll/conll-sentence.js';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { writeConllColumns } from './conll-writer.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

const TEXT = [
  '-DOCSTART- -X- -X- O',
  '',
  'Mira NNP B-NP B-PER',
  'visits VBZ B-VP O',
  'Oslo NNP B-NP B-LOC',
  '',
  '-DOCSTART- -X- -X- O',
  '',
  'Kelvo NNP B-NP B-ORG',
  'grew VBD B-VP O',
  '',
  '',
].join('\n');
const COLUMNS = ['text', 'pos', 'chunk', 'ner'];

describe('writeConllColumns', () => {
  it('writes back exactly the CoNLL-2003 text it read, document lines included', async () => {
    const { sentences } = await loadConllColumnsString(TEXT, 'mem.txt', { columns: CONLL_2003_COLUMNS });
    const out = tmp.path('same.txt');
    expect(await writeConllColumns(out, sentences, { columns: COLUMNS })).toEqual({ path: out, records: 2 });
    expect(await readFile(out, 'utf8')).toBe(TEXT);
    expect((await loadConllColumns(out, { columns: CONLL_2003_COLUMNS })).sentences).toEqual(sentences);
  });

  it('appends a predicted column, conlleval style, with tabs', async () => {
    const { sentences } = await loadConllColumnsString(TEXT, 'mem.txt', { columns: CONLL_2003_COLUMNS });
    const out = tmp.path('pred.txt');
    const values = [
      ['B-PER', 'O', 'B-ORG'],
      ['B-ORG', 'O'],
    ];
    await writeConllColumns(out, sentences, {
      columns: ['text', 'ner'],
      separator: '\t',
      prediction: { column: 'pred', values },
    });
    expect((await readFile(out, 'utf8')).split('\n').slice(0, 4)).toEqual([
      '-DOCSTART-\t-X-\tO',
      '',
      'Mira\tB-PER\tB-PER',
      'visits\tO\tO',
    ]);
    const back = await loadConllColumns(out, {
      columns: { 0: 'text', 1: 'ner', 2: 'pred' },
      separator: 'tab',
    });
    expect(back.sentences.map((s) => s.columns['pred'])).toEqual(values);
    expect(back.summary.documents).toBe(2);
  });

  it('replaces a column that is already written', async () => {
    const { sentences } = await loadConllColumnsString(TEXT, 'mem.txt', { columns: CONLL_2003_COLUMNS });
    const out = tmp.path('replace.txt');
    const values = [
      ['NN', 'NN', 'NN'],
      ['NN', 'NN'],
    ];
    await writeConllColumns(out, sentences, { columns: COLUMNS, prediction: { column: 'pos', values } });
    const back = await loadConllColumns(out, { columns: CONLL_2003_COLUMNS });
    expect(back.sentences.map((s) => s.columns['pos'])).toEqual(values);
    expect(back.sentences.map((s) => s.columns['ner'])).toEqual(sentences.map((s) => s.columns['ner']));
  });

  it('refuses wrong counts, missing columns and values with spaces, leaving no file', async () => {
    const { sentences } = await loadConllColumnsString(TEXT, 'mem.txt', { columns: CONLL_2003_COLUMNS });
    const out = tmp.path('bad.txt');
    await expect(
      writeConllColumns(out, sentences, {
        columns: COLUMNS,
        prediction: { column: 'p', values: [['O'], ['O', 'O']] },
      }),
    ).rejects.toThrow(`${out}: sentence 1 (line 3) has 3 tokens but 1 values in column "p"`);
    await expect(writeConllColumns(out, sentences, { columns: ['text', 'lemma'] })).rejects.toThrow(
      /has no column "lemma"; it has: text, pos, chunk, ner/,
    );
    await expect(
      writeConllColumns(out, sentences, {
        columns: ['text'],
        prediction: {
          column: 'p',
          values: [
            ['B-PER', 'O', 'I LOC'],
            ['O', 'O'],
          ],
        },
      }),
    ).rejects.toThrow(/sentence 1 token 3 column "p" must be non-empty without whitespace, got "I LOC"/);
    expect(existsSync(out)).toBe(false);
  });

  const valid = `${process.env['RECURRENT_SHARED_DATASETS'] ?? '/work/shared/datasets'}/conll2003_en/valid.txt`;
  it.runIf(existsSync(valid))('round-trips CoNLL-2003 valid.txt byte for byte', async () => {
    const { sentences, summary } = await loadConllColumns(valid, {
      columns: CONLL_2003_COLUMNS,
      separator: 'space',
    });
    const out = tmp.path('valid.txt');
    await writeConllColumns(out, sentences, { columns: COLUMNS });
    expect([summary.sentences, summary.documents]).toEqual([3250, 216]);
    expect(await readFile(out, 'utf8')).toBe(await readFile(valid, 'utf8'));
  });
});
