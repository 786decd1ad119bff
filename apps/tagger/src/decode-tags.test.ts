import { describe, expect, it } from 'vitest';
import { iobTransitionMask } from '@recurrent/decoding';
import { SeededRandom } from '@recurrent/core';
import { decodeTags } from './decode-tags.js';

/** Every path over `numTags` tags of `length` steps. */
function allPaths(numTags: number, length: number): number[][] {
  let paths: number[][] = [[]];
  for (let t = 0; t < length; t++) paths = paths.flatMap((p) => Array.from({ length: numTags }, (_, k) => [...p, k]));
  return paths;
}

describe('decodeTags', () => {
  const rng = new SeededRandom(7);
  const rand = (n: number): Float32Array => Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
  const numTags = 3;
  const lengths = [4, 2, 1];
  const time = 4;
  const emissions = rand(lengths.length * time * numTags);
  const crf = { transitions: rand(numTags * numTags), start: rand(numTags), end: rand(numTags), allowed: undefined };
  const score = (b: number, path: number[], allowed?: ReturnType<typeof iobTransitionMask>): number => {
    let s = (crf.start[path[0]!] as number) + (crf.end[path[path.length - 1]!] as number);
    if (allowed !== undefined && (allowed.start[path[0]!] === 0 || allowed.end[path[path.length - 1]!] === 0)) return -Infinity;
    path.forEach((tag, t) => {
      s += emissions[(b * time + t) * numTags + tag] as number;
      if (t > 0) {
        s += crf.transitions[path[t - 1]! * numTags + tag] as number;
        if (allowed !== undefined && allowed.transitions[path[t - 1]! * numTags + tag] === 0) s = -Infinity;
      }
    });
    return s;
  };
  const bruteBest = (b: number, allowed?: ReturnType<typeof iobTransitionMask>): number[] => {
    const paths = allPaths(numTags, lengths[b] as number);
    return paths.reduce((best, p) => (score(b, p, allowed) > score(b, best, allowed) ? p : best), paths[0] as number[]);
  };

  it('returns the best path of brute-force enumeration over all 3^L paths (padded batch)', () => {
    const paths = decodeTags(emissions, numTags, lengths, crf);
    lengths.forEach((_, b) => expect(Array.from(paths[b]!)).toEqual(bruteBest(b)));
  });

  it('with IOB2 constraints, returns the best allowed path', () => {
    const allowed = iobTransitionMask(['B-X', 'I-X', 'O'], 'IOB2');
    const paths = decodeTags(emissions, numTags, lengths, { ...crf, allowed });
    lengths.forEach((_, b) => {
      const best = bruteBest(b, allowed);
      expect(Array.from(paths[b]!)).toEqual(best);
      expect(score(b, best, allowed)).toBeGreaterThan(-Infinity);
    });
  });

  it('takes the per-token argmax without a CRF', () => {
    const probs = Float32Array.from([0.1, 0.7, 0.2, 0.5, 0.2, 0.3, 0, 0, 1]);
    expect(decodeTags(probs, 3, [2], null).map((p) => Array.from(p))).toEqual([[1, 0]]);
  });
});
