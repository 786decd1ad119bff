import { assertPositiveInteger, type SeededRandom } from '@recurrent/core';

/**
 * Splits a random permutation of `0..count-1` into batches of `batchSize` (the last may be
 * smaller): plain shuffled batching, the baseline that {@link bucketBatches} improves on.
 *
 * @example
 * randomBatches(5, 2, new SeededRandom(1)); // [[4, 2], [1, 0], [3]]
 */
export function randomBatches(count: number, batchSize: number, rng: SeededRandom): number[][] {
  assertPositiveInteger(batchSize, 'batchSize');
  const order = rng.permutation(count);
  const batches: number[][] = [];
  for (let i = 0; i < count; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}
