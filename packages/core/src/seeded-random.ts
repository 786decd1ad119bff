import { assert } from './assert.js';

/**
 * A small, fast, seedable PRNG (mulberry32) whose whole state is one uint32, so a checkpoint
 * can store it and a resumed run draws exactly the same numbers.
 *
 * @example
 * const rng = new SeededRandom(1234);
 * rng.next();          // a float in [0, 1)
 * const saved = rng.state;
 * const again = SeededRandom.fromState(saved); // continues identically
 */
export class SeededRandom {
  private s: number;

  constructor(seed: number) {
    assert(Number.isFinite(seed), () => `seed must be a finite number, got ${seed}`, 'CONFIG');
    this.s = seed >>> 0;
  }

  /** Restores a generator from `state`. */
  static fromState(state: number): SeededRandom {
    return new SeededRandom(state);
  }

  /** The whole state; `SeededRandom.fromState(rng.state)` continues the same sequence. */
  get state(): number {
    return this.s;
  }

  /** Next uint32. */
  nextUint32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}
