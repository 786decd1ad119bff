import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tokenize13a } from './tokenizer-13a.js';
import { pythonRstrip, pythonSplit } from './python-whitespace.js';

interface TokenizerCase {
  readonly id: string;
  readonly input: string;
  readonly expected: string;
}

const GOLDEN = JSON.parse(
  readFileSync(new URL('../test/fixtures/reference/tokenizer_13a.json', import.meta.url), 'utf8'),
) as { cases: TokenizerCase[] };

describe('tokenize13a', () => {
  it('has the 64 sacreBLEU golden cases to check', () => {
    expect(GOLDEN.cases).toHaveLength(64);
  });

  for (const c of GOLDEN.cases) {
    it(`matches sacreBLEU 2.6.0 on ${c.id}`, () => {
      expect(tokenize13a(c.input)).toBe(c.expected);
    });
  }
});

describe('pythonSplit', () => {
  it('splits on Python whitespace (U+001C, U+0085) but not on U+FEFF', () => {
    expect(pythonSplit(' a\x1cb\x85c\ufeffd\u3000 ')).toEqual(['a', 'b', 'c\ufeffd']);
  });

  it('returns no tokens for an empty or blank string', () => {
    expect(pythonSplit('')).toEqual([]);
    expect(pythonSplit(' \t\n')).toEqual([]);
  });
});

describe('pythonRstrip', () => {
  it('strips trailing Python whitespace only', () => {
    expect(pythonRstrip('  a b \x1f\u2009\n')).toBe('  a b');
    expect(pythonRstrip('a\ufeff')).toBe('a\ufeff');
  });
});
