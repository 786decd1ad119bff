import { SeededRandom } from '@recurrent/core';
import { charIdBatch } from '@recurrent/text';
import { casingId } from './casing.js';
import type { TaggerVocabs } from './tagger-vocabs.js';

/**
 * Model inputs and targets of a batch as typed arrays (row-major, right-padded).
 *
 * @example
 * const { words, mask, lengths } = encodeBatch(sentences, vocabs, 20);
 */
export interface EncodedBatch {
  readonly batch: number;
  readonly time: number;
  /** `[batch, time]` word ids (0 = padding). */
  readonly words: Int32Array;
  /** `[batch, time, maxWordLength]` char ids (0 = padding). */
  readonly chars: Int32Array;
  /** `[batch, time]` casing class ids (0 = padding). */
  readonly casing: Int32Array;
  /** `[batch, time]` tag ids (0 at padding; ignored there). */
  readonly tags: Int32Array;
  /** `[batch, time]` 1 for real tokens. */
  readonly mask: Float32Array;
  readonly lengths: Int32Array;
  readonly tokens: number;
}

/**
 * Encodes sentences (and their tags, when given) for the model. Unknown tags are an error, so pass
 * tags only for data whose labels the model knows.
 *
 * @example
 * const b = encodeBatch([['Hi', 'there']], vocabs, 20, [['INTJ', 'ADV']]);
 * b.words; // Int32Array [id('hi'), id('there')]
 */
export function encodeBatch(
  sentences: readonly (readonly string[])[],
  vocabs: TaggerVocabs,
  maxWordLength: number,
  tags?: readonly (readonly string[])[],
): EncodedBatch {
  const batch = sentences.length;
  const time = Math.max(1, ...sentences.map((s) => s.length));
  const words = new Int32Array(batch * time);
  const casing = new Int32Array(batch * time);
  const tagIds = new Int32Array(batch * time);
  const mask = new Float32Array(batch * time);
  const lengths = new Int32Array(batch);
  let tokens = 0;
  sentences.forEach((sentence, b) => {
    lengths[b] = sentence.length;
    tokens += sentence.length;
    sentence.forEach((word, t) => {
      const i = b * time + t;
      words[i] = vocabs.words.encodeToken(word);
      casing[i] = casingId(word);
      mask[i] = 1;
      const tag = tags?.[b]?.[t];
      if (tag !== undefined) tagIds[i] = vocabs.tags.encodeToken(tag);
    });
  });
  const padded = sentences.map((s) => (s.length === 0 ? [''] : s));
  // Empty sentences get one empty word so charIdBatch's time equals `time` (≥ 1).
  const chars = charIdBatch(padded, vocabs.chars, { maxWordLength }).ids; // [batch, time, maxWordLength]
  return { batch, time, words, chars, casing, tags: tagIds, mask, lengths, tokens };
}

/**
 * Word dropout: a copy of `words` where each real token is replaced by `<unk>` (id `unkId`) with
 * probability `rate`, drawn from `seed` (so a resumed run draws the same).
 *
 * @example
 * const dropped = wordDropout(batch.words, 0.05, 1, context.seed);
 */
export function wordDropout(words: Int32Array, rate: number, unkId: number, seed: number): Int32Array {
  if (rate <= 0) return words;
  const rng = new SeededRandom(seed);
  return words.map((id) => (id > 1 && rng.next() < rate ? unkId : id));
}
