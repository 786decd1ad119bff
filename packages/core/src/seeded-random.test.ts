import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and a different one for another', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('continues identically from a saved state', () => {
    const rng = new SeededRandom(7);
    rng.next();
    const restored = SeededRandom.fromState(rng.state);
    expect(restored.next()).toBe(rng.next());
  });

  it('draws uniform-looking floats in [0, 1)', () => {
    const rng = new SeededRandom(1);
    const draws = Array.from({ length: 10000 }, () => rng.next());
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('permutation contains every index once', () => {
    const perm = new SeededRandom(3).permutation(100);
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
