import { RecurrentError, assert, assertPositiveInteger } from '@recurrent/core';
import { BOS_TOKEN, DEFAULT_SPECIALS, EOS_TOKEN, PAD_TOKEN, UNK_TOKEN } from './special-tokens.js';
import { normalizeToken, type NormalizeOptions } from './token-normalizer.js';
import { VOCAB_JSON_VERSION, validateVocabJson, type VocabJson } from './vocab-json.js';

/** Options of an empty, growing {@link Vocab}. */
export interface VocabOptions extends NormalizeOptions {
  /**
   * Special tokens, given ids 0, 1, … in this order and never normalised. Default
   * {@link DEFAULT_SPECIALS} (`<pad>`, `<unk>`, `<bos>`, `<eos>`). `<pad>`, when present, must
   * come first so that its id is 0. `[]` gives a label vocabulary (flair `Dictionary(add_unk=False)`).
   */
  readonly specials?: readonly string[];
}

/** Options of {@link Vocab.build}. */
export interface VocabBuildOptions extends VocabOptions {
  /** Keep tokens whose (normalised) count is at least this. Default 1. */
  readonly minFreq?: number;
  /** At most this many entries, specials included. Default: no limit. */
  readonly maxSize?: number;
}

/** Options of {@link Vocab.decode}. */
export interface VocabDecodeOptions {
  /** Leave special tokens (`<pad>`, `<bos>`, …) out of the result. Default false. */
  readonly skipSpecials?: boolean;
}

/**
 * A token ↔ id table. Grows by {@link Vocab.add} until {@link Vocab.freeze}; {@link Vocab.build}
 * and {@link Vocab.fromJSON} return frozen vocabularies. Unknown tokens encode to `<unk>`, or
 * throw (naming the token) when the vocabulary has no `<unk>`.
 *
 * @example
 * const vocab = Vocab.build(countTokens([['the', 'cat'], ['the', 'dog']]), { minFreq: 1 });
 * vocab.tokens;                      // ['<pad>', '<unk>', '<bos>', '<eos>', 'the', 'cat', 'dog']
 * vocab.encode(['the', 'emu']);      // Int32Array [4, 1]
 * vocab.decode([4, 5]);              // ['the', 'cat']
 * Vocab.fromJSON(vocab.toJSON());    // the same vocabulary
 */
export class Vocab {
  readonly specials: readonly string[];
  readonly lowercase: boolean;
  readonly normalizeDigits: boolean;
  private readonly itos: string[] = [];
  private readonly stoi = new Map<string, number>();
  private readonly specialSet: ReadonlySet<string>;
  private isFrozen = false;

  constructor(options: VocabOptions = {}) {
    const specials = options.specials ?? DEFAULT_SPECIALS;
    assert(new Set(specials).size === specials.length, () => `specials must be unique, got ${specials.join(', ')}`, 'CONFIG');
    const padAt = specials.indexOf(PAD_TOKEN);
    assert(padAt <= 0, () => `specials must put ${PAD_TOKEN} first (id 0), got it at ${padAt}: ${specials.join(', ')}`, 'CONFIG');
    this.specials = Object.freeze([...specials]);
    this.specialSet = new Set(specials);
    this.lowercase = options.lowercase ?? false;
    this.normalizeDigits = options.normalizeDigits ?? false;
    for (const special of specials) this.insert(special);
  }

  /**
   * Builds a frozen vocabulary from token counts: counts of tokens that normalise alike are
   * merged, tokens below `minFreq` dropped, the rest ordered by count (descending) then by
   * string (code-unit order) and cut to `maxSize` entries in all. Specials in `counts` are skipped.
   *
   * @example
   * Vocab.build(new Map([['b', 2], ['a', 2], ['c', 5]]), { specials: [] }).tokens; // ['c', 'a', 'b']
   */
  static build(counts: Iterable<readonly [string, number]> | ReadonlyMap<string, number>, options: VocabBuildOptions = {}): Vocab {
    const minFreq = options.minFreq ?? 1;
    assertPositiveInteger(minFreq, 'minFreq');
    const vocab = new Vocab(options);
    if (options.maxSize !== undefined) {
      assertPositiveInteger(options.maxSize, 'maxSize');
      assert(options.maxSize >= vocab.size, () => `maxSize must be at least the number of specials (${vocab.size}), got ${options.maxSize}`, 'CONFIG');
    }
    const merged = new Map<string, number>();
    for (const [token, count] of counts) {
      assert(Number.isFinite(count) && count >= 0, () => `count of ${JSON.stringify(token)} must be a non-negative number, got ${count}`, 'USAGE');
      if (vocab.specialSet.has(token)) continue;
      const key = vocab.normalize(token);
      merged.set(key, (merged.get(key) ?? 0) + count);
    }
    const kept = [...merged].filter(([token, count]) => count >= minFreq && !vocab.specialSet.has(token));
    kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const room = (options.maxSize ?? Number.POSITIVE_INFINITY) - vocab.size;
    for (const [token] of kept.slice(0, room)) vocab.insert(token);
    return vocab.freeze();
  }

