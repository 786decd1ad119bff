import { ConfigError, DataFormatError, assertOneOf } from '@recurrent/core';
import type { LineBatch } from '../line-reader.js';
import type {
  ConllColumnOptions,
  ConllSentence,
  ConllSeparator,
  ConllSummary,
  ConllTagColumnOptions,
} from './conll-sentence.js';
import { TAG_SCHEMES, spansToTags, tagsToSpans } from './tag-spans.js';

const SEPARATORS: readonly ConllSeparator[] = ['whitespace', 'space', 'tab'];
const SEPARATOR_NAMES: Readonly<Record<ConllSeparator, string>> = {
  whitespace: 'whitespace-separated',
  space: 'space-separated',
  tab: 'tab-separated',
};
const WHITESPACE_RUN = /[ \t]+/;
const BLANK = /^[ \t]*$/;

function splitLine(text: string, separator: ConllSeparator): string[] {
  if (separator === 'tab') return text.split('\t');
  if (separator === 'space') return text.split(' ');
  return text.trimEnd().split(WHITESPACE_RUN);
}

/** 1-based character column where field `index` of `text` starts. */
function fieldStart(text: string, separator: ConllSeparator, index: number): number {
  const isSeparator =
    separator === 'tab'
      ? (c: number) => c === 0x09
      : separator === 'space'
        ? (c: number) => c === 0x20
        : (c: number) => c === 0x09 || c === 0x20;
  let field = 0;
  for (let i = 0; i < text.length; i++) {
    if (field === index) return i + 1;
    if (isSeparator(text.charCodeAt(i))) {
      field++;
      if (separator === 'whitespace') while (i + 1 < text.length && isSeparator(text.charCodeAt(i + 1))) i++;
    }
  }
  return text.length + 1;
}

interface ResolvedColumns {
  readonly indices: readonly number[];
  readonly names: readonly string[];
  readonly minColumns: number;
  readonly tags: readonly (readonly [name: string, index: number, options: ConllTagColumnOptions])[];
}

function resolveColumns(options: ConllColumnOptions): ResolvedColumns {
  const entries = Object.entries(options.columns ?? {});
  if (entries.length === 0) throw new ConfigError('columns', 'must name at least one column, got {}');
  const indices: number[] = [];
  const names: string[] = [];
  for (const [key, name] of entries) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0) {
      throw new ConfigError(`columns.${key}`, `must be keyed by a column index (0, 1, …), got "${key}"`);
    }
    if (typeof name !== 'string' || name === '' || names.includes(name)) {
      throw new ConfigError(
        `columns.${key}`,
        `must be a non-empty name used once, got ${JSON.stringify(name)}`,
      );
    }
    indices.push(index);
    names.push(name);
  }
  const tags = Object.entries(options.tags ?? {}).map(([name, tagOptions]) => {
    const at = names.indexOf(name);
    if (at === -1)
      throw new ConfigError(
        `tags.${name}`,
        `must name a column, got "${name}"; allowed: ${names.join(', ')}`,
      );
    assertOneOf(tagOptions.scheme, `tags.${name}.scheme`, TAG_SCHEMES);
    if (tagOptions.convertTo !== undefined)
      assertOneOf(tagOptions.convertTo, `tags.${name}.convertTo`, TAG_SCHEMES);
    return [name, indices[at] as number, tagOptions] as const;
  });
  return { indices, names, minColumns: Math.max(...indices) + 1, tags };
}

/**
 * Parses CoNLL column lines (CoNLL-2000, CoNLL-2003, flair `ColumnCorpus`), given in batches,
 * into sentences: blank lines end sentences, `-DOCSTART-` lines mark documents and are not
 * sentences, every token line has the same number of columns, and tag columns are validated
 * (and converted) per sentence. Fills `summary` as it goes.
 *
 * @example
 * const summary = emptyConllSummary();
 * const lines = lineBatchesOfString('EU NNP B-ORG\nrejects VBZ O\n');
 * for await (const s of parseConllLines(lines, 'x', { columns: { 0: 'text', 2: 'ner' } }, summary)) use(s);
 */
export async function* parseConllLines(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: ConllColumnOptions,
  summary: ConllSummary,
): AsyncGenerator<ConllSentence> {
  const separator = options.separator ?? 'whitespace';
  assertOneOf(separator, 'separator', SEPARATORS);
  const { indices, names, minColumns, tags } = resolveColumns(options);
  const marker = options.documentMarker ?? '-DOCSTART-';
  const comment = options.commentPrefix;
  const separatorName = SEPARATOR_NAMES[separator];
  const fail = (line: number, column: number, detail: string): never => {
    throw new DataFormatError({ file, line, column }, detail);
  };

  let columns: string[][] = names.map(() => []);
  let lines: number[] = [];
  let raws: string[] = [];

  const finish = (): ConllSentence => {
    const named: Record<string, readonly string[]> = {};
    names.forEach((name, k) => (named[name] = columns[k] as string[]));
    for (const [name, index, tagOptions] of tags) {
      const texts = raws;
      const at = lines;
      const spans = tagsToSpans(named[name] as string[], tagOptions.scheme, (i) => ({
        file,
        line: at[i] as number,
        column: fieldStart(texts[i] as string, separator, index),
      }));
      if (tagOptions.convertTo !== undefined && tagOptions.convertTo !== tagOptions.scheme) {
        named[name] = spansToTags(spans, lines.length, tagOptions.convertTo);
      }
    }
    const sentence: ConllSentence = {
      line: lines[0] as number,
      document: summary.documents,
      lines,
      columns: named,
    };
    summary.sentences++;
    summary.tokens += lines.length;
    columns = names.map(() => []);
    lines = [];
    raws = [];
    return sentence;
  };

  for await (const { first, lines: batch } of batches) {
    for (let i = 0; i < batch.length; i++) {
      const text = batch[i] as string;
      const line = first + i;
      summary.lines++;
      if (text === '' || (separator === 'whitespace' && BLANK.test(text))) {
        if (lines.length > 0) yield finish();
        continue;
      }
      if (comment !== undefined && text.startsWith(comment)) {
        summary.comments++;
        continue;
      }
      const fields = splitLine(text, separator);
      if (fields[0] === marker) {
        if (lines.length > 0)
          fail(line, 1, `expected a blank line before ${marker}, got it inside a sentence`);
        summary.documents++;
        continue;
      }
      for (let k = 0; k < fields.length; k++) {
        if (fields[k] === '') {
          const detail =
            k === 0 && separator === 'whitespace'
              ? 'expected a field at the start of the line, got whitespace'
              : 'expected a value, got an empty field';
          fail(line, fieldStart(text, separator, k), detail);
        }
      }
      if (summary.columnCount === 0) {
        if (fields.length < minColumns) {
          fail(
            line,
            1,
            `expected at least ${minColumns} ${separatorName} columns (the column map uses column ${minColumns - 1}), got ${fields.length}`,
          );
        }
        summary.columnCount = fields.length;
      } else if (fields.length !== summary.columnCount) {
        fail(line, 1, `expected ${summary.columnCount} ${separatorName} columns, got ${fields.length}`);
      }
      for (let k = 0; k < indices.length; k++)
        (columns[k] as string[]).push(fields[indices[k] as number] as string);
      lines.push(line);
      raws.push(text);
    }
  }
  if (lines.length > 0) yield finish();
}
