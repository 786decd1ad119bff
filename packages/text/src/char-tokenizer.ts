/**
 * Splits text into Unicode code points (not UTF-16 code units), so an emoji or a character
 * outside the Basic Multilingual Plane is one token, as a character-level model expects.
 * Whitespace is kept: it is a character like any other.
 *
 * @example
 * tokenizeChars('a😀b'); // ['a', '😀', 'b']  ('a😀b'.length is 4)
 */
export function tokenizeChars(text: string): string[] {
  return Array.from(text);
}