  /**
   * Restores a vocabulary written by {@link Vocab.toJSON}; a wrong version or shape throws a
   * DATA_FORMAT error (use {@link parseVocabJson} on file text to get `file:line:col`).
   *
   * @example
   * Vocab.fromJSON(JSON.parse(text)).size;
   */
  static fromJSON(json: unknown): Vocab {
    const valid: VocabJson = validateVocabJson(json);
    const vocab = new Vocab(valid);
    for (const token of valid.tokens.slice(valid.specials.length)) vocab.insert(token);
    return vocab.freeze();
  }

  /** Number of entries, specials included. */
  get size(): number {
    return this.itos.length;
  }

  /** Every token in id order (a copy). */
  get tokens(): string[] {
    return [...this.itos];
  }

  /** True once {@link Vocab.freeze} has run; {@link Vocab.add} then throws. */
  get frozen(): boolean {
    return this.isFrozen;
  }

  /** Id of `<pad>` (0); throws if this vocabulary has none. */
  get padId(): number {
    return this.specialId(PAD_TOKEN);
  }

  /** Id of `<unk>`; throws if this vocabulary has none. */
  get unkId(): number {
    return this.specialId(UNK_TOKEN);
  }

  /** Id of `<bos>`; throws if this vocabulary has none. */
  get bosId(): number {
    return this.specialId(BOS_TOKEN);
  }

  /** Id of `<eos>`; throws if this vocabulary has none. */
  get eosId(): number {
    return this.specialId(EOS_TOKEN);
  }

  /** The token as this vocabulary stores it (lower-cased and/or digits → 0 if so configured). */
  normalize(token: string): string {
    return this.specialSet.has(token) ? token : normalizeToken(token, this);
  }

  /** True if `token` (after normalisation) has an id of its own. */
  has(token: string): boolean {
    return this.stoi.has(this.normalize(token));
  }

  /** Adds a token (normalised) if new and returns its id; throws once frozen. */
  add(token: string): number {
    assert(!this.isFrozen, () => `cannot add ${JSON.stringify(token)}: the vocabulary is frozen after build`, 'USAGE');
    const key = this.normalize(token);
    return this.stoi.get(key) ?? this.insert(key);
  }

  /** Stops growth; returns this. */
  freeze(): this {
    this.isFrozen = true;
    return this;
  }

  /** The id of one token: its own, else `<unk>`'s; throws naming the token when there is no `<unk>`. */
  encodeToken(token: string): number {
    const id = this.stoi.get(this.normalize(token));
    if (id !== undefined) return id;
    const unk = this.stoi.get(UNK_TOKEN);
    if (unk !== undefined && this.specialSet.has(UNK_TOKEN)) return unk;
    const shown = this.itos.slice(0, 10).map((t) => JSON.stringify(t)).join(', ');
    throw new RecurrentError(
      'DATA_FORMAT',
      `token ${JSON.stringify(token)} is not in the vocabulary, which has no ${UNK_TOKEN}; known (${this.size}): ${shown}${this.size > 10 ? ', …' : ''}`,
    );
  }

  /** Ids of a token sequence. */
  encode(tokens: readonly string[]): Int32Array {
    const ids = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.encodeToken(tokens[i] as string);
    return ids;
  }

  /** The token of one id; throws for an id outside `[0, size)`. */
  decodeId(id: number): string {
    const token = this.itos[id];
    assert(Number.isInteger(id) && token !== undefined, () => `id must be an integer in [0, ${this.size - 1}], got ${id}`, 'USAGE');
    return token;
  }

  /** Tokens of an id sequence. */
  decode(ids: ArrayLike<number>, options: VocabDecodeOptions = {}): string[] {
    const out: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const token = this.decodeId(ids[i] as number);
      if (options.skipSpecials !== true || !this.specialSet.has(token)) out.push(token);
    }
    return out;
  }

  /** The versioned JSON form, `{version: 1, tokens, specials, lowercase, normalizeDigits}`. */
  toJSON(): VocabJson {
    return {
      version: VOCAB_JSON_VERSION,
      tokens: [...this.itos],
      specials: [...this.specials],
      lowercase: this.lowercase,
      normalizeDigits: this.normalizeDigits,
    };
  }

  private specialId(token: string): number {
    const id = this.specialSet.has(token) ? this.stoi.get(token) : undefined;
    assert(id !== undefined, () => `the vocabulary has no ${token} token; its specials are: ${this.specials.join(', ') || '(none)'}`, 'USAGE');
    return id;
  }

  private insert(token: string): number {
    const id = this.itos.length;
    this.itos.push(token);
    this.stoi.set(token, id);
    return id;
  }
}
