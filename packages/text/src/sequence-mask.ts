import { assert } from '@recurrent/core';

/** Which end of a row holds the padding. */
export type PadSide = 'post' | 'pre';

/**
 * A `[batch, time]` mask, flattened row-major: `mask[b * time + t]` is 1 where row `b` has a
 * real token and 0 at padding. With `side: 'post'` (default) the first `lengths[b]` steps are
 * real; with `'pre'` the last ones.
 *
 * @example
 * sequenceMask([2, 3], 3); // Float32Array [1, 1, 0,  1, 1, 1]
 */
export function sequenceMask(lengths: ArrayLike<number>, time: number, side: PadSide = 'post'): Float32Array {
  const batch = lengths.length;
  const mask = new Float32Array(batch * time);
  for (let b = 0; b < batch; b++) {
    const length = lengths[b] as number;
    assert(Number.isInteger(length) && length >= 0 && length <= time, () => `lengths[${b}] must be an integer in [0, ${time}], got ${length}`, 'SHAPE');
    const from = side === 'post' ? 0 : time - length;
    mask.fill(1, b * time + from, b * time + from + length);
  }
  return mask;
}
