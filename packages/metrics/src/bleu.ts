import { assert, assertOneOf, assertPositiveInteger, ConfigError } from '@recurrent/core';
import {
  BLEU_SMOOTH_DEFAULTS,
  bleuSignature,
  type BleuSmoothMethod,
  type BleuTokenizer,
} from './bleu-signature.js';
import { bleuSegmentStatistics, sumBleuStatistics, type BleuStatistics } from './bleu-statistics.js';
import { formatFixed } from './fixed-format.js';
import { pythonRstrip, pythonSplit } from './python-whitespace.js';
import { tokenize13a } from './tokenizer-13a.js';

/** Options of {@link corpusBleu} and {@link sentenceBleu}; the names follow sacreBLEU's `BLEU(...)`. */
export interface BleuOptions {
  /** Lowercase hypotheses and references first. Default false. */
  readonly lowercase?: boolean;
  /** `'13a'` (default) or `'none'` (split on whitespace only). */
  readonly tokenize?: BleuTokenizer;
  /** Default `'exp'`. */
  readonly smoothMethod?: BleuSmoothMethod;
  /** floor value (default 0.1) or add-k's k (default 1); ignored by exp and none. */
  readonly smoothValue?: number | null;
  /** Average only over orders the hypotheses have n-grams of. Corpus default false, sentence default true. */
  readonly effectiveOrder?: boolean;
  /** Highest n-gram order. Default 4. */
  readonly maxNgramOrder?: number;
}

/** Every option filled in; `smoothValue` is the value actually used (null for exp and none). */
export interface ResolvedBleuOptions {
  readonly lowercase: boolean;
  readonly tokenize: BleuTokenizer;
  readonly smoothMethod: BleuSmoothMethod;
  readonly smoothValue: number | null;
  readonly effectiveOrder: boolean;
  readonly maxNgramOrder: number;
}

/**
 * sacreBLEU's `BLEU()` defaults (sentenceBleu switches effectiveOrder on).
 *
 * @example
 * resolveBleuOptions({}); // deep-equals DEFAULT_BLEU_OPTIONS
 */
export const DEFAULT_BLEU_OPTIONS = {
  lowercase: false,
  tokenize: '13a',
  smoothMethod: 'exp',
  smoothValue: null,
  effectiveOrder: false,
  maxNgramOrder: 4,
} as const satisfies ResolvedBleuOptions;

const TOKENIZERS: readonly BleuTokenizer[] = ['13a', 'none'];
const SMOOTH_METHODS: readonly BleuSmoothMethod[] = ['exp', 'none', 'floor', 'add-k'];

/** A BLEU result with the fields of sacreBLEU's `BLEUScore`. */
export interface BleuScore {
  /** BLEU in percent (0–100). */
  readonly score: number;
  /** Smoothed n-gram precisions in percent, one per order. */
  readonly precisions: readonly number[];
  /** Matches per order as sacreBLEU returns them (add-k adds k for orders >= 2). */
  readonly counts: readonly number[];
  /** Hypothesis n-grams per order as sacreBLEU returns them (add-k adds k for orders >= 2). */
  readonly totals: readonly number[];
  /** Matches per order before smoothing. */
  readonly rawCounts: readonly number[];
  /** Hypothesis n-grams per order before smoothing. */
  readonly rawTotals: readonly number[];
  /** Brevity penalty. */
  readonly bp: number;
  /** sysLen / refLen, or 0 when refLen is 0. */
  readonly ratio: number;
  readonly sysLen: number;
  readonly refLen: number;
  /** sacreBLEU 2.x signature, e.g. `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
  readonly signature: string;
}

/**
 * Fills in defaults and validates BLEU options (throws a CONFIG error naming the option).
 *
 * @example
 * resolveBleuOptions({ smoothMethod: 'floor' }).smoothValue; // 0.1
 */
export function resolveBleuOptions(
  options: BleuOptions = {},
  defaults: ResolvedBleuOptions = DEFAULT_BLEU_OPTIONS,
): ResolvedBleuOptions {
  const tokenize = options.tokenize ?? defaults.tokenize;
  assertOneOf(tokenize, 'bleu.tokenize', TOKENIZERS);
  const smoothMethod = options.smoothMethod ?? defaults.smoothMethod;
  assertOneOf(smoothMethod, 'bleu.smoothMethod', SMOOTH_METHODS);
  const maxNgramOrder = options.maxNgramOrder ?? defaults.maxNgramOrder;
  assertPositiveInteger(maxNgramOrder, 'bleu.maxNgramOrder');
  for (const key of ['lowercase', 'effectiveOrder'] as const) {
    const value = options[key];
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ConfigError(`bleu.${key}`, `must be a boolean, got ${JSON.stringify(value)}`);
    }
  }
  const given = options.smoothValue ?? null;
  if (given !== null && !(typeof given === 'number' && Number.isFinite(given) && given >= 0)) {
    throw new ConfigError('bleu.smoothValue', `must be a finite number >= 0, got ${String(given)}`);
  }
  const usesValue = smoothMethod === 'floor' || smoothMethod === 'add-k';
  return {
    lowercase: options.lowercase ?? defaults.lowercase,
    tokenize,
    smoothMethod,
    smoothValue: usesValue ? (given ?? BLEU_SMOOTH_DEFAULTS[smoothMethod]) : null,
    effectiveOrder: options.effectiveOrder ?? defaults.effectiveOrder,
    maxNgramOrder,
  };
}

