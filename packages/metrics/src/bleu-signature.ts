import { formatFixed } from './fixed-format.js';

/**
 * The sacreBLEU version whose behaviour (and golden vectors) this package reproduces;
 * it ends every signature.
 *
 * @example
 * bleuSignature({ ...fields, version: SACREBLEU_VERSION }).endsWith('version:2.6.0'); // true
 */
export const SACREBLEU_VERSION = '2.6.0';

/** Tokenisers BLEU can apply. */
export type BleuTokenizer = '13a' | 'none';
/** BLEU smoothing methods (sacreBLEU `smooth_method`). */
export type BleuSmoothMethod = 'exp' | 'none' | 'floor' | 'add-k';

/**
 * Default smoothing value per method (sacreBLEU `BLEU.SMOOTH_DEFAULTS`); null where unused.
 *
 * @example
 * BLEU_SMOOTH_DEFAULTS.floor; // 0.1
 */
export const BLEU_SMOOTH_DEFAULTS: Readonly<Record<BleuSmoothMethod, number | null>> = Object.freeze({
  exp: null,
  none: null,
  floor: 0.1,
  'add-k': 1,
});

/** What a BLEU signature records. */
export interface BleuSignatureFields {
  /** Number of reference streams, or `'var'` when some segment lacks a reference. */
  readonly nrefs: number | 'var';
  readonly lowercase: boolean;
  readonly tokenize: BleuTokenizer;
  readonly smoothMethod: BleuSmoothMethod;
  /** null means the method's default. */
  readonly smoothValue: number | null;
  readonly effectiveOrder: boolean;
  /** Defaults to {@link SACREBLEU_VERSION}. */
  readonly version?: string;
}

/** Options of {@link bleuSignature}. */
export interface BleuSignatureOptions {
  /** Short keys (`#`, `c`, `e`, `tok`, `s`, `v`) as sacreBLEU's `format(short=True)`. */
  readonly short?: boolean;
}

/**
 * sacreBLEU 2.x signature string. `max_ngram_order` is not part of it (as in sacreBLEU).
 *
 * @example
 * bleuSignature({ nrefs: 1, lowercase: false, tokenize: '13a', smoothMethod: 'exp',
 *   smoothValue: null, effectiveOrder: false });
 * // 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0'
 */
export function bleuSignature(fields: BleuSignatureFields, options: BleuSignatureOptions = {}): string {
  const value = fields.smoothValue ?? BLEU_SMOOTH_DEFAULTS[fields.smoothMethod];
  const smooth =
    fields.smoothMethod === 'floor' || fields.smoothMethod === 'add-k'
      ? `${fields.smoothMethod}[${formatFixed(value ?? 0, 2)}]`
      : fields.smoothMethod;
  const entries: [string, string, string][] = [
    ['nrefs', '#', String(fields.nrefs)],
    ['case', 'c', fields.lowercase ? 'lc' : 'mixed'],
    ['eff', 'e', fields.effectiveOrder ? 'yes' : 'no'],
    ['tok', 'tok', fields.tokenize],
    ['smooth', 's', smooth],
    ['version', 'v', fields.version ?? SACREBLEU_VERSION],
  ];
  return entries.map(([long, short, v]) => `${options.short === true ? short : long}:${v}`).join('|');
}
