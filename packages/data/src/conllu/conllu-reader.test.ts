import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { conlluColumn } from './conllu-sentence.js';
import { loadConllu, loadConlluString, readConllu } from './conllu-reader.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/conllu');
const fixture = (name: string): string => join(FIXTURES, name);

async function messageOf(name: string): Promise<string> {
  const content = readFileSync(fixture(name), 'utf8');
  try {
    await loadConlluString(content, name);
  } catch (error) {
    expect(error).toMatchObject({ code: 'DATA_FORMAT', name: 'DataFormatError' });
    return (error as Error).message;
  }
  throw new Error(`${name} parsed without error`);
}

describe('readConllu', () => {
  it('reads words, comments and counts when the file is valid', async () => {
    const { sentences, summary } = await loadConllu(fixture('valid.conllu'));
    expect(summary).toEqual({
      lines: 20,
      sentences: 2,
      words: 11,
      surfaceTokens: 10,
      multiwordTokens: 1,
      emptyNodes: 1,
      skippedMultiwordTokens: 1,
      skippedEmptyNodes: 1,
      comments: 5,
      documents: 1,
    });
    const [first, second] = sentences;
    expect(first?.line).toBe(1);
    expect(first?.sentId).toBe('s1');
    expect(first?.text).toBe("I don't know.");
    expect(first?.comments).toEqual(['# newdoc id = doc1', '# sent_id = s1', "# text = I don't know."]);
    expect(conlluColumn(first!, 'FORM')).toEqual(['I', 'do', "n't", 'know', '.']);
    expect(conlluColumn(first!, 'UPOS')).toEqual(['PRON', 'AUX', 'PART', 'VERB', 'PUNCT']);
    expect(conlluColumn(first!, 'HEAD')).toEqual(['4', '4', '4', '0', '4']);
    expect(conlluColumn(first!, 'MISC')).toEqual(['_', '_', '_', 'SpaceAfter=No', '_']);
    expect(first?.words[3]).toMatchObject({
      id: 4,
      lemma: 'know',
      xpos: 'VB',
      head: 0,
      deprel: 'root',
      line: 8,
    });
    expect(second?.line).toBe(11);
    expect(conlluColumn(second!, 'DEPREL')).toEqual(['nsubj', 'root', 'obj', 'cc', 'conj', 'orphan']);
    expect(second?.multiwordTokens).toEqual([]);
    expect(second?.emptyNodes).toEqual([]);
  });

  it('keeps multiword tokens and empty nodes when asked', async () => {
    const options = { keepMultiwordTokens: true, keepEmptyNodes: true };
    const { sentences, summary } = await loadConllu(fixture('valid.conllu'), options);
    expect(sentences[0]?.multiwordTokens).toEqual([{ start: 2, end: 3, form: "don't", misc: '_', line: 5 }]);
    expect(sentences[1]?.emptyNodes).toMatchObject([
      { after: 5, index: 1, form: 'likes', deps: '2:conj:and', line: 18 },
    ]);
    expect(summary.skippedMultiwordTokens).toBe(0);
    expect(summary.skippedEmptyNodes).toBe(0);
    expect(summary.multiwordTokens).toBe(1);
  });

  it('gives the same sentences for gzip, BOM and CRLF input', async () => {
    const text = readFileSync(fixture('valid.conllu'), 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'conllu-'));
    const gz = join(dir, 'v.conllu.gz');
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    const crlf = join(dir, 'crlf.conllu');
    writeFileSync(crlf, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
    const plain = await loadConllu(fixture('valid.conllu'));
    expect(await loadConllu(gz)).toEqual(plain);
    expect(await loadConllu(crlf)).toEqual(plain);
  });

  it('streams with a live summary and restarts the counts on a second pass', async () => {
    const stream = readConllu(fixture('valid.conllu'));
    const seen: number[] = [];
    for await (const sentence of stream) seen.push(stream.summary.sentences, sentence.words.length);
    expect(seen).toEqual([1, 5, 2, 6]);
    for await (const _ of stream) void _;
    expect(stream.summary.sentences).toBe(2);
  });

  it('accepts a last sentence without a final blank line', async () => {
    const { summary } = await loadConlluString('1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_', 'x');
    expect(summary.sentences).toBe(1);
  });

  it('names the real file path in errors when reading a file', async () => {
    const path = fixture('missing-column.conllu');
    await expect(loadConllu(path)).rejects.toThrow(`${path}:4:1: expected 10 tab-separated columns, got 9`);
  });
});

describe('readConllu errors', () => {
  const cases: [string, string][] = [
    ['missing-column.conllu', 'missing-column.conllu:4:1: expected 10 tab-separated columns, got 9'],
    ['non-consecutive-id.conllu', 'non-consecutive-id.conllu:5:1: expected word ID 2, got 3'],
    [
      'bad-id.conllu',
      'bad-id.conllu:2:1: expected ID to be a word ID (2), a range like 2-3 or a decimal like 1.1, got "x"',
    ],
    ['bad-head.conllu', 'bad-head.conllu:2:19: expected HEAD to be a word ID or 0, got "root"'],
    [
      'head-out-of-range.conllu',
      'head-out-of-range.conllu:2:19: expected HEAD between 0 and 2 (the words in this sentence), got 7',
    ],
    [
      'range-past-end.conllu',
      'range-past-end.conllu:4:1: expected multiword range 3-5 to end at a word of the sentence, but it has 4 words',
    ],
    ['bad-empty-node.conllu', 'bad-empty-node.conllu:3:1: expected empty node ID 1.2, got 1.3'],
    [
      'comment-inside.conllu',
      'comment-inside.conllu:2:1: expected a token line or a blank line, got a comment inside a sentence',
    ],
    [
      'empty-field.conllu',
      'empty-field.conllu:2:5: expected a value in column LEMMA, got an empty field (use _)',
    ],
    [
      'comments-only.conllu',
      'comments-only.conllu:2:1: expected token lines after the comments, got a blank line',
    ],
  ];
  it.each(cases)('reports %s with file:line:col', async (name, message) => {
    expect(await messageOf(name)).toBe(message);
  });

  it('rejects overlapping multiword ranges', async () => {
    const tok = (id: string): string => `${id}\tw\tw\tX\tX\t_\t${id.includes('-') ? '_' : '0'}\tdep\t_\t_`;
    const text = [tok('1-2'), tok('1'), tok('2'), tok('2-3'), tok('3'), ''].join('\n');
    await expect(loadConlluString(text, 'o.conllu')).rejects.toThrow(
      'o.conllu:4:1: expected multiword range to start at word ID 3, got 2-3',
    );
  });
});

describe('conlluColumn', () => {
  it('refuses an unknown column name', async () => {
    const { sentences } = await loadConllu(fixture('valid.conllu'));
    expect(() => conlluColumn(sentences[0]!, 'POS' as never)).toThrow(
      /field must be one of.*got "POS"; allowed: ID, FORM/,
    );
  });
});

describe('readConllu input', () => {
  it('fails with an IO error naming a missing file', async () => {
    await expect(loadConllu(fixture('no-such-file.conllu'))).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('no-such-file.conllu'),
    });
  });
});
