import { describe, expect, it } from 'vitest';
import { DataFormatError, RecurrentError } from '@recurrent/core';
import { countTokens } from './token-counts.js';
import { createLabelVocab } from './label-vocab.js';
import { normalizeToken } from './token-normalizer.js';
import { Vocab } from './vocab.js';
import { parseVocabJson } from './vocab-json.js';

const corpus = [
  ['the', 'cat', 'sat', 'on', 'the', 'mat'],
  ['the', 'dog', 'sat'],
  ['a', 'cat', 'and', 'a', 'dog'],
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as RecurrentError).code;
  }
  return undefined;
}

describe('Vocab.build', () => {
  it('orders by count descending then by string, after the default specials', () => {
    const vocab = Vocab.build(countTokens(corpus));
    // the:3; a, cat, dog, sat: 2; and, mat, on: 1
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', '<bos>', '<eos>', 'the', 'a', 'cat', 'dog', 'sat', 'and', 'mat', 'on']);
    expect([vocab.padId, vocab.unkId, vocab.bosId, vocab.eosId]).toEqual([0, 1, 2, 3]);
    expect(vocab.frozen).toBe(true);
  });

  it('drops tokens under minFreq and cuts to maxSize including specials', () => {
    const vocab = Vocab.build(countTokens(corpus), { minFreq: 2, maxSize: 7 });
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', '<bos>', '<eos>', 'the', 'a', 'cat']);
    expect(Vocab.build(countTokens(corpus), { minFreq: 3 }).size).toBe(5);
  });

  it('merges counts of tokens that normalise alike when lowercase and normalizeDigits are on', () => {
    const counts = new Map([['The', 1], ['the', 1], ['1984', 1], ['2024', 1], ['x', 3]]);
    const vocab = Vocab.build(counts, { lowercase: true, normalizeDigits: true, specials: ['<pad>', '<unk>'] });
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', 'x', '0000', 'the']);
    expect(Array.from(vocab.encode(['THE', '1999', '99']))).toEqual([4, 3, 1]);
    expect(normalizeToken('Year-٢٠٢٤', { normalizeDigits: true })).toBe('Year-0000');
  });

  it('uses only the specials it is given, pad first', () => {
    const vocab = Vocab.build(countTokens(corpus), { specials: ['<pad>', '<unk>'], maxSize: 3 });
    expect(vocab.tokens).toEqual(['<pad>', '<unk>', 'the']);
    expect(() => vocab.bosId).toThrowError(/no <bos> token; its specials are: <pad>, <unk>/);
    expect(codeOf(() => new Vocab({ specials: ['<unk>', '<pad>'] }))).toBe('CONFIG');
    expect(() => Vocab.build([], { maxSize: 2 })).toThrowError(/maxSize must be at least the number of specials \(4\), got 2/);
    expect(() => Vocab.build([], { minFreq: 0 })).toThrowError(/minFreq must be a positive integer, got 0/);
  });
});

describe('Vocab', () => {
  const vocab = Vocab.build(countTokens(corpus));

  it('encodes unknown tokens to <unk> and decodes ids back', () => {
    const ids = vocab.encode(['the', 'emu', 'sat']);
    expect(ids).toBeInstanceOf(Int32Array);
    expect(Array.from(ids)).toEqual([4, 1, 8]);
    expect(vocab.decode(ids)).toEqual(['the', '<unk>', 'sat']);
    expect(vocab.decode([2, 4, 0], { skipSpecials: true })).toEqual(['the']);
    expect(() => vocab.decode([12])).toThrowError(/id must be an integer in \[0, 11\], got 12/);
  });

  it('throws when adding to a frozen vocabulary', () => {
    expect(() => vocab.add('new')).toThrowError(/cannot add "new": the vocabulary is frozen/);
    expect(codeOf(() => vocab.add('new'))).toBe('USAGE');
  });

  it('grows until frozen when built by hand', () => {
    const grown = new Vocab({ specials: ['<pad>'] });
    expect([grown.add('x'), grown.add('y'), grown.add('x')]).toEqual([1, 2, 1]);
    grown.freeze();
    expect(() => grown.add('z')).toThrow(RecurrentError);
  });

  it('round-trips through JSON', () => {
    const lower = Vocab.build(countTokens(corpus), { lowercase: true, minFreq: 2 });
    const json = JSON.parse(JSON.stringify(lower)) as unknown;
    expect(json).toMatchObject({ version: 1, lowercase: true, normalizeDigits: false });
    const back = Vocab.fromJSON(json);
    expect(back.tokens).toEqual(lower.tokens);
    expect(back.frozen).toBe(true);
    expect(Array.from(back.encode(['THE', 'Cat', 'on']))).toEqual(Array.from(lower.encode(['THE', 'Cat', 'on'])));
  });

  it('rejects a wrong version and a wrong shape with a DATA_FORMAT error', () => {
    const good = vocab.toJSON();
    expect(() => Vocab.fromJSON({ ...good, version: 2 })).toThrowError(/version must be 1, got 2/);
    expect(() => Vocab.fromJSON({ ...good, tokens: ['<pad>', 7] })).toThrowError(/tokens\[1\] must be a string, got 7/);
    expect(() => Vocab.fromJSON({ ...good, tokens: ['a', 'a'], specials: [] })).toThrowError(/tokens\[1\] "a" appears twice/);
    expect(() => Vocab.fromJSON({ ...good, specials: ['<unk>'] })).toThrowError(/specials\[0\] "<unk>" must equal tokens\[0\]/);
    expect(() => Vocab.fromJSON([])).toThrowError(/must be an object/);
    expect(codeOf(() => Vocab.fromJSON(null))).toBe('DATA_FORMAT');
  });
});

describe('parseVocabJson', () => {
  it('names file, line and column of a JSON syntax error', () => {
    const text = '{\n  "version": 1,\n  tokens: []\n}';
    let error: unknown;
    try {
      parseVocabJson(text, 'bundle/vocab.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).location).toEqual({ file: 'bundle/vocab.json', line: 3, column: 3 });
    expect((error as Error).message).toMatch(/^bundle\/vocab\.json:3:3: expected valid JSON/);
  });

  it('points at the offending key of a structural error', () => {
    const text = '{\n  "tokens": ["a"],\n  "specials": [],\n  "version": 3\n}';
    expect(() => parseVocabJson(text, 'v.json')).toThrowError(/^v\.json:4:3: version must be 1, got 3/);
  });

  it('accepts what toJSON wrote', () => {
    const vocab = Vocab.build(countTokens(corpus));
    expect(Vocab.fromJSON(parseVocabJson(JSON.stringify(vocab, null, 2), 'v.json')).tokens).toEqual(vocab.tokens);
  });
});

describe('createLabelVocab', () => {
  it('has no specials, keeps first-seen order and throws naming an unknown label', () => {
    const tags = createLabelVocab(['B-PER', 'I-PER', 'O', 'B-PER', 'o']);
    expect(tags.tokens).toEqual(['B-PER', 'I-PER', 'O', 'o']);
    expect(Array.from(tags.encode(['O', 'B-PER']))).toEqual([2, 0]);
    expect(() => tags.encode(['B-LOC'])).toThrowError(/token "B-LOC" is not in the vocabulary, which has no <unk>/);
    expect(codeOf(() => tags.encodeToken('<unk>'))).toBe('DATA_FORMAT');
    expect(() => tags.padId).toThrowError(/no <pad> token; its specials are: \(none\)/);
    expect(Vocab.fromJSON(tags.toJSON()).tokens).toEqual(tags.tokens);
  });
});
