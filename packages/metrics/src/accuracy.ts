import { assertLabelPairs } from './label-pairs.js';

/**
 * Fraction (0–1) of positions where the prediction equals the gold label (`===`).
 * Throws a USAGE error when the lengths differ or there is nothing to score.
 *
 * @example
 * accuracy(['NOUN', 'VERB', 'DET', 'NOUN'], ['NOUN', 'NOUN', 'DET', 'NOUN']); // 0.75
 */
export function accuracy<L>(gold: readonly L[], pred: readonly L[]): number {
  assertLabelPairs(gold, pred, 'accuracy');
  let correct = 0;
  for (let i = 0; i < gold.length; i += 1) if (gold[i] === pred[i]) correct += 1;
  return correct / gold.length;
}
