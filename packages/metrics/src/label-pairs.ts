import { assert } from '@recurrent/core';

/**
 * Checks that gold and predicted labels pair up one to one and are not empty
 * (a USAGE error naming `what` otherwise).
 *
 * @example
 * assertLabelPairs(['a'], ['b'], 'accuracy'); // passes
 */
export function assertLabelPairs(gold: readonly unknown[], pred: readonly unknown[], what: string): void {
  assert(
    gold.length === pred.length,
    () => `${what} needs as many predictions as gold labels, got ${pred.length} predictions for ${gold.length} gold labels`,
    'USAGE',
  );
  assert(gold.length > 0, () => `${what} needs at least one labelled item, got 0`, 'USAGE');
}
