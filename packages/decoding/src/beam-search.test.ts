import { describe, expect, it } from 'vitest';
import type { RecurrentError } from '@recurrent/core';
import { beamSearch, type BeamSearchOptions } from './beam-search.js';
import type { Hypothesis } from './decode-strategy.js';
import { greedyDecode } from './greedy-decode.js';
import { lengthPenalty } from './length-penalty.js';
import { initialPrefixes, randomModel, reorderPrefixes, tableModel, type Prefixes } from './test-toy-model.js';

const EOS = 0;
const BOS = 1;
const f32log = (p: number) => Math.fround(Math.log(p));
const base = { batchSize: 1, bosId: BOS, eosId: EOS, reorderState: reorderPrefixes };
const summary = (h: Hypothesis) => ({ tokens: Array.from(h.tokens), finished: h.finished });

describe('beamSearch', () => {
  // Vocabulary: 0 <eos>, 1 <bos>, 2 A, 3 B, 4 C.
  const eps = 1e-6;
  const gardenPath = tableModel(
    {
      '': [eps, eps, 0.6, 0.4 - 3 * eps, eps],
      '2': [eps, eps, 0.34, 0.33, 0.33 - 3 * eps],
      '3': [eps, eps, 0.05, 0.05, 0.9 - 3 * eps],
    },
    [1 - 4 * eps, eps, eps, eps, eps],
  );

  it('finds a better sequence than greedy search when the first step misleads', async () => {
    const [[greedy]] = (await greedyDecode(gardenPath, initialPrefixes(1), { ...base, maxLength: 5 })) as [[Hypothesis]];
    expect(Array.from(greedy.tokens)).toEqual([2, 2]); // A A: 0.6 × 0.34
    const [[beam]] = (await beamSearch(gardenPath, initialPrefixes(1), { ...base, beamSize: 2, maxLength: 5 })) as [[Hypothesis]];
    expect(summary(beam)).toEqual({ tokens: [3, 4], finished: true }); // B C: ≈ 0.4 × 0.9
    expect(beam.logProb).toBeCloseTo(f32log(0.4 - 3 * eps) + f32log(0.9 - 3 * eps) + f32log(1 - 4 * eps), 6);
    expect(beam.logProb).toBeGreaterThan(greedy.logProb);
    expect(greedy.logProb).toBeCloseTo(f32log(0.6) + f32log(0.34) + f32log(1 - 4 * eps), 6);
  });

  it('does not predict <eos> before minLength (OpenNMT test_doesnt_predict_eos_if_shorter_than_min_len)', async () => {
    // <eos> is always the most probable token; the other tokens keep their order.
    const calls = { count: 0 };
    const model = tableModel({}, [0.5, 0.02, 0.2, 0.18, 0.1], calls);
    const minLength = 4;
    const results = await beamSearch(model, initialPrefixes(1), { ...base, beamSize: 3, nBest: 3, maxLength: 10, minLength });
    const hyps = results[0] as Hypothesis[];
    expect(hyps).toHaveLength(3);
    for (const h of hyps) {
      expect(h.finished).toBe(true);
      expect(h.tokens).toHaveLength(minLength);
      expect(Array.from(h.tokens)).not.toContain(EOS);
    }
    expect(Array.from((hyps[0] as Hypothesis).tokens)).toEqual([2, 2, 2, 2]);
    expect((hyps[0] as Hypothesis).logProb).toBeCloseTo(4 * f32log(0.2) + f32log(0.5), 6);
    // <eos> became possible at step minLength, and the search stopped right there.
    expect(calls.count).toBe(minLength + 1);
    const [[g]] = (await greedyDecode(model, initialPrefixes(1), { ...base, maxLength: 10, minLength })) as [[Hypothesis]];
    expect(summary(g)).toEqual({ tokens: [2, 2, 2, 2], finished: true });
  });

  it('equals greedy search when beamSize is 1, on random models with batches', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const model = randomModel(6, seed);
      const options = { ...base, batchSize: 3, maxLength: 7, minLength: seed % 3 };
      const greedy = await greedyDecode(model, initialPrefixes(3), options);
      const beam = await beamSearch(model, initialPrefixes(3), { ...options, beamSize: 1 });
      expect(beam.map((hs) => hs.map(summary))).toEqual(greedy.map((hs) => hs.map(summary)));
      beam.forEach((hs, b) => expect((hs[0] as Hypothesis).logProb).toBeCloseTo((greedy[b]?.[0] as Hypothesis).logProb, 9));
    }
  });

  /** Every sequence of at most maxLength tokens, scored as beam search scores it. */
  function exhaustive(vocab: number, seed: number, marker: number, maxLength: number, kind: 'none' | 'avg' | 'wu', alpha: number) {
    const model = randomModel(vocab, seed);
    const out: { tokens: number[]; score: number; finished: boolean }[] = [];
    const visit = async (prefix: Prefixes[number], tokens: number[], logProb: number): Promise<void> => {
      const prev = tokens.length === 0 ? BOS : (tokens[tokens.length - 1] as number);
      const { logProbs, state } = await model(Int32Array.of(prev), [prefix], 0);
      for (let v = 0; v < vocab; v++) {
        const lp = logProb + (logProbs[v] as number);
        const length = tokens.length + 1;
        if (v === EOS) out.push({ tokens, score: lp / lengthPenalty(kind, length, alpha), finished: true });
        else if (length === maxLength) out.push({ tokens: [...tokens, v], score: lp / lengthPenalty(kind, length, alpha), finished: false });
        else await visit(state[0] as number[], [...tokens, v], lp);
      }
    };
    return visit([marker], [], 0).then(() => out.sort((a, b) => b.score - a.score));
  }

  it('is exact (matches exhaustive search) when the beam holds every hypothesis', async () => {
    for (const [kind, alpha] of [['none', 0], ['avg', 0], ['wu', 1.5]] as const) {
      for (let seed = 1; seed <= 4; seed++) {
        const all0 = await exhaustive(4, seed, -1, 3, kind, alpha);
        const all1 = await exhaustive(4, seed, -2, 3, kind, alpha);
        const results = await beamSearch(randomModel(4, seed), initialPrefixes(2), {
          ...base, batchSize: 2, beamSize: 27, nBest: 5, maxLength: 3, lengthPenalty: kind, alpha,
        });
        [all0, all1].forEach((all, b) => {
          const got = results[b] as Hypothesis[];
          expect(got.map(summary)).toEqual(all.slice(0, 5).map((h) => ({ tokens: h.tokens, finished: h.finished })));
          got.forEach((h, i) => expect(h.score).toBeCloseTo(all[i]?.score as number, 9));
        });
      }
    }
  });

  it('lets the length penalty change the winner as expected', async () => {
    // <eos> now (p 0.55) or A then <eos> (0.45 × 0.95): shorter has more probability, longer a better average.
    const model = tableModel({ '': [0.55, 0.001, 0.449, 0, 0], '2': [0.95, 0.001, 0.049, 0, 0] }, [1, 0, 0, 0, 0]);
    const opts = (lengthPenalty: 'none' | 'avg' | 'wu', alpha = 0): BeamSearchOptions<Prefixes> => ({
      ...base, beamSize: 2, nBest: 2, maxLength: 4, lengthPenalty, alpha,
    });
    const short = f32log(0.55);
    const long = f32log(0.449) + f32log(0.95);
    const winner = async (o: BeamSearchOptions<Prefixes>) => (await beamSearch(model, initialPrefixes(1), o))[0] as Hypothesis[];
    const none = await winner(opts('none'));
    expect(none.map(summary)).toEqual([{ tokens: [], finished: true }, { tokens: [2], finished: true }]);
    expect(none[0]?.score).toBeCloseTo(short, 6);
    const avg = await winner(opts('avg'));
    expect(avg.map(summary)).toEqual([{ tokens: [2], finished: true }, { tokens: [], finished: true }]);
    expect(avg[0]?.score).toBeCloseTo(long / 2, 6);
    const wu1 = await winner(opts('wu', 1)); // long / (7/6) = -0.739 < short -0.598
    expect(Array.from(wu1[0]?.tokens ?? [])).toEqual([]);
    const wu3 = await winner(opts('wu', 3)); // long / (7/6)^3 = -0.543 > short
    expect(Array.from(wu3[0]?.tokens ?? [])).toEqual([2]);
    expect(wu3[0]?.score).toBeCloseTo(long / (7 / 6) ** 3, 6);
  });

  it('returns unfinished hypotheses at maxLength and keeps batch entries apart', async () => {
    const never = tableModel({}, [1e-9, 1e-9, 0.7, 0.3 - 2e-9, 1e-9]);
    const results = await beamSearch(never, initialPrefixes(2), { ...base, batchSize: 2, beamSize: 2, nBest: 2, maxLength: 3 });
    for (const hyps of results) {
      expect(hyps.map(summary)).toEqual([{ tokens: [2, 2, 2], finished: false }, { tokens: [2, 2, 3], finished: false }]);
      expect(hyps[0]?.logProb).toBeCloseTo(3 * f32log(0.7), 6);
    }
    // Each entry of a batch gets what it gets alone.
    const batched = await beamSearch(randomModel(7, 99), initialPrefixes(3), { ...base, batchSize: 3, beamSize: 3, nBest: 3, maxLength: 6 });
    const alone = await beamSearch(randomModel(7, 99), [[-3]], { ...base, beamSize: 3, nBest: 3, maxLength: 6 });
    expect(batched[2]?.map(summary)).toEqual(alone[0]?.map(summary));
    expect(batched[0]?.map(summary)).not.toEqual(alone[0]?.map(summary));
  });

  it('releases every state, as a tfjs model that disposes its tensors needs', async () => {
    // Each state is a "tensor" that step and reorderState consume (dispose) and replace.
    interface Owned { prefixes: Prefixes; live: boolean }
    const created: Owned[] = [];
    const own = (prefixes: Prefixes): Owned => {
      const s = { prefixes, live: true };
      created.push(s);
      return s;
    };
    const inner = randomModel(5, 3);
    const step = async (prev: Int32Array, s: Owned, t: number) => {
      expect(s.live).toBe(true);
      const out = await inner(prev, s.prefixes, t);
      s.live = false;
      return { logProbs: out.logProbs, state: own(out.state) };
    };
    const options = {
      batchSize: 2, bosId: BOS, eosId: EOS, maxLength: 6, beamSize: 3, nBest: 2,
      reorderState: (s: Owned, rows: Int32Array) => {
        expect(s.live).toBe(true);
        s.live = false;
        return own(reorderPrefixes(s.prefixes, rows));
      },
      releaseState: (s: Owned) => {
        expect(s.live).toBe(true);
        s.live = false;
      },
    };
    const beam = await beamSearch(step, own(initialPrefixes(2)), options);
    expect(beam.flat()).toHaveLength(4);
    expect(created.length).toBeGreaterThan(4);
    expect(created.filter((s) => s.live)).toHaveLength(0);
    created.length = 0;
    await greedyDecode(step, own(initialPrefixes(2)), options);
    expect(created.filter((s) => s.live)).toHaveLength(0);
  });

  it('rejects bad options and bad step outputs', async () => {
    const model = tableModel({}, [0.5, 0.5]);
    const code = async (p: Promise<unknown>) => p.then(() => undefined, (e: RecurrentError) => `${e.code}: ${e.message}`);
    expect(await code(beamSearch(model, initialPrefixes(1), { ...base, beamSize: 2, nBest: 3, maxLength: 3 }))).toBe(
      'CONFIG: nBest must be at most beamSize 2, got 3',
    );
    expect(await code(beamSearch(model, initialPrefixes(1), { ...base, beamSize: 0, maxLength: 3 }))).toBe('CONFIG: beamSize must be a positive integer, got 0');
    expect(await code(greedyDecode(model, initialPrefixes(1), { ...base, maxLength: 3, minLength: 3 }))).toMatch(/^CONFIG: minLength must be an integer in \[0, maxLength - 1 = 2\], got 3/);
    expect(await code(beamSearch(model, initialPrefixes(1), { ...base, beamSize: 2, maxLength: 3, lengthPenalty: 'gnmt' as 'wu' }))).toMatch(/allowed: none, avg, wu/);
    const tooShort = tableModel({}, [1]);
    expect(await code(greedyDecode(tooShort, initialPrefixes(1), { ...base, eosId: 3, maxLength: 3 }))).toBe(
      'SHAPE: step 0: logProbs must have rows × vocab values with rows 1 and vocab > eosId 3, got 1',
    );
  });
});
