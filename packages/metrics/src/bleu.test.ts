import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isRecurrentError } from '@recurrent/core';
import {
  bleuPreprocess,
  corpusBleu,
  formatBleu,
  resolveBleuOptions,
  sentenceBleu,
  type BleuOptions,
  type BleuScore,
} from './bleu.js';
import { bleuSignature, type BleuSmoothMethod, type BleuTokenizer } from './bleu-signature.js';
import { bleuSegmentStatistics, closestReferenceLength } from './bleu-statistics.js';
import { pythonSplit } from './python-whitespace.js';
import { formatFixed } from './fixed-format.js';

interface GoldenOptions {
  lowercase: boolean;
  tokenize: BleuTokenizer;
  smooth_method: BleuSmoothMethod;
  smooth_value: number | null;
  effective_order: boolean;
  max_ngram_order: number;
}
interface GoldenCase {
  id: string;
  api: 'corpus_score' | 'sentence_score';
  options: GoldenOptions;
  hypotheses?: string[];
  references: (string | null)[][] | string[];
  hypothesis?: string;
  expected: {
    score: number;
    score_2dp: number;
    precisions: number[];
    bp: number;
    ratio: number;
    sys_len: number;
    ref_len: number;
    counts: number[];
    totals: number[];
    raw_counts: number[];
    raw_totals: number[];
    segment_stats: number[][];
    signature: string;
    signature_short: string;
    formatted: string;
    formatted_with_signature: string;
  };
  debug: { tokenized_hypotheses: string[]; tokenized_references: (string | null)[][] | string[] };
}

const FILES = ['corpus_options', 'multi_ref', 'sentence', 'edge_cases'] as const;
const golden = (name: string): GoldenCase[] =>
  (
    JSON.parse(
      readFileSync(new URL(`../test/fixtures/reference/bleu/${name}.json`, import.meta.url), 'utf8'),
    ) as { cases: GoldenCase[] }
  ).cases;

/** |a - b| <= 1e-12 relative (V8 Math.exp/log may differ from libm in the last bit). */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

function toOptions(o: GoldenOptions): BleuOptions {
  return {
    lowercase: o.lowercase,
    tokenize: o.tokenize,
    smoothMethod: o.smooth_method,
    smoothValue: o.smooth_value,
    effectiveOrder: o.effective_order,
    maxNgramOrder: o.max_ngram_order,
  };
}

function score(c: GoldenCase): BleuScore {
  const options = toOptions(c.options);
  return c.api === 'corpus_score'
    ? corpusBleu(c.hypotheses as string[], c.references as (string | null)[][], options)
    : sentenceBleu(c.hypothesis as string, c.references as string[], options);
}

/** Per-segment [hypLen, refLen, c1..cN, t1..tN] rows, from our preprocessing and statistics. */
function segmentRows(c: GoldenCase): number[][] {
  const resolved = resolveBleuOptions(toOptions(c.options));
  const tok = (s: string): string[] => pythonSplit(bleuPreprocess(s, resolved));
  const segments: [string, string[]][] =
    c.api === 'corpus_score'
      ? (c.hypotheses as string[]).map((h, i) => [
          h,
          (c.references as (string | null)[][]).map((s) => s[i]).filter((r): r is string => typeof r === 'string'),
        ])
      : [[c.hypothesis as string, c.references as string[]]];
  return segments.map(([h, refs]) => {
    const s = bleuSegmentStatistics(tok(h), refs.map(tok), resolved.maxNgramOrder);
    return [s.sysLen, s.refLen, ...s.correct, ...s.total];
  });
}

const ALL = FILES.flatMap((f) => golden(f).map((c) => [f, c] as const));

