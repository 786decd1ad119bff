import { SeededRandom } from '@recurrent/core';
import { bucketBatches, padSequences, type Vocab } from '@recurrent/text';

/** One padded batch as plain arrays; tensors are made from it where they are used. */
export interface EncodedBatch {
  /** Token ids `[batch, time]`, row-major, 0 = padding. */
  readonly ids: Int32Array;
  readonly batch: number;
  readonly time: number;
  /** Class index of each row `[batch]`. */
  readonly labels: Int32Array;
  /** Real (unpadded) tokens in the batch. */
  readonly tokens: number;
  /** Indices of the rows in the list the batch was cut from. */
  readonly indices: readonly number[];
}

/**
 * Token ids of each example (the vocabulary lowercases; unknown words are `<unk>`), cut to
 * `maxLength` tokens.
 *
 * @example
 * encodeTokens([['A', 'fine', 'film']], vocab, 80); // [Int32Array [7, 220, 19]]
 */
export function encodeTokens(examples: readonly (readonly string[])[], vocab: Vocab, maxLength: number): Int32Array[] {
  return examples.map((tokens) => vocab.encode(tokens.slice(0, maxLength)));
}

/**
 * Pads the rows `indices` of `sequences` into one batch.
 *
 * @example
 * const batch = makeBatch([Int32Array.of(4, 5), Int32Array.of(6)], [1, 0], [0, 1]); // time 2
 */
export function makeBatch(sequences: readonly Int32Array[], labels: ArrayLike<number>, indices: readonly number[]): EncodedBatch {
  const padded = padSequences(indices.map((i) => sequences[i] as Int32Array));
  let tokens = 0;
  for (const length of padded.lengths) tokens += length;
  return {
    ids: padded.ids,
    batch: padded.batch,
    time: padded.time,
    labels: Int32Array.from(indices, (i) => labels[i] as number),
    tokens,
    indices,
  };
}

/**
 * Evaluation batches: examples sorted by length (no randomness) and cut into batches, so that
 * little padding is computed; `indices` map rows back to input order.
 *
 * @example
 * for (const batch of sortedBatches(sequences, labels, 64)) use(batch);
 */
export function sortedBatches(sequences: readonly Int32Array[], labels: ArrayLike<number>, batchSize: number): EncodedBatch[] {
  const lengths = sequences.map((s) => s.length);
  return bucketBatches(lengths, { batchSize }).map((indices) => makeBatch(sequences, labels, indices));
}

/**
 * Training batches of one epoch: every sentence, plus `phrasesPerEpoch` phrases drawn by `rng`
 * (all of them when 0), length-bucketed and shuffled by `rng` (a pure function of seed and epoch).
 *
 * @example
 * const batches = epochTrainingBatches(sentences, phrases, { batchSize: 32, phrasesPerEpoch: 0, rng: new SeededRandom(1) });
 */
export function epochTrainingBatches(
  sentences: { readonly ids: readonly Int32Array[]; readonly labels: ArrayLike<number> },
  phrases: { readonly ids: readonly Int32Array[]; readonly labels: ArrayLike<number> },
  options: { readonly batchSize: number; readonly phrasesPerEpoch: number; readonly rng: SeededRandom },
): EncodedBatch[] {
  const ids: Int32Array[] = [...sentences.ids];
  const labels: number[] = Array.from(sentences.labels);
  if (phrases.ids.length > 0) {
    const take = options.phrasesPerEpoch === 0 ? phrases.ids.length : Math.min(options.phrasesPerEpoch, phrases.ids.length);
    const order = options.phrasesPerEpoch === 0 ? null : options.rng.permutation(phrases.ids.length);
    for (let k = 0; k < take; k++) {
      const i = order === null ? k : (order[k] as number);
      ids.push(phrases.ids[i] as Int32Array);
      labels.push(phrases.labels[i] as number);
    }
  }
  const lengths = ids.map((s) => s.length);
  return bucketBatches(lengths, { batchSize: options.batchSize, rng: options.rng }).map((indices) => makeBatch(ids, labels, indices));
}
