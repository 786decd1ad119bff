import { describe, expect, it } from 'vitest';
import { compatibleTagSchemes, convertTags, detectTagScheme, isValidTagSequence } from './tag-scheme.js';
import { TAG_SCHEMES, spansToTags, tagsToSpans, type TagScheme } from './tag-spans.js';

// One sentence with adjacent same-type chunks, a single-token chunk and a long chunk, in each scheme.
const SAME: Record<TagScheme, string[]> = {
  IOB1: ['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG', 'I-ORG', 'I-ORG', 'O', 'I-MISC'],
  IOB2: ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'B-ORG', 'I-ORG', 'I-ORG', 'O', 'B-MISC'],
  IOBES: ['B-PER', 'E-PER', 'S-PER', 'O', 'S-LOC', 'B-ORG', 'I-ORG', 'E-ORG', 'O', 'S-MISC'],
};
const SPANS = [
  { type: 'PER', start: 0, end: 2 },
  { type: 'PER', start: 2, end: 3 },
  { type: 'LOC', start: 4, end: 5 },
  { type: 'ORG', start: 5, end: 8 },
  { type: 'MISC', start: 9, end: 10 },
];

describe('tagsToSpans', () => {
  it.each(TAG_SCHEMES)('reads the same spans from the %s form', (scheme) => {
    expect(tagsToSpans(SAME[scheme], scheme)).toEqual(SPANS);
  });

  it('names the position of an unknown tag form', () => {
    expect(() => tagsToSpans(['O', 'B-PER', 'X-PER'], 'IOB2')).toThrow(
      '<tags>:1:3: expected an IOB2 tag (O, B-<type> or I-<type>), got "X-PER"',
    );
    expect(() => tagsToSpans(['S-PER'], 'IOB1')).toThrow('<tags>:1:1: expected an IOB1 tag');
  });

  it('rejects sequences that break the scheme', () => {
    expect(() => tagsToSpans(['O', 'I-PER'], 'IOB2')).toThrow(
      '<tags>:1:2: expected B-PER to start a chunk in IOB2, got "I-PER" after O',
    );
    expect(() => tagsToSpans(['B-LOC'], 'IOB1')).toThrow(
      '<tags>:1:1: expected I-LOC to start a chunk in IOB1 (B- only follows LOC), got "B-LOC" after the start of the sentence',
    );
    expect(() => tagsToSpans(['B-PER', 'O'], 'IOBES')).toThrow(
      '<tags>:1:2: expected I-PER or E-PER after B-PER in IOBES, got "O"',
    );
    expect(() => tagsToSpans(['O', 'B-PER', 'I-PER'], 'IOBES')).toThrow(
      '<tags>:1:3: expected I-PER or E-PER after "I-PER" in IOBES, got the end of the sentence',
    );
    expect(() => tagsToSpans(['E-PER'], 'IOBES')).toThrow(
      '<tags>:1:1: expected B-PER or S-PER to start a chunk in IOBES, got "E-PER" after the start of the sentence',
    );
  });
});

describe('convertTags', () => {
  it.each(TAG_SCHEMES.flatMap((from) => TAG_SCHEMES.map((to) => [from, to] as const)))(
    'converts %s to %s exactly',
    (from, to) => {
      expect(convertTags(SAME[from], from, to)).toEqual(SAME[to]);
    },
  );

  it('round-trips through every scheme', () => {
    const iob2 = SAME.IOB2;
    const viaIob1 = convertTags(convertTags(iob2, 'IOB2', 'IOB1'), 'IOB1', 'IOB2');
    const viaIobes = convertTags(convertTags(iob2, 'IOB2', 'IOBES'), 'IOBES', 'IOB2');
    expect(viaIob1).toEqual(iob2);
    expect(viaIobes).toEqual(iob2);
  });

  it('refuses an unknown scheme name', () => {
    expect(() => convertTags([], 'BIO' as TagScheme, 'IOB2')).toThrow(
      'from must be one of the allowed values, got "BIO"; allowed: IOB1, IOB2, IOBES',
    );
  });
});

describe('spansToTags', () => {
  it('writes O outside spans', () => {
    expect(spansToTags([{ type: 'X', start: 1, end: 2 }], 3, 'IOB1')).toEqual(['O', 'I-X', 'O']);
  });
});

describe('detectTagScheme', () => {
  it.each(TAG_SCHEMES)('detects %s', (scheme) => {
    expect(detectTagScheme([['O'], SAME[scheme]])).toBe(scheme);
  });

  it('prefers IOB2 when every scheme fits and lists what fits', () => {
    expect(compatibleTagSchemes([['O', 'O']])).toEqual(['IOB2', 'IOB1', 'IOBES']);
    expect(detectTagScheme([['O', 'O']])).toBe('IOB2');
    expect(compatibleTagSchemes([['B-A', 'O']])).toEqual(['IOB2']);
  });

  it('throws at the first invalid tag when no scheme fits', () => {
    expect(() => detectTagScheme([['B-A'], ['O', 'I-B', 'E-B']])).toThrow(
      '<tags>:2:2: expected B-B to start a chunk in IOB2, got "I-B" after O',
    );
  });

  it('isValidTagSequence answers per scheme', () => {
    expect(isValidTagSequence(['I-LOC', 'O'], 'IOB1')).toBe(true);
    expect(isValidTagSequence(['I-LOC', 'O'], 'IOB2')).toBe(false);
  });
});
