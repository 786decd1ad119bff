/** A chunk tag split as conlleval splits it: `B-GPE-CITY` → prefix `B`, type `GPE-CITY`. */
export interface SplitTag {
  readonly prefix: string;
  readonly type: string;
}

/** Tag schemes the span metric accepts. IOB1 and IOB2 need no conversion; BIOES is converted to IOB2 first. */
export type TagScheme = 'iob' | 'bioes';

/** A chunk (span) over token positions `[start, end)`. */
export interface Chunk {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits a tag at its first hyphen (conlleval 2004-01-26). A tag without a hyphen is
 * its own prefix with type `''`.
 *
 * Porting note: conlleval then applies Perl truthiness (`$type ? $type : ""`),
 * so a type spelled `0` becomes `''`; we do the same.
 *
 * @example
 * splitTag('B-GPE-CITY'); // { prefix: 'B', type: 'GPE-CITY' }
 * splitTag('O');          // { prefix: 'O', type: '' }
 */
export function splitTag(tag: string): SplitTag {
  const hyphen = tag.indexOf('-');
  if (hyphen === -1) return { prefix: tag, type: '' };
  const type = tag.slice(hyphen + 1);
  return { prefix: tag.slice(0, hyphen), type: type === '0' ? '' : type };
}

/**
 * conlleval's `startOfChunk`: did a chunk start between the previous tag and this one?
 * `I-X` after `O` (IOB1) or after a chunk of another type opens a chunk.
 *
 * @example
 * startOfChunk('O', 'I', '', 'PER'); // true
 * startOfChunk('B', 'I', 'PER', 'PER'); // false
 */
export function startOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if (tag === 'B' && (prevTag === 'B' || prevTag === 'I' || prevTag === 'O')) return true;
  if (prevTag === 'O' && (tag === 'I' || tag === 'E')) return true;
  if (prevTag === 'E' && (tag === 'E' || tag === 'I')) return true;
  if (tag !== 'O' && tag !== '.' && prevType !== type) return true;
  return tag === '[' || tag === ']';
}

/**
 * conlleval's `endOfChunk`: did a chunk end between the previous tag and this one?
 *
 * @example
 * endOfChunk('I', 'B', 'PER', 'PER'); // true (B- separates adjacent chunks)
 * endOfChunk('B', 'I', 'PER', 'PER'); // false
 */
export function endOfChunk(prevTag: string, tag: string, prevType: string, type: string): boolean {
  if ((prevTag === 'B' || prevTag === 'I') && (tag === 'B' || tag === 'O')) return true;
  if (prevTag === 'E' && (tag === 'E' || tag === 'I' || tag === 'O')) return true;
  if (prevTag !== 'O' && prevTag !== '.' && prevType !== type) return true;
  return prevTag === '[' || prevTag === ']';
}

/**
 * Converts one BIOES tag to IOB2: `S-X` → `B-X`, `E-X` → `I-X`, anything else unchanged.
 * conlleval does not know `S-` and merges `S-PER S-PER` into one chunk, so BIOES
 * output must be converted before scoring.
 *
 * @example
 * bioesTagToBio('S-PER'); // 'B-PER'
 * bioesTagToBio('E-LOC'); // 'I-LOC'
 */
export function bioesTagToBio(tag: string): string {
  if (tag.startsWith('S-')) return `B-${tag.slice(2)}`;
  if (tag.startsWith('E-')) return `I-${tag.slice(2)}`;
  return tag;
}

/**
 * Converts a BIOES tag sequence to IOB2 (see {@link bioesTagToBio}).
 *
 * @example
 * bioesToBio(['B-PER', 'E-PER', 'S-LOC', 'O']); // ['B-PER', 'I-PER', 'B-LOC', 'O']
 */
export function bioesToBio(tags: readonly string[]): string[] {
  return tags.map(bioesTagToBio);
}

/**
 * The chunks of one sentence, decoded with conlleval's start/end rules (so IOB1,
 * IOB2 and "I- after O" all decode the same way). Convert BIOES first.
 *
 * @example
 * extractChunks(['I-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC']);
 * // [{ type: 'PER', start: 0, end: 2 }, { type: 'LOC', start: 3, end: 4 }, { type: 'LOC', start: 4, end: 5 }]
 */
export function extractChunks(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let prev: SplitTag = { prefix: 'O', type: '' };
  let open: { type: string; start: number } | undefined;
  tags.forEach((tag, i) => {
    const cur = splitTag(tag);
    const ends = endOfChunk(prev.prefix, cur.prefix, prev.type, cur.type);
    const starts = startOfChunk(prev.prefix, cur.prefix, prev.type, cur.type);
    if (open !== undefined && (ends || starts)) {
      chunks.push({ type: open.type, start: open.start, end: i });
      open = undefined;
    }
    if (starts) open = { type: cur.type, start: i };
    prev = cur;
  });
  if (open !== undefined) chunks.push({ type: open.type, start: open.start, end: tags.length });
  return chunks;
}
