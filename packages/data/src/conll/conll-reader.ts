import { lineBatchesOfString, readLineBatches } from '../line-reader.js';
import { collectRecords, recordStream, type RecordStream } from '../record-stream.js';
import { parseConllLines } from './conll-parser.js';
import {
  type ConllColumnOptions,
  type ConllSentence,
  type ConllSummary,
  emptyConllSummary,
} from './conll-sentence.js';

/**
 * Streams the sentences of a CoNLL column file (plain or gzip, BOM and CRLF accepted), keeping
 * the columns named in `options.columns`. Throws a `DataFormatError` (`file:line:col: …`) on the
 * first malformed line or tag.
 *
 * @example
 * const stream = readConllColumns('train.txt', {
 *   columns: CONLL_2003_COLUMNS,
 *   separator: 'space',
 *   tags: { ner: { scheme: 'IOB2', convertTo: 'IOBES' } },
 * });
 * for await (const s of stream) use(s.columns.text, s.columns.ner);
 * stream.summary; // { sentences: 14041, tokens: 203621, documents: 946, … }
 */
export function readConllColumns(
  path: string,
  options: ConllColumnOptions,
): RecordStream<ConllSentence, ConllSummary> {
  return recordStream(emptyConllSummary, (summary) =>
    parseConllLines(readLineBatches(path), path, options, summary),
  );
}

/**
 * {@link readConllColumns} for text in memory; `name` is the file name used in errors.
 *
 * @example
 * const stream = readConllColumnsString('EU B-ORG\n', 'stdin', { columns: { 0: 'text', 1: 'ner' } });
 */
export function readConllColumnsString(
  content: string,
  name: string,
  options: ConllColumnOptions,
): RecordStream<ConllSentence, ConllSummary> {
  return recordStream(emptyConllSummary, (summary) =>
    parseConllLines(lineBatchesOfString(content), name, options, summary),
  );
}

/** Every sentence of a column file and the final counts. */
export interface LoadedConll {
  readonly sentences: ConllSentence[];
  readonly summary: ConllSummary;
}

/**
 * Reads a whole CoNLL column file into memory.
 *
 * @example
 * const { sentences, summary } = await loadConllColumns('valid.txt', { columns: CONLL_2003_COLUMNS });
 */
export async function loadConllColumns(path: string, options: ConllColumnOptions): Promise<LoadedConll> {
  const { records, summary } = await collectRecords(readConllColumns(path, options));
  return { sentences: records, summary };
}

/**
 * {@link loadConllColumns} for text in memory; `name` appears in errors.
 *
 * @example
 * const { sentences } = await loadConllColumnsString('EU B-ORG\n', 'x', { columns: { 0: 'text', 1: 'ner' } });
 */
export async function loadConllColumnsString(
  content: string,
  name: string,
  options: ConllColumnOptions,
): Promise<LoadedConll> {
  const { records, summary } = await collectRecords(readConllColumnsString(content, name, options));
  return { sentences: records, summary };
}
