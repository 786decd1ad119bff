import { describe, expect, it } from 'vitest';
import { SeededRandom, type RecurrentError } from '@recurrent/core';
import { iobTransitionMask, type TransitionMask } from './iob-transition-mask.js';
import { viterbiDecode } from './viterbi-decode.js';

interface Case {
  emissions: Float32Array;
  transitions: Float32Array;
  start: Float32Array;
  end: Float32Array;
  lengths: number[];
  time: number;
  numTags: number;
}

function randomCase(rng: SeededRandom): Case {
  const batch = 1 + rng.nextInt(3);
  const numTags = 1 + rng.nextInt(4);
  const time = 1 + rng.nextInt(5);
  const uniform = (n: number) => Float32Array.from({ length: n }, () => rng.next() * 4 - 2);
  return {
    emissions: uniform(batch * time * numTags),
    transitions: uniform(numTags * numTags),
    start: uniform(numTags),
    end: uniform(numTags),
    lengths: Array.from({ length: batch }, () => rng.nextInt(time + 1)),
    time,
    numTags,
  };
}

/** Scores every one of numTags^length paths; returns the best (first found on ties). */
function bruteForce(c: Case, b: number, mask?: TransitionMask): { path: number[]; score: number } {
  const { numTags, time } = c;
  const length = c.lengths[b] as number;
  const at = (t: number, j: number) => c.emissions[(b * time + t) * numTags + j] as number;
  let best = { path: [] as number[], score: -Infinity };
  const total = numTags ** length;
  for (let code = 0; code < total; code++) {
    const path = Array.from({ length }, (_, t) => Math.floor(code / numTags ** (length - 1 - t)) % numTags);
    const y0 = path[0] as number;
    let score = (mask && !mask.start[y0] ? -Infinity : (c.start[y0] as number)) + at(0, y0);
    for (let t = 1; t < length; t++) {
      const i = path[t - 1] as number;
      const j = path[t] as number;
      score = score + (mask && !mask.transitions[i * numTags + j] ? -Infinity : (c.transitions[i * numTags + j] as number)) + at(t, j);
    }
    const last = path[length - 1] as number;
    score += mask && !mask.end[last] ? -Infinity : (c.end[last] as number);
    if (score > best.score) best = { path, score };
  }
  return best;
}

function randomMask(numTags: number, rng: SeededRandom): TransitionMask {
  const bits = (n: number) => Uint8Array.from({ length: n }, () => (rng.next() < 0.7 ? 1 : 0));
  return { numTags, transitions: bits(numTags * numTags), start: bits(numTags), end: bits(numTags) };
}

describe('viterbiDecode', () => {
  it('finds the path a hand computation gives', () => {
    // t0: tag0 1, tag1 0; t1: tag0 0, tag1 0.5; staying costs 0, switching -2.
    const { paths, scores } = viterbiDecode(Float32Array.from([1, 0, 0, 0.5]), [0, -2, -2, 0], [0, 0], [0, 0], [2]);
    expect(Array.from(paths[0] as Int32Array)).toEqual([0, 0]);
    expect(scores[0]).toBe(1);
    // A start bonus of 1.5 for tag 1 makes 1→1 (1.5 + 0 + 0 + 0.5 = 2) the best.
    const withStart = viterbiDecode(Float32Array.from([1, 0, 0, 0.5]), [0, -2, -2, 0], [0, 1.5], [0, 0], [2]);
    expect(Array.from(withStart.paths[0] as Int32Array)).toEqual([1, 1]);
    expect(withStart.scores[0]).toBe(2);
  });

  it('matches brute-force enumeration on 300 random tiny batches', () => {
    const rng = new SeededRandom(20240601);
    for (let trial = 0; trial < 300; trial++) {
      const c = randomCase(rng);
      const result = viterbiDecode(c.emissions, c.transitions, c.start, c.end, c.lengths);
      c.lengths.forEach((length, b) => {
        const expected = length === 0 ? { path: [], score: 0 } : bruteForce(c, b);
        expect(Array.from(result.paths[b] as Int32Array)).toEqual(expected.path);
        expect(result.scores[b]).toBeCloseTo(expected.score, 9);
      });
    }
  });

  it('matches brute force under random allowed-transition masks, and throws when nothing is allowed', () => {
    const rng = new SeededRandom(77);
    let checked = 0;
    let impossible = 0;
    for (let trial = 0; trial < 300; trial++) {
      const c = randomCase(rng);
      const mask = randomMask(c.numTags, rng);
      const experts = c.lengths.map((length, b) => (length === 0 ? { path: [], score: 0 } : bruteForce(c, b, mask)));
      if (experts.some((e) => e.score === -Infinity)) {
        expect(() => viterbiDecode(c.emissions, c.transitions, c.start, c.end, c.lengths, { allowed: mask })).toThrowError(/has no allowed tag sequence/);
        impossible++;
        continue;
      }
      const result = viterbiDecode(c.emissions, c.transitions, c.start, c.end, c.lengths, { allowed: mask });
      experts.forEach((expected, b) => {
        expect(Array.from(result.paths[b] as Int32Array)).toEqual(expected.path);
        expect(result.scores[b]).toBeCloseTo(expected.score, 9);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    expect(impossible).toBeGreaterThan(0);
  });

  it('turns an IOB2-invalid best path into the best valid one', () => {
    const tags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
    // Emissions alone prefer O, I-PER, I-LOC (invalid twice over).
    const emissions = new Float32Array(3 * 5);
    emissions.set([3, 0, 0, 0, 0], 0);
    emissions.set([0, 1, 2, 0, 0], 5);
    emissions.set([0, 0, 1, 0, 1.5], 10);
    const zeros = new Float32Array(25);
    const free = viterbiDecode(emissions, zeros, new Float32Array(5), new Float32Array(5), [3]);
    expect(Array.from(free.paths[0] as Int32Array)).toEqual([0, 2, 4]);
    const mask = iobTransitionMask(tags, 'IOB2');
    const constrained = viterbiDecode(emissions, zeros, new Float32Array(5), new Float32Array(5), [3], { allowed: mask });
    // Best valid path: O B-PER I-PER = 3 + 1 + 1 = 5 (O B-LOC I-LOC gives 4.5, O O O 3).
    expect(Array.from(constrained.paths[0] as Int32Array).map((i) => tags[i])).toEqual(['O', 'B-PER', 'I-PER']);
    expect(constrained.scores[0]).toBe(5);
  });

  it('rejects inconsistent shapes with SHAPE errors naming the array', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return [(e as RecurrentError).code, (e as Error).message];
      }
      return undefined;
    };
    expect(code(() => viterbiDecode(new Float32Array(5), new Float32Array(4), [0, 0], [0, 0], [2]))).toEqual([
      'SHAPE',
      'emissions must have batch × time × numTags values (batch 1, numTags 2), got 5',
    ]);
    expect(code(() => viterbiDecode(new Float32Array(4), new Float32Array(3), [0, 0], [0, 0], [2]))?.[1]).toBe(
      'transitions must have 4 values ([numTags, numTags]), got 3',
    );
    expect(code(() => viterbiDecode(new Float32Array(4), new Float32Array(4), [0, 0], [0, 0], [3]))?.[1]).toBe(
      'lengths[0] must be an integer in [0, 2], got 3',
    );
  });
});
