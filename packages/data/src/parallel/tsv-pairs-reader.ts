import { DataFormatError, assert, assertOneOf } from '@recurrent/core';
import { lineBatchesOfString, readLineBatches, type LineBatch } from '../line-reader.js';
import { recordStream, type RecordStream } from '../record-stream.js';
import {
  EMPTY_SIDE_POLICIES,
  emptyParallelSummary,
  type EmptySidePolicy,
  type ParallelPair,
  type ParallelReadSummary,
} from './parallel-pair.js';

/** Options of {@link readTsvPairs}. */
export interface TsvPairsOptions {
  /** 0-based column of the source sentence; default 0. */
  readonly sourceColumn?: number;
  /** 0-based column of the target sentence; default 1. */
  readonly targetColumn?: number;
  /** A pair with one empty side: throw (default) or skip and count. */
  readonly emptySide?: EmptySidePolicy;
}

type ResolvedOptions = Required<TsvPairsOptions>;

function resolve(options: TsvPairsOptions): ResolvedOptions {
  const sourceColumn = options.sourceColumn ?? 0;
  const targetColumn = options.targetColumn ?? 1;
  const emptySide = options.emptySide ?? 'error';
  for (const [name, value] of [
    ['sourceColumn', sourceColumn],
    ['targetColumn', targetColumn],
  ] as const) {
    assert(
      Number.isInteger(value) && value >= 0,
      () => `${name} must be a non-negative integer, got ${String(value)}`,
      'CONFIG',
    );
  }
  assert(
    sourceColumn !== targetColumn,
    () => `sourceColumn and targetColumn must differ, both are ${sourceColumn}`,
    'CONFIG',
  );
  assertOneOf(emptySide, 'emptySide', EMPTY_SIDE_POLICIES);
  return { sourceColumn, targetColumn, emptySide };
}

/** 1-based character column where the 0-based tab-separated field `index` starts. */
function fieldColumn(fields: readonly string[], index: number): number {
  let column = 1;
  for (let i = 0; i < index; i++) column += (fields[i] as string).length + 1;
  return column;
}

async function* parseTsvPairs(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: ResolvedOptions,
  summary: ParallelReadSummary,
): AsyncGenerator<ParallelPair> {
  const { sourceColumn, targetColumn, emptySide } = options;
  const needed = Math.max(sourceColumn, targetColumn) + 1;
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const line = first + i;
      summary.lines++;
      if (text.trim() === '') {
        summary.blankLines++;
        continue;
      }
      const fields = text.split('\t');
      if (fields.length < needed) {
        throw new DataFormatError(
          { file, line, column: text.length + 1 },
          `expected at least ${needed} tab-separated columns (source in ${sourceColumn + 1}, target in ${targetColumn + 1}), got ${fields.length}`,
        );
      }
      const source = fields[sourceColumn] as string;
      const target = fields[targetColumn] as string;
      const emptyIndex = source.trim() === '' ? sourceColumn : target.trim() === '' ? targetColumn : -1;
      if (emptyIndex >= 0) {
        if (emptySide === 'skip') {
          summary.skippedEmptySide++;
          continue;
        }
        const side = emptyIndex === sourceColumn ? 'source' : 'target';
        throw new DataFormatError(
          { file, line, column: fieldColumn(fields, emptyIndex) },
          `expected a non-empty ${side} sentence in column ${emptyIndex + 1}, found an empty field (use emptySide: 'skip' to skip such pairs)`,
        );
      }
      const extra =
        fields.length === 2 ? [] : fields.filter((_, k) => k !== sourceColumn && k !== targetColumn);
      summary.pairs++;
      yield { source, target, line, extra };
    }
  }
}

/**
 * Streams sentence pairs from a TSV file in the Tatoeba/Anki style `eng<TAB>fra<TAB>attribution`
 * (gzip, BOM and CRLF handled). Columns beyond source and target are kept in `extra`.
 * A line with too few columns throws `file:line:col: expected …`; blank lines are counted and skipped;
 * a pair with one empty side throws unless `emptySide: 'skip'` (then counted).
 *
 * @example
 * const pairs = readTsvPairs('datasets/tatoeba/sample/eng-fra.tsv');
 * for await (const { source, target } of pairs) console.log(source, '→', target);
 * console.log(pairs.summary); // { lines, pairs, blankLines, skippedEmptySide }
 */
export function readTsvPairs(
  path: string,
  options: TsvPairsOptions = {},
): RecordStream<ParallelPair, ParallelReadSummary> {
  const resolved = resolve(options);
  return recordStream(emptyParallelSummary, (summary) =>
    parseTsvPairs(readLineBatches(path), path, resolved, summary),
  );
}

/**
 * {@link readTsvPairs} for text in memory (tests, stdin); `name` appears in errors.
 *
 * @example
 * const { records } = await collectRecords(readTsvPairsString('Go.\tVa !\n', 'stdin'));
 */
export function readTsvPairsString(
  content: string,
  name: string,
  options: TsvPairsOptions = {},
): RecordStream<ParallelPair, ParallelReadSummary> {
  const resolved = resolve(options);
  return recordStream(emptyParallelSummary, (summary) =>
    parseTsvPairs(lineBatchesOfString(content), name, resolved, summary),
  );
}
