import { assert } from '@recurrent/core';

function checkInputs(nll: number, count: number, countName: string): void {
  assert(
    Number.isFinite(nll) && nll >= 0,
    () => `summed negative log-likelihood must be a finite number >= 0 (natural log), got ${nll}`,
    'USAGE',
  );
  assert(
    Number.isInteger(count) && count > 0,
    () => `${countName} must be a positive integer, got ${count}`,
    'USAGE',
  );
}

/**
 * Perplexity `exp(nll / tokens)` from the summed negative log-likelihood in nats.
 *
 * @example
 * perplexity(4 * Math.log(10), 4); // ≈ 10 (every token had probability 1/10)
 */
export function perplexity(nll: number, tokens: number): number {
  checkInputs(nll, tokens, 'tokens');
  return Math.exp(nll / tokens);
}

/**
 * Bits per character `nll / (chars · ln 2)` from the summed negative log-likelihood in nats.
 *
 * @example
 * bitsPerCharacter(3 * Math.log(4), 3); // 2 (every character had probability 1/4)
 */
export function bitsPerCharacter(nll: number, chars: number): number {
  checkInputs(nll, chars, 'chars');
  return nll / (chars * Math.LN2);
}
