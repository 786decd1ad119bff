/**
 * Splits text on runs of Unicode whitespace; empty strings are never returned.
 *
 * @example
 * tokenizeWhitespace('  the cat\tsat\n'); // ['the', 'cat', 'sat']
 */
export function tokenizeWhitespace(text: string): string[] {
  return text.split(/\s+/u).filter((token) => token.length > 0);
}
