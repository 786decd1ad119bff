import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFormatError, isRecurrentError } from '@recurrent/core';
import {
  conllevalSentences,
  conllevalText,
  formatConllevalReport,
  type ConllToken,
  type ConllevalResult,
} from './conlleval.js';
import { formatFixed } from './fixed-format.js';

const DIR = new URL('../test/fixtures/reference/conlleval/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, DIR), 'utf8');

interface Exact {
  precision: number;
  recall: number;
  fb1: number;
}
interface GoldenCase {
  id: string;
  input: string;
  expected_output: string;
  args: string[];
  counts: { tokens: number; correct_tags: number; gold_phrases: number; found_phrases: number; correct_phrases: number };
  overall: (Exact & { accuracy: number }) | null;
  overall_exact: (Exact & { accuracy: number }) | null;
  per_type: (Exact & { type: string; found: number; gold: number; correct: number; exact: Exact })[];
}
const CASES = (JSON.parse(read('expected.json')) as { cases: GoldenCase[] }).cases;

/** Splits conlleval input into sentences of {token, gold, pred} at blank lines. */
function parseSentences(text: string): ConllToken[][] {
  const sentences: ConllToken[][] = [[]];
  for (const line of text.split('\n')) {
    const fields = line.split(' ').filter((f) => f !== '');
    if (fields.length === 0) {
      if ((sentences[sentences.length - 1] as ConllToken[]).length > 0) sentences.push([]);
      continue;
    }
    const at = (i: number): string => fields[i] as string;
    const token = { token: at(0), gold: at(fields.length - 2), pred: at(fields.length - 1) };
    (sentences[sentences.length - 1] as ConllToken[]).push(token);
  }
  return sentences.filter((s) => s.length > 0);
}

function expectMatchesGolden(result: ConllevalResult, c: GoldenCase): void {
  expect(result.counts).toEqual({
    tokens: c.counts.tokens,
    correctTags: c.counts.correct_tags,
    goldPhrases: c.counts.gold_phrases,
    foundPhrases: c.counts.found_phrases,
    correctPhrases: c.counts.correct_phrases,
  });
  if (c.overall_exact === null || c.overall === null) {
    expect(result.accuracy).toBeNull();
  } else {
    expect(result.accuracy).toBe(c.overall_exact.accuracy);
    expect([result.precision, result.recall, result.fb1]).toEqual([
      c.overall_exact.precision,
      c.overall_exact.recall,
      c.overall_exact.fb1,
    ]);
    expect(formatFixed(result.accuracy as number, 2)).toBe(c.overall.accuracy.toFixed(2));
  }
  expect(
    result.perType.map((t) => [t.type, t.found, t.gold, t.correct, t.precision, t.recall, t.fb1]),
  ).toEqual(c.per_type.map((t) => [t.type, t.found, t.gold, t.correct, t.exact.precision, t.exact.recall, t.exact.fb1]));
}

describe('conllevalText against conlleval.pl 2004-01-26', () => {
  it('has the 18 golden cases, none with command-line options', () => {
    expect(CASES).toHaveLength(18);
    expect(CASES.every((c) => c.args.length === 0)).toBe(true);
  });

  for (const c of CASES) {
    it(`reproduces the report of ${c.id} byte for byte`, () => {
      const result = conllevalText(read(c.input), { file: c.input });
      expect(formatConllevalReport(result)).toBe(read(c.expected_output));
      expectMatchesGolden(result, c);
    });

    it(`gives the same result for ${c.id} from parsed sentences`, () => {
      const text = read(c.input);
      expect(conllevalSentences(parseSentences(text))).toEqual(conllevalText(text));
    });
  }

  it('scores raw BIOES like the converted file when scheme is bioes', () => {
    const converted = CASES.find((c) => c.id === 'bioes_to_bio') as GoldenCase;
    const raw = conllevalText(read('bioes_raw.txt'), { scheme: 'bioes' });
    expect(formatConllevalReport(raw)).toBe(read('bioes_to_bio.expected.txt'));
    expectMatchesGolden(raw, converted);
    const sentences = conllevalSentences(parseSentences(read('bioes_raw.txt')), { scheme: 'bioes' });
    expect(sentences).toEqual(raw);
  });
});

describe('conllevalText input errors', () => {
  const errorOf = (text: string): DataFormatError => {
    try {
      conllevalText(text, { file: 'pred.txt' });
    } catch (error) {
      if (error instanceof DataFormatError) return error;
      throw error;
    }
    throw new Error('expected a DataFormatError');
  };

  it('names file, line and column when a line has a different number of fields', () => {
    const e = errorOf('a B-PER B-PER\nb  O O\n');
    expect(e.code).toBe('DATA_FORMAT');
    expect(e.message).toBe(
      'pred.txt:2:3: expected 3 space-separated fields as on line 1, got 4 (two consecutive spaces make an empty field)',
    );
  });

  it('rejects CRLF line endings at the carriage return', () => {
    expect(errorOf('a O O\r\n\r\n').message).toMatch(/^pred\.txt:1:6: expected LF line endings, found a carriage return/);
  });

  it('rejects tab-separated lines at the tab', () => {
    expect(errorOf('a\tO\tO\n').message).toBe('pred.txt:1:2: expected fields separated by single spaces, found a tab');
  });

  it('rejects a line with only one field', () => {
    expect(errorOf('word\n').message).toBe('pred.txt:1:1: expected at least 2 space-separated fields (… gold pred), got 1: "word"');
  });

  it('ignores trailing spaces as Perl split does', () => {
    expect(conllevalText('a B-X B-X  \nb O O\n').counts.correctPhrases).toBe(1);
  });
});

describe('conllevalSentences', () => {
  it('treats a -X- token as a boundary and -DOCSTART- as a token', () => {
    const r = conllevalSentences([
      [
        { token: '-DOCSTART-', gold: 'O', pred: 'O' },
        { token: '-X-', gold: 'B-PER', pred: 'O' },
        { token: 'Mira', gold: 'I-PER', pred: 'I-PER' },
      ],
    ]);
    expect(r.counts).toEqual({ tokens: 2, correctTags: 2, goldPhrases: 1, foundPhrases: 1, correctPhrases: 1 });
  });

  it('throws a USAGE error for an empty tag', () => {
    let code: string | undefined;
    try {
      conllevalSentences([[{ token: 'a', gold: '', pred: 'O' }]]);
    } catch (error) {
      code = isRecurrentError(error) ? `${error.code}: ${error.message}` : undefined;
    }
    expect(code).toBe('USAGE: sentence 0 token 0: gold tag must be a non-empty string without whitespace, got ""');
  });

  it('prints the empty type twice, as conlleval does, when it is in gold and predictions', () => {
    const report = formatConllevalReport(conllevalText('a B B\nb O O\n'));
    const typeLine = '                 : precision: 100.00%; recall: 100.00%; FB1: 100.00  1\n';
    expect(report.endsWith(typeLine + typeLine)).toBe(true);
  });

  it('pads type names by UTF-8 bytes and sorts them by code point, as Perl does', () => {
    const report = formatConllevalReport(conllevalText('a B-É B-É\nb B-Z B-Z\nc B-\u{1F600} B-\u{1F600}\nd B-\uFF21 B-\uFF21\n'));
    const names = report.split('\n').slice(2, -1).map((l) => l.slice(0, l.indexOf(':')));
    expect(names).toEqual(['                Z', '               É', '              \uFF21', '             \u{1F600}']);
  });
});
