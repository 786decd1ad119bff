/**
 * Fraction of the cells of padded batches that are padding: `1 - Σ lengths / Σ (batchSize ×
 * longest in batch)`. What length bucketing lowers.
 *
 * @example
 * paddingFraction([1, 3, 2, 2], [[0, 1], [2, 3]]); // 1 - 8 / (2*3 + 2*2) = 0.2
 */
export function paddingFraction(lengths: ArrayLike<number>, batches: readonly (readonly number[])[]): number {
  let real = 0;
  let cells = 0;
  for (const batch of batches) {
    let longest = 0;
    for (const i of batch) {
      const length = lengths[i] as number;
      real += length;
      longest = Math.max(longest, length);
    }
    cells += longest * batch.length;
  }
  return cells === 0 ? 0 : 1 - real / cells;
}
