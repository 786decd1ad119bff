import { describe, expect, it } from 'vitest';
import { epochBatches, epochRandom } from './data-order.js';

const source = { length: 6, get: (i: number) => `b${i}` };
const order = (seed: number, epoch: number, shuffle = true) => {
  const batches = epochBatches(source, seed, epoch, shuffle);
  return Array.from({ length: batches.length }, (_, i) => batches.get(i));
};

describe('epochBatches', () => {
  it('orders an epoch as a pure function of (seed, epoch)', () => {
    expect(order(1, 0)).toEqual(order(1, 0));
    expect(order(1, 0)).not.toEqual(order(1, 1));
    expect(order(1, 0)).not.toEqual(order(2, 0));
    expect([...order(1, 3)].sort()).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('keeps the source order without shuffle', () => {
    expect(order(1, 4, false)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  });

  it('hands a function source the generator of (seed, epoch)', () => {
    const batches = epochBatches((epoch, rng) => [epoch, rng.nextUint32()], 9, 2, true);
    expect([batches.get(0), batches.get(1)]).toEqual([2, epochRandom(9, 2).nextUint32()]);
  });
});
