import { describe, expect, it } from 'vitest';
import { iobTransitionMask, type TagScheme } from './iob-transition-mask.js';

/** Allowed `from→to` pairs as strings, for readable expectations. */
function allowedPairs(tags: string[], scheme: TagScheme): { moves: Set<string>; starts: string[]; ends: string[] } {
  const mask = iobTransitionMask(tags, scheme);
  const moves = new Set<string>();
  tags.forEach((from, i) => tags.forEach((to, j) => mask.transitions[i * tags.length + j] === 1 && moves.add(`${from}>${to}`)));
  return {
    moves,
    starts: tags.filter((_, i) => mask.start[i] === 1),
    ends: tags.filter((_, i) => mask.end[i] === 1),
  };
}

describe('iobTransitionMask', () => {
  const bio = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];

  it('forbids O → I-X, B-X → I-Y, I-X → I-Y and starting with I-X when scheme is IOB2', () => {
    const { moves, starts, ends } = allowedPairs(bio, 'IOB2');
    for (const forbidden of ['O>I-PER', 'O>I-LOC', 'B-PER>I-LOC', 'B-LOC>I-PER', 'I-PER>I-LOC', 'I-LOC>I-PER']) {
      expect(moves.has(forbidden)).toBe(false);
    }
    for (const ok of ['O>O', 'O>B-PER', 'B-PER>I-PER', 'I-PER>I-PER', 'I-PER>B-LOC', 'B-PER>B-PER', 'I-LOC>O']) {
      expect(moves.has(ok)).toBe(true);
    }
    expect(moves.size).toBe(25 - 6);
    expect(starts).toEqual(['O', 'B-PER', 'B-LOC']);
    expect(ends).toEqual(bio);
  });

  it('allows O → I-X but B-X only after X when scheme is IOB1', () => {
    const { moves, starts } = allowedPairs(bio, 'IOB1');
    expect(moves.has('O>I-PER')).toBe(true);
    expect(moves.has('I-PER>I-LOC')).toBe(true);
    expect(moves.has('I-PER>B-PER')).toBe(true);
    expect(moves.has('O>B-PER')).toBe(false);
    expect(moves.has('I-LOC>B-PER')).toBe(false);
    expect(moves.size).toBe(25 - 6);
    expect(starts).toEqual(['O', 'I-PER', 'I-LOC']);
  });

  it('requires chunks to close when scheme is IOBES, reading L/U as E/S', () => {
    const tags = ['O', 'B-PER', 'I-PER', 'E-PER', 'S-PER', 'U-LOC'];
    const { moves, starts, ends } = allowedPairs(tags, 'IOBES');
    expect([...moves].sort()).toEqual(
      [
        'O>O', 'O>B-PER', 'O>S-PER', 'O>U-LOC',
        'B-PER>I-PER', 'B-PER>E-PER', 'I-PER>I-PER', 'I-PER>E-PER',
        'E-PER>O', 'E-PER>B-PER', 'E-PER>S-PER', 'E-PER>U-LOC',
        'S-PER>O', 'S-PER>B-PER', 'S-PER>S-PER', 'S-PER>U-LOC',
        'U-LOC>O', 'U-LOC>B-PER', 'U-LOC>S-PER', 'U-LOC>U-LOC',
      ].sort(),
    );
    expect(starts).toEqual(['O', 'B-PER', 'S-PER', 'U-LOC']);
    expect(ends).toEqual(['O', 'E-PER', 'S-PER', 'U-LOC']);
  });

  it('names a tag that does not fit the scheme and an unknown scheme', () => {
    expect(() => iobTransitionMask(['O', 'S-PER'], 'IOB2')).toThrowError(/tags\[1\] must be an IOB2 tag, got "S-PER"; allowed: O, B-<type>, I-<type>/);
    expect(() => iobTransitionMask(['O', 'PER'], 'IOBES')).toThrowError(/tags\[1\] must be an IOBES tag, got "PER"/);
    expect(() => iobTransitionMask(['O'], 'BILOU' as TagScheme)).toThrowError(/scheme must be one of .*allowed: IOB1, IOB2, IOBES/);
  });
});
