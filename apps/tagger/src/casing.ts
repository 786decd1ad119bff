/**
 * Capitalisation classes of a word; 0 is padding.
 *
 * @example
 * CASING_CLASSES[casingId('Paris')]; // 'title'
 */
export const CASING_CLASSES = ['<pad>', 'lower', 'title', 'upper', 'numeric', 'other'] as const;

const HAS_LETTER = /\p{L}/u;
const DIGITS = /^[\p{Nd}.,\-/:]+$/u;

/**
 * The capitalisation class id of a word (index into {@link CASING_CLASSES}), so a lower-cased word
 * embedding keeps the case information.
 *
 * @example
 * ['the', 'Paris', 'EU', '1996', 'iPhone'].map(casingId); // [1, 2, 3, 4, 5]
 */
export function casingId(word: string): number {
  if (DIGITS.test(word) && /\p{Nd}/u.test(word)) return 4;
  if (!HAS_LETTER.test(word)) return 5;
  if (word === word.toLowerCase()) return 1;
  if (word === word.toUpperCase()) return 3;
  const rest = word.slice(1);
  if (word[0] === word[0]?.toUpperCase() && rest === rest.toLowerCase()) return 2;
  return 5;
}
