import { assert, assertPositiveInteger, type SeededRandom } from '@recurrent/core';

/** Options of {@link bucketBatches}. */
export interface BucketBatchOptions {
  /** Examples per batch (the last batch of a pool may be smaller). */
  readonly batchSize: number;
  /**
   * Drives all shuffling; pass the same generator across epochs (its `state` goes in the
   * checkpoint) and the same seed gives the same batches. Omit it for evaluation: examples
   * are then sorted by length and batched in that order, with no randomness.
   */
  readonly rng?: SeededRandom;
  /**
   * How many batches' worth of examples are sorted together (torchtext's `pool`). Larger
   * pools pad less but mix less. Default 100.
   */
  readonly poolBatches?: number;
}

/** Default {@link BucketBatchOptions.poolBatches}. */
export const DEFAULT_POOL_BATCHES = 100;

/**
 * Length-bucketed batching: the example indices are shuffled, cut into pools of
 * `batchSize × poolBatches`, each pool is sorted by length (ties stay in shuffled order) and
 * cut into batches, and the batches are shuffled. Every index in `0..lengths.length-1` appears
 * exactly once; batches hold similar lengths, so they need little padding (see
 * {@link paddingFraction}).
 *
 * @example
 * const rng = new SeededRandom(1234);
 * for (let epoch = 0; epoch < 3; epoch++) {
 *   for (const batch of bucketBatches(lengths, { batchSize: 32, rng })) {
 *     // batch: example indices of similar length
 *   }
 * }
 */
export function bucketBatches(lengths: ArrayLike<number>, options: BucketBatchOptions): number[][] {
  const { batchSize, rng } = options;
  const poolBatches = options.poolBatches ?? DEFAULT_POOL_BATCHES;
  assertPositiveInteger(batchSize, 'batchSize');
  assertPositiveInteger(poolBatches, 'poolBatches');
  const count = lengths.length;
  for (let i = 0; i < count; i++) {
    const length = lengths[i] as number;
    assert(Number.isFinite(length) && length >= 0, () => `lengths[${i}] must be a non-negative number, got ${length}`, 'USAGE');
  }
  const byLength = (a: number, b: number): number => (lengths[a] as number) - (lengths[b] as number);
  const order = rng === undefined ? Array.from({ length: count }, (_, i) => i) : rng.permutation(count);
  const poolSize = rng === undefined ? Math.max(count, 1) : batchSize * poolBatches;
  const batches: number[][] = [];
  for (let start = 0; start < count; start += poolSize) {
    // Array.prototype.sort is stable, so equal lengths keep their (shuffled) order.
    const pool = order.slice(start, start + poolSize).sort(byLength);
    for (let i = 0; i < pool.length; i += batchSize) batches.push(pool.slice(i, i + batchSize));
  }
  return rng === undefined ? batches : rng.shuffle(batches);
}
