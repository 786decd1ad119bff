import { RecurrentError, assertOneOf } from '@recurrent/core';

/** Chunk tagging schemes: IOB1 (CoNLL-2003 original), IOB2 (= BIO), IOBES (= BIOES/BILOU). */
export type TagScheme = 'IOB1' | 'IOB2' | 'IOBES';

/** Every {@link TagScheme}. */
export const TAG_SCHEMES: readonly TagScheme[] = Object.freeze(['IOB1', 'IOB2', 'IOBES']);

/** Which tag sequences are allowed: 1 allowed, 0 forbidden. */
export interface TransitionMask {
  readonly numTags: number;
  /** `[numTags, numTags]` row-major, `transitions[from * numTags + to]`. */
  readonly transitions: Uint8Array;
  /** `[numTags]`: may a sentence start with this tag. */
  readonly start: Uint8Array;
  /** `[numTags]`: may a sentence end with this tag. */
  readonly end: Uint8Array;
}

interface ParsedTag {
  /** O, B, I, E or S (L and U are read as E and S). */
  readonly prefix: 'O' | 'B' | 'I' | 'E' | 'S';
  readonly type: string;
}

const PREFIXES: Readonly<Record<TagScheme, string>> = { IOB1: 'BI', IOB2: 'BI', IOBES: 'BIESLU' };

function parseTag(tag: string, index: number, scheme: TagScheme): ParsedTag {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const match = /^([A-Z])-(.+)$/.exec(tag);
  const letter = match?.[1];
  if (match === null || letter === undefined || !PREFIXES[scheme].includes(letter)) {
    const allowed = [...PREFIXES[scheme]].map((p) => `${p}-<type>`).join(', ');
    throw new RecurrentError('CONFIG', `tags[${index}] must be an ${scheme} tag, got ${JSON.stringify(tag)}; allowed: O, ${allowed}`);
  }
  const prefix = letter === 'L' ? 'E' : letter === 'U' ? 'S' : (letter as ParsedTag['prefix']);
  return { prefix, type: match[2] as string };
}

function allowed(from: ParsedTag, to: ParsedTag, scheme: TagScheme): boolean {
  const sameType = from.type === to.type;
  switch (scheme) {
    case 'IOB2': // I-X only continues B-X or I-X.
      return to.prefix !== 'I' || ((from.prefix === 'B' || from.prefix === 'I') && sameType);
    case 'IOB1': // Chunks start with I; B-X only separates two adjacent X chunks.
      return to.prefix !== 'B' || (from.prefix !== 'O' && sameType);
    case 'IOBES': {
      const inside = from.prefix === 'B' || from.prefix === 'I';
      const continues = to.prefix === 'I' || to.prefix === 'E';
      return inside ? continues && sameType : !continues;
    }
  }
}

function canStart(tag: ParsedTag, scheme: TagScheme): boolean {
  if (scheme === 'IOB1') return tag.prefix !== 'B';
  return tag.prefix !== 'I' && tag.prefix !== 'E';
}

function canEnd(tag: ParsedTag, scheme: TagScheme): boolean {
  return scheme !== 'IOBES' || (tag.prefix !== 'B' && tag.prefix !== 'I');
}

/**
 * The allowed transitions of a chunk tag set, for constrained Viterbi decoding. IOB2 forbids
 * `O → I-X`, `B-X → I-Y` and `I-X → I-Y`, and starting with `I-X`; IOB1 forbids `B-X` except
 * right after `B-X`/`I-X`, and starting with `B-X`; IOBES also requires every `B-X`/`I-X` to
 * be followed by `I-X`/`E-X` (so a sentence cannot end inside a chunk). A tag that is not of
 * the scheme throws a CONFIG error naming it.
 *
 * @example
 * const tags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
 * const mask = iobTransitionMask(tags, 'IOB2');
 * mask.transitions[0 * 5 + 2]; // 0: O → I-PER forbidden
 * mask.transitions[1 * 5 + 2]; // 1: B-PER → I-PER allowed
 * mask.start[2];               // 0: cannot start with I-PER
 */
export function iobTransitionMask(tags: readonly string[], scheme: TagScheme): TransitionMask {
  assertOneOf(scheme, 'scheme', TAG_SCHEMES);
  const parsed = tags.map((tag, i) => parseTag(tag, i, scheme));
  const numTags = tags.length;
  const transitions = new Uint8Array(numTags * numTags);
  const start = new Uint8Array(numTags);
  const end = new Uint8Array(numTags);
  parsed.forEach((from, i) => {
    start[i] = canStart(from, scheme) ? 1 : 0;
    end[i] = canEnd(from, scheme) ? 1 : 0;
    parsed.forEach((to, j) => {
      transitions[i * numTags + j] = allowed(from, to, scheme) ? 1 : 0;
    });
  });
  return { numTags, transitions, start, end };
}
