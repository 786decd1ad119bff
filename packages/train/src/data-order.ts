import { SeededRandom } from '@recurrent/core';

/** Random access to the training batches; the loop decides the order. */
export interface BatchSource<B> {
  readonly length: number;
  get(index: number): B;
}

/**
 * Training data: a `BatchSource` (the loop shuffles the indices per epoch when `shuffle` is set) or a
 * function that builds the batches of one epoch from a generator seeded by (seed, epoch), for apps
 * that bucket or shuffle themselves. Either way the order of epoch `e` is a pure function of
 * (seed, e), so a resumed run sees the same batches from `batchInEpoch` on.
 */
export type TrainBatches<B> = BatchSource<B> | ((epoch: number, rng: SeededRandom) => readonly B[]);

/**
 * The generator of epoch `epoch`: a pure function of (seed, epoch).
 *
 * @example
 * ```ts
 * epochRandom(1234, 2).permutation(5); // same array every time
 * ```
 */
export function epochRandom(seed: number, epoch: number): SeededRandom {
  return new SeededRandom((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
}

/**
 * The batches of one epoch, in the order they are trained on.
 *
 * @example
 * ```ts
 * const order = epochBatches(source, 1234, 0, true);
 * order.get(0); // first batch of epoch 0
 * ```
 */
export function epochBatches<B>(batches: TrainBatches<B>, seed: number, epoch: number, shuffle: boolean): BatchSource<B> {
  const rng = epochRandom(seed, epoch);
  if (typeof batches === 'function') {
    const list = batches(epoch, rng);
    return { length: list.length, get: (i) => list[i] as B };
  }
  const order = shuffle ? rng.permutation(batches.length) : Array.from({ length: batches.length }, (_, i) => i);
  return { length: order.length, get: (i) => batches.get(order[i] as number) };
}
