import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConllColumns, loadConllColumnsString } from './conll-reader.js';
import { CONLL_2003_COLUMNS, type ConllColumnOptions } from './conll-sentence.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/conll');
const fixture = (name: string): string => join(FIXTURES, name);

async function messageOf(name: string, options: ConllColumnOptions): Promise<string> {
  try {
    await loadConllColumnsString(readFileSync(fixture(name), 'utf8'), name, options);
  } catch (error) {
    expect(error).toMatchObject({ code: 'DATA_FORMAT' });
    return (error as Error).message;
  }
  throw new Error(`${name} parsed without error`);
}

describe('readConllColumns', () => {
  it('keeps the mapped columns and counts documents, not as sentences', async () => {
    const { sentences, summary } = await loadConllColumns(fixture('valid.conll'), {
      columns: { 0: 'text', 3: 'ner' },
    });
    expect(summary).toEqual({
      lines: 14,
      sentences: 3,
      tokens: 8,
      documents: 2,
      comments: 0,
      columnCount: 4,
    });
    expect(sentences.map((s) => [s.line, s.document])).toEqual([
      [3, 1],
      [8, 1],
      [13, 2],
    ]);
    expect(sentences[0]?.columns).toEqual({
      text: ['EU', 'rejects', 'German', 'call'],
      ner: ['B-ORG', 'O', 'B-MISC', 'O'],
    });
    expect(sentences[1]?.lines).toEqual([8, 9]);
  });

  it('converts a tag column and leaves the others', async () => {
    const { sentences } = await loadConllColumns(fixture('valid.conll'), {
      columns: CONLL_2003_COLUMNS,
      separator: 'space',
      tags: { ner: { scheme: 'IOB2', convertTo: 'IOBES' }, chunk: { scheme: 'IOB2', convertTo: 'IOB1' } },
    });
    expect(sentences[0]?.columns.ner).toEqual(['S-ORG', 'O', 'S-MISC', 'O']);
    expect(sentences[0]?.columns.chunk).toEqual(['I-NP', 'I-VP', 'I-NP', 'I-NP']);
    expect(sentences[1]?.columns.ner).toEqual(['B-PER', 'E-PER']);
    expect(sentences[0]?.columns.pos).toEqual(['NNP', 'VBZ', 'JJ', 'NN']);
  });

  it('skips and counts comment lines when a prefix is given', async () => {
    const text = '# a comment\nEU B-ORG\n\n# another\n';
    const { summary } = await loadConllColumnsString(text, 'c', {
      columns: { 0: 'text', 1: 'ner' },
      commentPrefix: '#',
    });
    expect(summary).toMatchObject({ sentences: 1, comments: 2, tokens: 1 });
  });

  it('reads CRLF and tab-separated files', async () => {
    const text = 'EU\tB-ORG\r\nsays\tO\r\n\r\n';
    const { sentences } = await loadConllColumnsString(text, 't', {
      columns: { 0: 'text', 1: 'ner' },
      separator: 'tab',
    });
    expect(sentences[0]?.columns).toEqual({ text: ['EU', 'says'], ner: ['B-ORG', 'O'] });
  });

  it('refuses a bad column map', async () => {
    await expect(loadConllColumnsString('a b\n', 'x', { columns: {} })).rejects.toThrow(
      'columns must name at least one column',
    );
    await expect(
      loadConllColumnsString('a b\n', 'x', { columns: { 0: 'text' }, tags: { ner: { scheme: 'IOB2' } } }),
    ).rejects.toMatchObject({
      code: 'CONFIG',
      message: 'tags.ner must name a column, got "ner"; allowed: text',
    });
  });
});

describe('readConllColumns errors', () => {
  const columns = CONLL_2003_COLUMNS;
  const ner = { ner: { scheme: 'IOB2' as const } };
  const cases: [string, ConllColumnOptions, string][] = [
    [
      'missing-column.conll',
      { columns },
      'missing-column.conll:2:1: expected 4 whitespace-separated columns, got 3',
    ],
    [
      'docstart-inside.conll',
      { columns },
      'docstart-inside.conll:2:1: expected a blank line before -DOCSTART-, got it inside a sentence',
    ],
    [
      'iob2-bad-start.conll',
      { columns, tags: ner },
      'iob2-bad-start.conll:3:20: expected B-PER to start a chunk in IOB2, got "I-PER" after O',
    ],
    [
      'unknown-tag.conll',
      { columns, tags: ner },
      'unknown-tag.conll:2:20: expected an IOB2 tag (O, B-<type> or I-<type>), got "X-PER"',
    ],
    [
      'empty-field.conll',
      { columns, separator: 'space' },
      'empty-field.conll:1:4: expected a value, got an empty field',
    ],
    [
      'tab-mixed.conll',
      { columns, separator: 'tab' },
      'tab-mixed.conll:2:1: expected 4 tab-separated columns, got 3',
    ],
    [
      'missing-column.conll',
      { columns: { 0: 'text', 4: 'extra' } },
      'missing-column.conll:1:1: expected at least 5 whitespace-separated columns (the column map uses column 4), got 4',
    ],
  ];
  it.each(cases)('reports %s with file:line:col', async (name, options, message) => {
    expect(await messageOf(name, options)).toBe(message);
  });
});

describe('readConllColumns whitespace', () => {
  it('reports a line that starts with whitespace', async () => {
    await expect(
      loadConllColumnsString('EU B-ORG\n  says O\n', 'w', { columns: { 0: 'text', 1: 'ner' } }),
    ).rejects.toThrow('w:2:1: expected a field at the start of the line, got whitespace');
  });

  it('treats runs of spaces and tabs as one separator and whitespace-only lines as blank', async () => {
    const { sentences } = await loadConllColumnsString('EU \t B-ORG  \n \t\nsays O\n', 'w', {
      columns: { 0: 'text', 1: 'ner' },
    });
    expect(sentences.map((s) => s.columns)).toEqual([
      { text: ['EU'], ner: ['B-ORG'] },
      { text: ['says'], ner: ['O'] },
    ]);
  });
});
