import { describe, expect, it } from 'vitest';
import type { Hypothesis } from './decode-strategy.js';
import { greedyDecode } from './greedy-decode.js';
import { lengthPenalty } from './length-penalty.js';
import { initialPrefixes, prefixModel, tableModel } from './test-toy-model.js';

const f32log = (p: number) => Math.fround(Math.log(p));

describe('greedyDecode', () => {
  it('takes the argmax per row, stops each row at <eos> and stops calling the model when all have', async () => {
    // Entry 0 (marker -1) ends after one token, entry 1 (marker -2) after three.
    const calls = { count: 0 };
    const model = prefixModel((prefix) => {
      const generated = prefix.length - 2;
      const endAt = prefix[0] === -1 ? 1 : 3;
      return (generated >= endAt ? [0.7, 0.1, 0.1, 0.1] : [0.1, 0.1, 0.2, 0.6]).map(f32log);
    }, calls);
    const results = await greedyDecode(model, initialPrefixes(2), { batchSize: 2, bosId: 1, eosId: 0, maxLength: 10 });
    expect(results.map((hs) => hs.map((h) => Array.from(h.tokens)))).toEqual([[[3]], [[3, 3, 3]]]);
    const [[a], [b]] = results as [[Hypothesis], [Hypothesis]];
    expect(a.finished && b.finished).toBe(true);
    expect(a.logProb).toBeCloseTo(f32log(0.6) + f32log(0.7), 6);
    expect(b.score).toBe(b.logProb);
    expect(calls.count).toBe(4);
  });

  it('cuts at maxLength with finished false', async () => {
    const [[h]] = (await greedyDecode(tableModel({}, [0.1, 0.2, 0.7]), initialPrefixes(1), { batchSize: 1, bosId: 1, eosId: 0, maxLength: 4 })) as [[Hypothesis]];
    expect(Array.from(h.tokens)).toEqual([2, 2, 2, 2]);
    expect(h.finished).toBe(false);
    expect(h.logProb).toBeCloseTo(4 * f32log(0.7), 6);
  });
});

describe('lengthPenalty', () => {
  it('gives 1, the length, and GNMT ((5 + length) / 6) ** alpha', () => {
    expect(lengthPenalty('none', 9, 2)).toBe(1);
    expect(lengthPenalty('avg', 9, 0)).toBe(9);
    expect(lengthPenalty('wu', 7, 1)).toBe(2);
    expect(lengthPenalty('wu', 13, 0.5)).toBeCloseTo(Math.sqrt(3), 12);
    expect(lengthPenalty('wu', 13, 0)).toBe(1);
  });
});
