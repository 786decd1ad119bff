import { assert, assertPositiveInteger } from '@recurrent/core';
import type { Vocab } from './vocab.js';

/** Options of {@link charIdBatch}. */
export interface CharBatchOptions {
  /** Cut words to this many characters (code points). Default: the longest word in the batch. */
  readonly maxWordLength?: number;
  /** Id written into padded cells. Default 0 (`<pad>`). */
  readonly padId?: number;
}

/** Character ids of a batch of token sequences. */
export interface CharBatch {
  /** Character ids: `[batch, time, maxWordLength]` flattened row-major (`(b * time + t) * maxWordLength + c`). */
  readonly ids: Int32Array;
  /** Characters in each word after cutting, 0 at padded time steps: `[batch, time]`. */
  readonly wordLengths: Int32Array;
  readonly batch: number;
  /** The longest sentence, in tokens. */
  readonly time: number;
  readonly maxWordLength: number;
}

/**
 * Encodes each word of each sentence as Unicode code points looked up in `charVocab`
 * (unknown characters → its `<unk>`), padded to `[batch, time, maxWordLength]`: the input of a
 * character-level word encoder (the char BiLSTM of a BiLSTM-CRF tagger).
 *
 * @example
 * const chars = Vocab.build(countTokens(['ab', 'c'].map(tokenizeChars)), { specials: ['<pad>', '<unk>'] });
 * const { ids, wordLengths, time, maxWordLength } = charIdBatch([['ab', 'c'], ['c']], chars);
 * // time 2, maxWordLength 2; wordLengths Int32Array [2, 1, 1, 0]
 * // ids Int32Array [a, b,  c, 0,   c, 0,  0, 0] (with the ids of a, b, c)
 */
export function charIdBatch(sentences: readonly (readonly string[])[], charVocab: Vocab, options: CharBatchOptions = {}): CharBatch {
  const padId = options.padId ?? 0;
  assert(Number.isInteger(padId), () => `padId must be an integer, got ${padId}`, 'CONFIG');
  if (options.maxWordLength !== undefined) assertPositiveInteger(options.maxWordLength, 'maxWordLength');
  const batch = sentences.length;
  const words = sentences.map((sentence) => sentence.map((word) => Array.from(word)));
  let time = 0;
  let longestWord = 0;
  for (const sentence of words) {
    time = Math.max(time, sentence.length);
    for (const chars of sentence) longestWord = Math.max(longestWord, chars.length);
  }
  const maxWordLength = options.maxWordLength ?? longestWord;
  const ids = new Int32Array(batch * time * maxWordLength).fill(padId);
  const wordLengths = new Int32Array(batch * time);
  for (let b = 0; b < batch; b++) {
    const sentence = words[b] as string[][];
    for (let t = 0; t < sentence.length; t++) {
      const chars = sentence[t] as string[];
      const length = Math.min(chars.length, maxWordLength);
      wordLengths[b * time + t] = length;
      const base = (b * time + t) * maxWordLength;
      for (let c = 0; c < length; c++) ids[base + c] = charVocab.encodeToken(chars[c] as string);
    }
  }
  return { ids, wordLengths, batch, time, maxWordLength };
}
