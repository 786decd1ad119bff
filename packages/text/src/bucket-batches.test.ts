import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@recurrent/core';
import { bucketBatches } from './bucket-batches.js';
import { paddingFraction } from './padding-fraction.js';
import { randomBatches } from './random-batches.js';

/** Sentence lengths like a treebank's: log-normal, median ~20 tokens, clipped to [1, 120]. */
function realisticLengths(count: number, seed: number): number[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const u = 1 - rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
    return Math.min(120, Math.max(1, Math.round(Math.exp(Math.log(20) + 0.6 * z))));
  });
}

const sortedIndices = (batches: number[][]): number[] => batches.flat().sort((a, b) => a - b);

describe('bucketBatches', () => {
  const lengths = realisticLengths(10_000, 7);

  it('puts every example in exactly one batch of at most batchSize, every epoch', () => {
    const rng = new SeededRandom(1);
    const all = Array.from({ length: lengths.length }, (_, i) => i);
    for (let epoch = 0; epoch < 3; epoch++) {
      const batches = bucketBatches(lengths, { batchSize: 32, rng });
      expect(sortedIndices(batches)).toEqual(all);
      expect(Math.max(...batches.map((b) => b.length))).toBe(32);
    }
  });

  it('gives the same batches for the same seed and different ones for another seed or epoch', () => {
    const a = bucketBatches(lengths, { batchSize: 32, rng: new SeededRandom(5) });
    const b = bucketBatches(lengths, { batchSize: 32, rng: new SeededRandom(5) });
    expect(b).toEqual(a);
    expect(bucketBatches(lengths, { batchSize: 32, rng: new SeededRandom(6) })).not.toEqual(a);
    const rng = new SeededRandom(5);
    bucketBatches(lengths, { batchSize: 32, rng });
    const saved = rng.state;
    const second = bucketBatches(lengths, { batchSize: 32, rng });
    expect(second).not.toEqual(a);
    expect(bucketBatches(lengths, { batchSize: 32, rng: SeededRandom.fromState(saved) })).toEqual(second);
  });

  it('pads far less than random batching on a realistic length distribution', () => {
    const bucketed = paddingFraction(lengths, bucketBatches(lengths, { batchSize: 32, rng: new SeededRandom(2) }));
    const random = paddingFraction(lengths, randomBatches(lengths.length, 32, new SeededRandom(2)));
    const sorted = paddingFraction(lengths, bucketBatches(lengths, { batchSize: 32 }));
    console.info(`padding fraction, 10000 log-normal lengths, batch 32: random ${random.toFixed(4)}, bucketed ${bucketed.toFixed(4)}, sorted ${sorted.toFixed(4)}`);
    expect(random).toBeGreaterThan(0.4);
    expect(bucketed).toBeLessThan(0.05);
    expect(bucketed).toBeLessThan(random / 10);
    expect(sorted).toBeLessThanOrEqual(bucketed);
  });

  it('sorts by length with no rng and handles the edges', () => {
    expect(bucketBatches([3, 1, 2, 1], { batchSize: 2 })).toEqual([[1, 3], [2, 0]]);
    expect(bucketBatches([], { batchSize: 2, rng: new SeededRandom(1) })).toEqual([]);
    expect(() => bucketBatches([1], { batchSize: 0 })).toThrowError(/batchSize must be a positive integer, got 0/);
    expect(() => bucketBatches([1, -2], { batchSize: 1 })).toThrowError(/lengths\[1\] must be a non-negative number, got -2/);
  });
});

describe('randomBatches', () => {
  it('covers every index once', () => {
    const batches = randomBatches(10, 3, new SeededRandom(4));
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1]);
    expect(sortedIndices(batches)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('paddingFraction', () => {
  it('is one minus real cells over padded cells', () => {
    expect(paddingFraction([1, 3, 2, 2], [[0, 1], [2, 3]])).toBeCloseTo(0.2, 12);
    expect(paddingFraction([], [])).toBe(0);
  });
});
