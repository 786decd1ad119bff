import * as tf from '@tensorflow/tfjs';
import { type SeededRandom } from '@recurrent/core';
import { bucketBatches, padSequences } from '@recurrent/text';
import type { TranslateVocabs } from './vocabularies.js';

/** One sentence pair as ids: the source (reversed if configured) and the target without `<bos>`/`<eos>`. */
export interface EncodedPair {
  readonly source: Int32Array;
  readonly target: Int32Array;
}

/** One padded training batch (the caller disposes the tensors). */
export interface Seq2SeqBatch {
  /** `[batch, srcTime]` source ids, 0-padded. */
  readonly source: tf.Tensor2D;
  /** `[batch, srcTime]` float mask, 1 at real source tokens. */
  readonly sourceMask: tf.Tensor2D;
  /** `[batch, tgtTime]` decoder inputs `<bos> y1 … yn`. */
  readonly targetIn: tf.Tensor2D;
  /** `[batch, tgtTime]` expected outputs `y1 … yn <eos>`. */
  readonly targetOut: tf.Tensor2D;
  /** `[batch, tgtTime]` 1 at real target positions. */
  readonly targetMask: tf.Tensor2D;
  /** Real target tokens (with `<eos>`), for tokens/s. */
  readonly tokens: number;
}

/**
 * Encodes tokenised sentences as ids; `reverseSource` reverses the source (Sutskever's trick).
 *
 * @example
 * encodePair(['ein', 'hund'], ['a', 'dog'], vocabs, true).source; // ids of ['hund', 'ein']
 */
export function encodePair(source: readonly string[], target: readonly string[], vocabs: TranslateVocabs, reverseSource: boolean): EncodedPair {
  const src = vocabs.source.encode(source);
  if (reverseSource) src.reverse();
  return { source: src, target: vocabs.target.encode(target) };
}

/**
 * Pads a group of pairs into one batch of tensors.
 *
 * @example
 * const batch = toBatch(pairs.slice(0, 64), vocabs.target.bosId, vocabs.target.eosId);
 */
export function toBatch(pairs: readonly EncodedPair[], bosId: number, eosId: number): Seq2SeqBatch {
  const src = padSequences(pairs.map((p) => p.source), { minLength: 1 });
  const tgtIn = padSequences(pairs.map((p) => Int32Array.of(bosId, ...p.target)));
  const tgtOut = padSequences(pairs.map((p) => Int32Array.of(...p.target, eosId)));
  return {
    source: tf.tensor2d(src.ids, [src.batch, src.time], 'int32'),
    sourceMask: tf.tensor2d(src.mask, [src.batch, src.time], 'float32'),
    targetIn: tf.tensor2d(tgtIn.ids, [tgtIn.batch, tgtIn.time], 'int32'),
    targetOut: tf.tensor2d(tgtOut.ids, [tgtOut.batch, tgtOut.time], 'int32'),
    targetMask: tf.tensor2d(tgtOut.mask, [tgtOut.batch, tgtOut.time], 'float32'),
    tokens: tgtOut.lengths.reduce((a, b) => a + b, 0),
  };
}

/**
 * Length-bucketed batches (pairs of similar target+source length together) for one fixed order.
 *
 * @example
 * const batches = bucketedBatches(pairs, 64, rng, bosId, eosId);
 */
export function bucketedBatches(pairs: readonly EncodedPair[], batchSize: number, rng: SeededRandom, bosId: number, eosId: number): Seq2SeqBatch[] {
  const lengths = pairs.map((p) => p.target.length * 1000 + p.source.length);
  return bucketBatches(lengths, { batchSize, rng }).map((rows) => toBatch(rows.map((i) => pairs[i] as EncodedPair), bosId, eosId));
}

/** Disposes the tensors of batches. @example `disposeBatches(batches)` */
export function disposeBatches(batches: readonly Seq2SeqBatch[]): void {
  for (const b of batches) tf.dispose([b.source, b.sourceMask, b.targetIn, b.targetOut, b.targetMask]);
}