/**
 * One segment preprocessed as sacreBLEU does: optional lowercase, Python `rstrip()`,
 * then the tokenizer (`'none'` leaves the string as it is).
 *
 * @example
 * bleuPreprocess('Hello, World!  ', resolveBleuOptions({ lowercase: true })); // 'hello , world !'
 */
export function bleuPreprocess(segment: string, options: ResolvedBleuOptions): string {
  const stripped = pythonRstrip(options.lowercase ? segment.toLowerCase() : segment);
  return options.tokenize === '13a' ? tokenize13a(stripped) : stripped;
}

/** The tokens BLEU counts: the preprocessed segment split on Python whitespace. */
function bleuTokens(segment: string, options: ResolvedBleuOptions): string[] {
  return pythonSplit(bleuPreprocess(segment, options));
}

/** Python's math.log with sacreBLEU's `my_log`: log(0) is -9999999999. */
function myLog(value: number): number {
  return value === 0 ? -9999999999 : Math.log(value);
}

/**
 * BLEU from summed statistics, line for line sacreBLEU 2.6.0 `BLEU.compute_bleu`.
 *
 * @example
 * const s = computeBleu({ sysLen: 4, refLen: 4, correct: [4, 3, 2, 1], total: [4, 3, 2, 1] },
 *   resolveBleuOptions()); // s.score ≈ 100 (100.00000000000004)
 */
export function computeBleu(stats: BleuStatistics, options: ResolvedBleuOptions): Omit<BleuScore, 'signature'> {
  const order = options.maxNgramOrder;
  const rawCounts = stats.correct.slice(0, order);
  const rawTotals = stats.total.slice(0, order);
  const counts = rawCounts.slice();
  const totals = rawTotals.slice();
  const { sysLen, refLen } = stats;
  const bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0) : 1;
  const ratio = refLen > 0 ? sysLen / refLen : 0;
  const precisions = new Array<number>(order).fill(0);
  const result = { precisions, counts, totals, rawCounts, rawTotals, bp, ratio, sysLen, refLen };
  if (!rawCounts.some((c) => c !== 0)) return { score: 0, ...result };

  let smoothMteval = 1;
  let effOrder = order;
  const value = options.smoothValue ?? 0;
  for (let n = 1; n <= order; n += 1) {
    if (options.smoothMethod === 'add-k' && n > 1) {
      counts[n - 1] = (counts[n - 1] as number) + value;
      totals[n - 1] = (totals[n - 1] as number) + value;
    }
    const total = totals[n - 1] as number;
    const correct = counts[n - 1] as number;
    if (total === 0) break;
    if (options.effectiveOrder) effOrder = n;
    if (correct === 0) {
      if (options.smoothMethod === 'exp') {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * total);
      } else if (options.smoothMethod === 'floor') {
        precisions[n - 1] = (100 * value) / total;
      }
    } else {
      precisions[n - 1] = (100 * correct) / total;
    }
  }
  let logSum = 0;
  for (let n = 0; n < effOrder; n += 1) logSum += myLog(precisions[n] as number);
  return { score: bp * Math.exp(logSum / effOrder), ...result };
}

