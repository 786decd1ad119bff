import { lineBatchesOfString, readLineBatches } from '../line-reader.js';
import { collectRecords, recordStream, type RecordStream } from '../record-stream.js';
import { type ConlluOptions, parseConlluLines } from './conllu-parser.js';
import { type ConlluSentence, type ConlluSummary, emptyConlluSummary } from './conllu-sentence.js';

/**
 * Streams the sentences of a CoNLL-U file (plain or gzip, BOM and CRLF accepted). Multiword ranges
 * and empty nodes are counted in `summary` and left out unless the options keep them. Throws a
 * `DataFormatError` (`file:line:col: …`) on the first malformed line.
 *
 * @example
 * const stream = readConllu('en_ewt-ud-dev.conllu');
 * for await (const sentence of stream) tags.push(conlluColumn(sentence, 'UPOS'));
 * stream.summary; // { sentences: 2001, words: 25147, multiwordTokens: 359, emptyNodes: 4, … }
 */
export function readConllu(
  path: string,
  options: ConlluOptions = {},
): RecordStream<ConlluSentence, ConlluSummary> {
  return recordStream(emptyConlluSummary, (summary) =>
    parseConlluLines(readLineBatches(path), path, options, summary),
  );
}

/**
 * Parses CoNLL-U text already in memory (tests, stdin); `name` is the file name used in errors.
 *
 * @example
 * const { sentences } = await loadConlluString('1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n', 'stdin');
 * sentences[0].words[0].upos; // 'INTJ'
 */
export function readConlluString(
  content: string,
  name: string,
  options: ConlluOptions = {},
): RecordStream<ConlluSentence, ConlluSummary> {
  return recordStream(emptyConlluSummary, (summary) =>
    parseConlluLines(lineBatchesOfString(content), name, options, summary),
  );
}

/** Every sentence of a CoNLL-U file and the final counts. */
export interface LoadedConllu {
  readonly sentences: ConlluSentence[];
  readonly summary: ConlluSummary;
}

/**
 * Reads a whole CoNLL-U file into memory.
 *
 * @example
 * const { sentences, summary } = await loadConllu('en_ewt-ud-train.conllu.gz');
 * summary.sentences; // 12544
 */
export async function loadConllu(path: string, options: ConlluOptions = {}): Promise<LoadedConllu> {
  const { records, summary } = await collectRecords(readConllu(path, options));
  return { sentences: records, summary };
}

/**
 * {@link loadConllu} for text in memory; `name` appears in errors.
 *
 * @example
 * const { summary } = await loadConlluString(text, 'stdin');
 */
export async function loadConlluString(
  content: string,
  name: string,
  options: ConlluOptions = {},
): Promise<LoadedConllu> {
  const { records, summary } = await collectRecords(readConlluString(content, name, options));
  return { sentences: records, summary };
}
