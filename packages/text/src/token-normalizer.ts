/** How a {@link Vocab} normalises tokens before counting and looking them up. */
export interface NormalizeOptions {
  /** Lower-case every token (`toLowerCase`, locale-independent). Default false. */
  readonly lowercase?: boolean;
  /** Replace every decimal digit (Unicode `\p{Nd}`) with `0`, so `1984` and `2024` share an id. Default false. */
  readonly normalizeDigits?: boolean;
}

const DIGIT_RE = /\p{Nd}/gu;

/**
 * Applies the vocabulary normalisation to one token.
 *
 * @example
 * normalizeToken('Year-2024', { lowercase: true, normalizeDigits: true }); // 'year-0000'
 */
export function normalizeToken(token: string, options: NormalizeOptions): string {
  let out = options.lowercase === true ? token.toLowerCase() : token;
  if (options.normalizeDigits === true) out = out.replace(DIGIT_RE, '0');
  return out;
}