describe('corpusBleu / sentenceBleu against sacreBLEU 2.6.0', () => {
  it('loads all 141 golden cases', () => {
    expect(ALL).toHaveLength(141);
  });

  for (const [file, c] of ALL) {
    it(`reproduces ${file}:${c.id}`, () => {
      const e = c.expected;
      const bleu = score(c);
      expectClose(bleu.score, e.score);
      expect(bleu.precisions).toHaveLength(e.precisions.length);
      bleu.precisions.forEach((p, i) => expectClose(p, e.precisions[i] as number));
      expectClose(bleu.bp, e.bp);
      expectClose(bleu.ratio, e.ratio);
      expect([bleu.sysLen, bleu.refLen]).toEqual([e.sys_len, e.ref_len]);
      expect(bleu.counts).toEqual(e.counts);
      expect(bleu.totals).toEqual(e.totals);
      expect(bleu.rawCounts).toEqual(e.raw_counts);
      expect(bleu.rawTotals).toEqual(e.raw_totals);
      expect(bleu.signature).toBe(e.signature);
      expect(formatBleu(bleu)).toBe(e.formatted);
      expect(formatBleu(bleu, { withSignature: true })).toBe(e.formatted_with_signature);
      expect(Number(formatBleu(bleu).split(' ')[2])).toBe(e.score_2dp);
      expect(segmentRows(c)).toEqual(e.segment_stats);
    });

    it(`preprocesses ${file}:${c.id} like sacreBLEU`, () => {
      const resolved = resolveBleuOptions(toOptions(c.options));
      const hyps = c.api === 'corpus_score' ? (c.hypotheses as string[]) : [c.hypothesis as string];
      expect(hyps.map((h) => bleuPreprocess(h, resolved))).toEqual(c.debug.tokenized_hypotheses);
      // sentence_score references are kept as one single-segment stream each.
      const streams =
        c.api === 'corpus_score'
          ? (c.references as (string | null)[][])
          : (c.references as string[]).map((r) => [r]);
      const mapped = streams.map((s) => s.map((x) => (x === null ? null : bleuPreprocess(x, resolved))));
      expect(mapped).toEqual(c.debug.tokenized_references);
      const short = c.expected.signature_short;
      const nrefs = c.expected.signature.split('|')[0]?.slice('nrefs:'.length) ?? '';
      expect(bleuSignature({ ...resolved, nrefs: nrefs === 'var' ? 'var' : Number(nrefs) }, { short: true })).toBe(short);
    });
  }
});

describe('defaults', () => {
  const find = (file: string, id: string): GoldenCase => golden(file).find((c) => c.id === id) as GoldenCase;

  it('corpusBleu without options equals sacreBLEU BLEU() defaults', () => {
    const c = find('corpus_options', 'mixed/default');
    const bleu = corpusBleu(c.hypotheses as string[], c.references as string[][]);
    expect(formatBleu(bleu, { withSignature: true })).toBe(c.expected.formatted_with_signature);
  });

  it('sentenceBleu without options equals sacrebleu.sentence_bleu (effective order on)', () => {
    const c = find('sentence', 'eff/03');
    expect(c.options.effective_order).toBe(true);
    const bleu = sentenceBleu(c.hypothesis as string, c.references as string[]);
    expect(formatBleu(bleu, { withSignature: true })).toBe(c.expected.formatted_with_signature);
  });

  it('formats the score with the CLI width of 1 decimal when asked', () => {
    const c = find('corpus_options', 'mixed/default');
    const bleu = corpusBleu(c.hypotheses as string[], c.references as string[][]);
    expect(formatBleu(bleu, { width: 1 }).slice(0, 12)).toBe(`BLEU = ${formatFixed(c.expected.score, 1)} `);
  });
});

describe('closestReferenceLength', () => {
  it('picks the shorter reference on a tie, whatever the order', () => {
    expect(closestReferenceLength(5, [7, 3])).toBe(3);
    expect(closestReferenceLength(5, [3, 7])).toBe(3);
    expect(closestReferenceLength(5, [9, 6, 4])).toBe(4);
  });
});

describe('resolveBleuOptions', () => {
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (error) {
      return isRecurrentError(error) ? `${error.code}: ${error.message}` : 'not a RecurrentError';
    }
    return undefined;
  };

  it('fills the method default smoothing value', () => {
    expect(resolveBleuOptions({ smoothMethod: 'add-k' }).smoothValue).toBe(1);
    expect(resolveBleuOptions({ smoothMethod: 'exp', smoothValue: 3 }).smoothValue).toBeNull();
  });

  it('rejects unknown options with a CONFIG error naming the option and the allowed values', () => {
    expect(codeOf(() => resolveBleuOptions({ tokenize: 'intl' as BleuTokenizer }))).toMatch(
      /^CONFIG: bleu\.tokenize must be one of .*"intl".*allowed: 13a, none/,
    );
    expect(codeOf(() => resolveBleuOptions({ smoothMethod: 'add_k' as BleuSmoothMethod }))).toMatch(
      /^CONFIG: bleu\.smoothMethod.*allowed: exp, none, floor, add-k/,
    );
    expect(codeOf(() => resolveBleuOptions({ maxNgramOrder: 0 }))).toMatch(/^CONFIG: bleu\.maxNgramOrder must be a positive integer, got 0/);
    expect(codeOf(() => resolveBleuOptions({ smoothValue: -1, smoothMethod: 'floor' }))).toMatch(/^CONFIG: bleu\.smoothValue/);
  });

  it('rejects reference streams of the wrong length with a USAGE error', () => {
    expect(codeOf(() => corpusBleu(['a', 'b'], [['a']]))).toBe(
      'USAGE: reference stream 0 must have one entry per hypothesis (2), got 1',
    );
    expect(codeOf(() => corpusBleu(['a'], []))).toMatch(/^USAGE: references must hold at least one stream/);
    expect(codeOf(() => corpusBleu(['a'], [[null]]))).toMatch(/^USAGE: segment 0 has no reference/);
  });
});
