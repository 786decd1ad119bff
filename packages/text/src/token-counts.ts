/**
 * Counts tokens over sequences (for {@link Vocab.build}), in first-seen order.
 *
 * @example
 * countTokens([['a', 'b'], ['a']]); // Map { 'a' => 2, 'b' => 1 }
 */
export function countTokens(sequences: Iterable<Iterable<string>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sequence of sequences) {
    for (const token of sequence) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return counts;
}
