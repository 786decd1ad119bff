import { assert, assertOneOf, assertPositiveInteger } from '@recurrent/core';
import { sequenceMask, type PadSide } from './sequence-mask.js';

/** Options of {@link padSequences}. */
export interface PadOptions {
  /** Id written into padded positions. Default 0 (`<pad>`). */
  readonly padId?: number;
  /** Cut sequences longer than this. Default: no limit. */
  readonly maxLength?: number;
  /** Pad to at least this many steps even if every sequence is shorter. Default 0. */
  readonly minLength?: number;
  /** Which end of a too-long sequence is dropped. Default `'post'` (keep the beginning). */
  readonly truncate?: PadSide;
  /** Which end receives the padding. Default `'post'`. */
  readonly side?: PadSide;
}

/** A padded batch; every array is `[batch, time]` flattened row-major (`b * time + t`). */
export interface PaddedBatch {
  /** Token ids: `[batch, time]`. */
  readonly ids: Int32Array;
  /** 1 at real tokens, 0 at padding: `[batch, time]`. */
  readonly mask: Float32Array;
  /** Length of each row after truncation: `[batch]`. */
  readonly lengths: Int32Array;
  readonly batch: number;
  readonly time: number;
}

const SIDES: readonly PadSide[] = ['post', 'pre'];

/**
 * Pads (and optionally truncates) id sequences into one `[batch, time]` row-major block,
 * with its mask and lengths; `time` is the longest (truncated) sequence, at least `minLength`.
 *
 * @example
 * const { ids, mask, lengths, time } = padSequences([[5, 6, 7], [8]]);
 * // time 3; ids Int32Array [5, 6, 7, 8, 0, 0]; mask Float32Array [1, 1, 1, 1, 0, 0]; lengths [3, 1]
 */
export function padSequences(sequences: readonly ArrayLike<number>[], options: PadOptions = {}): PaddedBatch {
  const padId = options.padId ?? 0;
  const side = options.side ?? 'post';
  const truncate = options.truncate ?? 'post';
  assert(Number.isInteger(padId), () => `padId must be an integer, got ${padId}`, 'CONFIG');
  assertOneOf(side, 'side', SIDES);
  assertOneOf(truncate, 'truncate', SIDES);
  if (options.maxLength !== undefined) assertPositiveInteger(options.maxLength, 'maxLength');
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  const batch = sequences.length;
  const lengths = new Int32Array(batch);
  let time = options.minLength ?? 0;
  for (let b = 0; b < batch; b++) {
    lengths[b] = Math.min((sequences[b] as ArrayLike<number>).length, maxLength);
    time = Math.max(time, lengths[b] as number);
  }
  const ids = new Int32Array(batch * time).fill(padId);
  for (let b = 0; b < batch; b++) {
    const sequence = sequences[b] as ArrayLike<number>;
    const length = lengths[b] as number;
    const from = truncate === 'post' ? 0 : sequence.length - length;
    const to = b * time + (side === 'post' ? 0 : time - length);
    for (let t = 0; t < length; t++) ids[to + t] = sequence[from + t] as number;
  }
  return { ids, mask: sequenceMask(lengths, time, side), lengths, batch, time };
}
