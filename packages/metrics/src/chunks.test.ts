import { describe, expect, it } from 'vitest';
import { bioesToBio, endOfChunk, extractChunks, splitTag, startOfChunk } from './chunks.js';

describe('splitTag', () => {
  it('splits at the first hyphen only', () => {
    expect(splitTag('B-GPE-CITY')).toEqual({ prefix: 'B', type: 'GPE-CITY' });
    expect(splitTag('I-')).toEqual({ prefix: 'I', type: '' });
    expect(splitTag('NN')).toEqual({ prefix: 'NN', type: '' });
  });

  it('turns the type 0 into the empty type, as Perl truthiness does in conlleval', () => {
    expect(splitTag('B-0')).toEqual({ prefix: 'B', type: '' });
  });
});

describe('startOfChunk / endOfChunk', () => {
  it('opens a chunk with I- after O (IOB1) and with I-Y after an X chunk', () => {
    expect(startOfChunk('O', 'I', '', 'PER')).toBe(true);
    expect(startOfChunk('I', 'I', 'LOC', 'PER')).toBe(true);
    expect(endOfChunk('I', 'I', 'LOC', 'PER')).toBe(true);
    expect(startOfChunk('I', 'I', 'PER', 'PER')).toBe(false);
    expect(endOfChunk('I', 'I', 'PER', 'PER')).toBe(false);
  });

  it('separates adjacent same-type chunks only at B-', () => {
    expect(startOfChunk('I', 'B', 'PER', 'PER')).toBe(true);
    expect(endOfChunk('I', 'B', 'PER', 'PER')).toBe(true);
    expect(startOfChunk('B', 'B', 'PER', 'PER')).toBe(true);
  });

  it('knows E- but not S- (why raw BIOES is mis-scored)', () => {
    expect(endOfChunk('E', 'I', 'PER', 'PER')).toBe(true);
    expect(startOfChunk('E', 'B', 'PER', 'PER')).toBe(false);
    expect(endOfChunk('E', 'B', 'PER', 'PER')).toBe(false);
    expect(startOfChunk('S', 'S', 'PER', 'PER')).toBe(false);
  });

  it('treats [ and ] as one-token chunks and . as outside for type changes', () => {
    expect(startOfChunk('O', '[', '', '')).toBe(true);
    expect(endOfChunk('[', 'O', '', '')).toBe(true);
    expect(startOfChunk('O', '.', 'X', '')).toBe(false);
    expect(endOfChunk('.', 'O', 'X', '')).toBe(false);
  });
});

describe('bioesToBio', () => {
  it('maps S- to B- and E- to I-, leaving the rest', () => {
    expect(bioesToBio(['S-PER', 'B-LOC', 'I-LOC', 'E-LOC', 'O', 'SE-X'])).toEqual([
      'B-PER',
      'B-LOC',
      'I-LOC',
      'I-LOC',
      'O',
      'SE-X',
    ]);
  });
});

describe('extractChunks', () => {
  it('decodes IOB1 and IOB2 spellings of the same chunks identically', () => {
    const iob1 = ['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC', 'I-ORG'];
    const iob2 = ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'B-ORG'];
    const expected = [
      { type: 'PER', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'LOC', start: 4, end: 5 },
      { type: 'ORG', start: 5, end: 6 },
    ];
    expect(extractChunks(iob1)).toEqual(expected);
    expect(extractChunks(iob2)).toEqual(expected);
  });

  it('finds BIOES chunks after conversion and merges them without it', () => {
    const bioes = ['S-PER', 'S-PER', 'B-LOC', 'E-LOC', 'B-LOC', 'E-LOC'];
    expect(extractChunks(bioesToBio(bioes))).toHaveLength(4);
    expect(extractChunks(bioes)).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 2, end: 6 },
    ]);
  });

  it('returns no chunks for an all-O or empty sentence', () => {
    expect(extractChunks(['O', 'O'])).toEqual([]);
    expect(extractChunks([])).toEqual([]);
  });
});
