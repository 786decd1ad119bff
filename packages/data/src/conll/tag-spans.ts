import { DataFormatError, type SourceLocation } from '@recurrent/core';

/**
 * Chunk/entity tag schemes: IOB1 (CoNLL-2003 original), IOB2 (B- starts every chunk), IOBES.
 *
 * @example
 * TAG_SCHEMES.includes('IOBES'); // true
 */
export const TAG_SCHEMES = ['IOB1', 'IOB2', 'IOBES'] as const;
export type TagScheme = (typeof TAG_SCHEMES)[number];

/** A chunk or entity: tokens `start` (inclusive) to `end` (exclusive) of one `type`. */
export interface TagSpan {
  readonly type: string;
  readonly start: number;
  readonly end: number;
}

/** Where tag `index` of a sequence sits in its file, for error messages. */
export type TagLocator = (index: number) => SourceLocation;

/**
 * Default locator for tags that are not from a file: `<tags>:1:<index + 1>`.
 *
 * @example
 * IN_MEMORY_TAGS(2); // { file: '<tags>', line: 1, column: 3 }
 */
export const IN_MEMORY_TAGS: TagLocator = (index) => ({ file: '<tags>', line: 1, column: index + 1 });

const TAG = /^([BIES])-(.+)$/;
const FORMS: Readonly<Record<TagScheme, string>> = {
  IOB1: 'O, B-<type> or I-<type>',
  IOB2: 'O, B-<type> or I-<type>',
  IOBES: 'O, B-<type>, I-<type>, E-<type> or S-<type>',
};

/**
 * Reads a tagged sequence as spans, checking that it is valid in `scheme`: IOB2 starts every
 * chunk with B-; IOB1 starts with I- and uses B- only right after a chunk of the same type;
 * IOBES marks single tokens S- and ends longer chunks E-. Anything else is a DataFormatError at
 * the offending tag.
 *
 * @example
 * tagsToSpans(['B-PER', 'I-PER', 'O', 'B-LOC'], 'IOB2');
 * // [{ type: 'PER', start: 0, end: 2 }, { type: 'LOC', start: 3, end: 4 }]
 */
export function tagsToSpans(
  tags: readonly string[],
  scheme: TagScheme,
  locate: TagLocator = IN_MEMORY_TAGS,
): TagSpan[] {
  const spans: TagSpan[] = [];
  let openType: string | undefined;
  let openStart = 0;
  const fail = (index: number, detail: string): never => {
    throw new DataFormatError(locate(index), detail);
  };
  const close = (end: number): void => {
    if (openType !== undefined) spans.push({ type: openType, start: openStart, end });
    openType = undefined;
  };
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as string;
    const previous = i === 0 ? 'the start of the sentence' : (tags[i - 1] as string);
    let prefix = 'O';
    let type = '';
    if (tag !== 'O') {
      const match = TAG.exec(tag);
      if (match === null || (scheme !== 'IOBES' && (match[1] === 'E' || match[1] === 'S'))) {
        return fail(i, `expected an ${scheme} tag (${FORMS[scheme]}), got "${tag}"`);
      }
      prefix = match[1] as string;
      type = match[2] as string;
    }
    if (scheme === 'IOBES') {
      if (openType !== undefined) {
        if ((prefix !== 'I' && prefix !== 'E') || type !== openType) {
          fail(i, `expected I-${openType} or E-${openType} after ${previous} in IOBES, got "${tag}"`);
        }
        if (prefix === 'E') close(i + 1);
      } else if (prefix === 'S') {
        spans.push({ type, start: i, end: i + 1 });
      } else if (prefix === 'B') {
        openType = type;
        openStart = i;
      } else if (prefix !== 'O') {
        fail(i, `expected B-${type} or S-${type} to start a chunk in IOBES, got "${tag}" after ${previous}`);
      }
      continue;
    }
    if (prefix === 'O') {
      close(i);
    } else if (prefix === 'B') {
      if (scheme === 'IOB1' && openType !== type) {
        fail(
          i,
          `expected I-${type} to start a chunk in IOB1 (B- only follows ${type}), got "${tag}" after ${previous}`,
        );
      }
      close(i);
      openType = type;
      openStart = i;
    } else if (openType !== type) {
      if (scheme === 'IOB2')
        fail(i, `expected B-${type} to start a chunk in IOB2, got "${tag}" after ${previous}`);
      close(i);
      openType = type;
      openStart = i;
    }
  }
  if (scheme === 'IOBES' && openType !== undefined) {
    fail(
      tags.length - 1,
      `expected I-${openType} or E-${openType} after "${tags[tags.length - 1]}" in IOBES, got the end of the sentence`,
    );
  }
  close(tags.length);
  return spans;
}

/**
 * Writes spans as tags of a sequence of `length` tokens in `scheme` (the inverse of
 * {@link tagsToSpans}). Spans must be sorted and must not overlap.
 *
 * @example
 * spansToTags([{ type: 'PER', start: 0, end: 2 }], 3, 'IOBES'); // ['B-PER', 'E-PER', 'O']
 */
export function spansToTags(spans: readonly TagSpan[], length: number, scheme: TagScheme): string[] {
  const tags = new Array<string>(length).fill('O');
  let previous: TagSpan | undefined;
  for (const span of spans) {
    const { type, start, end } = span;
    if (scheme === 'IOBES') {
      if (end - start === 1) tags[start] = `S-${type}`;
      else {
        tags[start] = `B-${type}`;
        for (let i = start + 1; i < end - 1; i++) tags[i] = `I-${type}`;
        tags[end - 1] = `E-${type}`;
      }
    } else {
      const adjacent = previous !== undefined && previous.end === start && previous.type === type;
      tags[start] = scheme === 'IOB2' || adjacent ? `B-${type}` : `I-${type}`;
      for (let i = start + 1; i < end; i++) tags[i] = `I-${type}`;
    }
    previous = span;
  }
  return tags;
}
