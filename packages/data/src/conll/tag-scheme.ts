import { DataFormatError, RecurrentError, type SourceLocation, assertOneOf } from '@recurrent/core';
import {
  IN_MEMORY_TAGS,
  TAG_SCHEMES,
  type TagLocator,
  type TagScheme,
  spansToTags,
  tagsToSpans,
} from './tag-spans.js';

/**
 * Converts a tag sequence between IOB1, IOB2 and IOBES, exactly: a valid sequence converted
 * to another scheme and back is unchanged. Invalid tags are a DataFormatError at their position.
 *
 * @example
 * convertTags(['I-PER', 'I-PER', 'B-PER', 'O'], 'IOB1', 'IOB2'); // ['B-PER', 'I-PER', 'B-PER', 'O']
 * convertTags(['B-PER', 'I-PER', 'B-LOC'], 'IOB2', 'IOBES'); // ['B-PER', 'E-PER', 'S-LOC']
 */
export function convertTags(
  tags: readonly string[],
  from: TagScheme,
  to: TagScheme,
  locate: TagLocator = IN_MEMORY_TAGS,
): string[] {
  assertOneOf(from, 'from', TAG_SCHEMES);
  assertOneOf(to, 'to', TAG_SCHEMES);
  return spansToTags(tagsToSpans(tags, from, locate), tags.length, to);
}

/**
 * True when `tags` is a valid sequence in `scheme`.
 *
 * @example
 * isValidTagSequence(['I-LOC', 'O'], 'IOB1'); // true
 * isValidTagSequence(['I-LOC', 'O'], 'IOB2'); // false
 */
export function isValidTagSequence(tags: readonly string[], scheme: TagScheme): boolean {
  try {
    tagsToSpans(tags, scheme);
    return true;
  } catch (error) {
    if (error instanceof DataFormatError) return false;
    throw error;
  }
}

/**
 * The schemes every sequence is valid in, in the order IOB2, IOB1, IOBES.
 *
 * @example
 * compatibleTagSchemes([['B-PER', 'O']]); // ['IOB2']
 * compatibleTagSchemes([['O', 'O']]); // ['IOB2', 'IOB1', 'IOBES']
 */
export function compatibleTagSchemes(sequences: Iterable<readonly string[]>): TagScheme[] {
  let left: TagScheme[] = ['IOB2', 'IOB1', 'IOBES'];
  for (const tags of sequences) {
    left = left.filter((scheme) => isValidTagSequence(tags, scheme));
    if (left.length === 0) break;
  }
  return left;
}

/**
 * Detects the tag scheme of a corpus: the first of IOB2, IOB1, IOBES that every sequence is
 * valid in (a corpus of only `O` tags is IOB2). When none fits, throws the DataFormatError of the
 * first sequence that is not valid IOB2, located by `locate(sequence, index)`.
 *
 * @example
 * detectTagScheme([['I-ORG', 'O'], ['I-PER', 'B-PER']]); // 'IOB1'
 */
export function detectTagScheme(
  sequences: readonly (readonly string[])[],
  locate: (sequence: number, index: number) => SourceLocation = (s, i) => ({
    file: '<tags>',
    line: s + 1,
    column: i + 1,
  }),
): TagScheme {
  const fit = compatibleTagSchemes(sequences);
  if (fit[0] !== undefined) return fit[0];
  sequences.forEach((tags, s) => tagsToSpans(tags, 'IOB2', (i) => locate(s, i)));
  throw new RecurrentError('INTERNAL', 'detectTagScheme: no scheme fits, yet every sequence is valid IOB2');
}
