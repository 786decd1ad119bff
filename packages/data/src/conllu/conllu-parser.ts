import { DataFormatError } from '@recurrent/core';
import type { LineBatch } from '../line-reader.js';
import {
  CONLLU_FIELDS,
  type ConlluEmptyNode,
  type ConlluMultiwordToken,
  type ConlluSentence,
  type ConlluSummary,
  type ConlluWord,
} from './conllu-sentence.js';

/** What a CoNLL-U reader keeps besides the syntactic words. */
export interface ConlluOptions {
  /** Put multiword ranges (`1-2`) in `sentence.multiwordTokens`; otherwise they are counted as skipped. */
  readonly keepMultiwordTokens?: boolean;
  /** Put empty nodes (`8.1`) in `sentence.emptyNodes`; otherwise they are counted as skipped. */
  readonly keepEmptyNodes?: boolean;
}

const COLUMN_COUNT = CONLLU_FIELDS.length;
const HEAD_INDEX = 6;
const MAX_DIGITS = 9;
const RANGE = /^([1-9][0-9]*)-([1-9][0-9]*)$/;
const DECIMAL = /^(0|[1-9][0-9]*)\.([1-9][0-9]*)$/;

/** The value of a canonical non-negative integer (`0`, `17`, not `017`), or -1 for anything else. */
function naturalNumber(text: string): number {
  const length = text.length;
  if (length === 0 || length > MAX_DIGITS || (length > 1 && text.charCodeAt(0) === 0x30)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** 1-based character column where field `index` of a tab-separated line starts. */
function fieldColumn(fields: readonly string[], index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) column += (fields[i] as string).length + 1;
  return column;
}

class SentenceBuilder {
  line = 0;
  sentId: string | undefined = undefined;
  text: string | undefined = undefined;
  comments: string[] = [];
  words: ConlluWord[] = [];
  multiwordTokens: ConlluMultiwordToken[] = [];
  emptyNodes: ConlluEmptyNode[] = [];
  /** Highest word ID covered by a multiword range so far. */
  rangeEnd = 0;
  lastRange: { start: number; end: number; line: number } | undefined = undefined;
  coveredWords = 0;
  rangeCount = 0;
  /** Sub-index of the last empty node after the current word. */
  emptyIndex = 0;
  heads: { line: number; column: number; head: number }[] = [];
  tokenLines = 0;

  get open(): boolean {
    return this.line !== 0;
  }
}

/**
 * Parses CoNLL-U lines, given in batches, into sentences, validating as it goes: 10 tab-separated columns,
 * consecutive word IDs, well-placed ranges and empty nodes, numeric HEADs within the sentence.
 * Fills `summary` while it runs. Used by {@link readConllu} and {@link readConlluString}.
 *
 * @example
 * const summary = emptyConlluSummary();
 * for await (const s of parseConlluLines(readLineBatches('x.conllu'), 'x.conllu', {}, summary)) use(s);
 */
export async function* parseConlluLines(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: ConlluOptions,
  summary: ConlluSummary,
): AsyncGenerator<ConlluSentence> {
  const keepRanges = options.keepMultiwordTokens === true;
  const keepEmpty = options.keepEmptyNodes === true;
  let b = new SentenceBuilder();
  const fail = (line: number, column: number, detail: string): never => {
    throw new DataFormatError({ file, line, column }, detail);
  };

  const finish = (): ConlluSentence => {
    const n = b.words.length;
    for (const h of b.heads) {
      if (h.head > n)
        fail(
          h.line,
          h.column,
          `expected HEAD between 0 and ${n} (the words in this sentence), got ${h.head}`,
        );
    }
    if (b.lastRange !== undefined && b.lastRange.end > n) {
      const r = b.lastRange;
      fail(
        r.line,
        1,
        `expected multiword range ${r.start}-${r.end} to end at a word of the sentence, but it has ${n} words`,
      );
    }
    summary.sentences++;
    summary.words += n;
    summary.surfaceTokens += n - b.coveredWords + b.rangeCount;
    const sentence: ConlluSentence = {
      line: b.line,
      sentId: b.sentId,
      text: b.text,
      comments: b.comments,
      words: b.words,
      multiwordTokens: b.multiwordTokens,
      emptyNodes: b.emptyNodes,
    };
    b = new SentenceBuilder();
    return sentence;
  };

  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const line = first + i;
      summary.lines++;
      if (text === '') {
        if (b.words.length > 0) yield finish();
        else if (b.tokenLines > 0)
          fail(line, 1, 'expected at least one word (integer ID) in the sentence, got a blank line');
        else if (b.open) fail(line, 1, 'expected token lines after the comments, got a blank line');
        continue;
      }
      if (text.charCodeAt(0) === 0x23 /* # */) {
        if (b.tokenLines > 0) {
          fail(line, 1, 'expected a token line or a blank line, got a comment inside a sentence');
        }
        if (!b.open) b.line = line;
        b.comments.push(text);
        summary.comments++;
        if (text.startsWith('# sent_id =')) b.sentId = text.slice(11).trim();
        else if (text.startsWith('# text =')) b.text = text.slice(8).trim();
        else if (text.startsWith('# newdoc')) summary.documents++;
        continue;
      }
      if (!b.open) b.line = line;
      b.tokenLines++;
      const f = text.split('\t');
      if (f.length !== COLUMN_COUNT)
        fail(line, 1, `expected ${COLUMN_COUNT} tab-separated columns, got ${f.length}`);
      for (let i = 0; i < COLUMN_COUNT; i++) {
        if (f[i] === '')
          fail(
            line,
            fieldColumn(f, i),
            `expected a value in column ${CONLLU_FIELDS[i]}, got an empty field (use _)`,
          );
      }
      const id = f[0] as string;
      const form = f[1] as string;
      const lemma = f[2] as string;
      const upos = f[3] as string;
      const xpos = f[4] as string;
      const feats = f[5] as string;
      const head = f[6] as string;
      const deprel = f[7] as string;
      const deps = f[8] as string;
      const misc = f[9] as string;
      const expected = b.words.length + 1;
      const n = naturalNumber(id);
      if (n >= 0) {
        if (n !== expected) fail(line, 1, `expected word ID ${expected}, got ${id}`);
        const h = naturalNumber(head);
        if (h < 0)
          fail(line, fieldColumn(f, HEAD_INDEX), `expected HEAD to be a word ID or 0, got "${head}"`);
        if (h > n) b.heads.push({ line, column: fieldColumn(f, HEAD_INDEX), head: h });
        b.words.push({ id: n, form, lemma, upos, xpos, feats, head: h, deprel, deps, misc, line });
        b.emptyIndex = 0;
        continue;
      }
      const range = RANGE.exec(id);
      if (range !== null) {
        const start = Number(range[1]);
        const end = Number(range[2]);
        if (start !== expected)
          fail(line, 1, `expected multiword range to start at word ID ${expected}, got ${id}`);
        if (end <= start) fail(line, 1, `expected multiword range with start < end, got ${id}`);
        if (start <= b.rangeEnd)
          fail(line, 1, `expected multiword range after ${b.rangeEnd}, got ${id} (ranges overlap)`);
        b.rangeEnd = end;
        b.lastRange = { start, end, line };
        b.rangeCount++;
        b.coveredWords += end - start + 1;
        summary.multiwordTokens++;
        if (keepRanges) b.multiwordTokens.push({ start, end, form, misc, line });
        else summary.skippedMultiwordTokens++;
        continue;
      }
      const decimal = DECIMAL.exec(id);
      if (decimal !== null) {
        const after = Number(decimal[1]);
        const index = Number(decimal[2]);
        if (after !== expected - 1)
          fail(line, 1, `expected empty node ID ${expected - 1}.${b.emptyIndex + 1}, got ${id}`);
        if (index !== b.emptyIndex + 1)
          fail(line, 1, `expected empty node ID ${after}.${b.emptyIndex + 1}, got ${id}`);
        b.emptyIndex = index;
        summary.emptyNodes++;
        if (keepEmpty) b.emptyNodes.push({ after, index, form, lemma, upos, xpos, feats, deps, misc, line });
        else summary.skippedEmptyNodes++;
        continue;
      }
      fail(
        line,
        1,
        `expected ID to be a word ID (${expected}), a range like ${expected}-${expected + 1} or a decimal like ${expected - 1}.1, got "${id}"`,
      );
    }
  }
  if (b.words.length > 0) yield finish();
  else if (b.tokenLines > 0)
    fail(b.line, 1, 'expected at least one word (integer ID) in the sentence, got the end of the file');
  else if (b.open) fail(b.line, 1, 'expected token lines after the comments, got the end of the file');
}