/**
 * Corpus BLEU identical to sacreBLEU 2.6.0 `BLEU(**options).corpus_score(hypotheses, references)`.
 * `references[k][i]` is reference k of segment i (sacreBLEU's stream layout); `null`
 * means segment i has no k-th reference (the signature then says `nrefs:var`), while
 * `''` is an empty reference of length 0.
 *
 * @example
 * const bleu = corpusBleu(['the cat sat on the mat'], [['the cat sat on a mat']]);
 * // bleu.score ≈ 53.73, bleu.signature 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0'
 */
export function corpusBleu(
  hypotheses: readonly string[],
  references: readonly (readonly (string | null)[])[],
  options: BleuOptions = {},
): BleuScore {
  const resolved = resolveBleuOptions(options);
  assert(references.length > 0, () => 'references must hold at least one stream, got 0', 'USAGE');
  references.forEach((stream, k) =>
    assert(
      stream.length === hypotheses.length,
      () => `reference stream ${k} must have one entry per hypothesis (${hypotheses.length}), got ${stream.length}`,
      'USAGE',
    ),
  );
  let variable = false;
  const segments: BleuStatistics[] = [];
  for (let i = 0; i < hypotheses.length; i += 1) {
    const refs: string[][] = [];
    for (const stream of references) {
      const ref = stream[i];
      if (ref === null || ref === undefined) variable = true;
      else refs.push(bleuTokens(ref, resolved));
    }
    assert(refs.length > 0, () => `segment ${i} has no reference (every stream holds null)`, 'USAGE');
    segments.push(bleuSegmentStatistics(bleuTokens(hypotheses[i] as string, resolved), refs, resolved.maxNgramOrder));
  }
  const stats = sumBleuStatistics(segments, resolved.maxNgramOrder);
  const signature = bleuSignature({ ...resolved, nrefs: variable ? 'var' : references.length });
  return { ...computeBleu(stats, resolved), signature };
}

/**
 * Sentence BLEU: sacreBLEU's `sentence_bleu(hypothesis, references)`, which uses
 * effective order by default (set `effectiveOrder: false` for `BLEU().sentence_score`).
 *
 * @example
 * sentenceBleu('the cat', ['the cat sat']).score; // ≈ 60.65 (BP exp(1 - 3/2); orders 1-2 at 100%)
 */
export function sentenceBleu(hypothesis: string, references: readonly string[], options: BleuOptions = {}): BleuScore {
  const resolved = resolveBleuOptions(options, { ...DEFAULT_BLEU_OPTIONS, effectiveOrder: true });
  assert(references.length > 0, () => 'sentenceBleu needs at least one reference, got 0', 'USAGE');
  const refs = references.map((r) => bleuTokens(r, resolved));
  const stats = bleuSegmentStatistics(bleuTokens(hypothesis, resolved), refs, resolved.maxNgramOrder);
  return { ...computeBleu(stats, resolved), signature: bleuSignature({ ...resolved, nrefs: references.length }) };
}

/** Options of {@link formatBleu}. */
export interface FormatBleuOptions {
  /** Prefix `BLEU|<signature>` instead of `BLEU`. */
  readonly withSignature?: boolean;
  /** Decimals of the score (sacreBLEU API default 2; its CLI uses 1). */
  readonly width?: number;
}

/**
 * sacreBLEU's `BLEUScore.format()` text, with Python's round-half-even formatting.
 *
 * @example
 * formatBleu(corpusBleu(['a b c d'], [['a b c d']]));
 * // 'BLEU = 100.00 100.0/100.0/100.0/100.0 (BP = 1.000 ratio = 1.000 hyp_len = 4 ref_len = 4)'
 */
export function formatBleu(bleu: BleuScore, options: FormatBleuOptions = {}): string {
  const prefix = options.withSignature === true ? `BLEU|${bleu.signature}` : 'BLEU';
  const precisions = bleu.precisions.map((p) => formatFixed(p, 1)).join('/');
  return (
    `${prefix} = ${formatFixed(bleu.score, options.width ?? 2)} ${precisions} ` +
    `(BP = ${formatFixed(bleu.bp, 3)} ratio = ${formatFixed(bleu.ratio, 3)} ` +
    `hyp_len = ${bleu.sysLen} ref_len = ${bleu.refLen})`
  );
}
