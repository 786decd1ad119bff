import { ConfigError, DataFormatError } from '@recurrent/core';
import { lineBatchesOfString, readLineBatches, type LineBatch } from '../line-reader.js';
import { collectRecords, recordStream, type RecordStream } from '../record-stream.js';
import { binariseSst } from './sst-labels.js';

/** One `label sentence` line. */
export interface LabelledSentence {
  readonly line: number;
  /** Index of the label in `options.labels` (after binarisation with `binary`). */
  readonly label: number;
  readonly text: string;
  /** The sentence split on whitespace. */
  readonly tokens: readonly string[];
}

/** Options of {@link readLabelledSentences}. */
export interface LabelledSentenceOptions {
  /** Allowed label strings; a line's label is its index here. Default `['0', '1', '2', '3', '4']` (SST-5). */
  readonly labels?: readonly string[];
  /** SST-2 binarisation of 5-class labels: 0,1 → 0, 3,4 → 1, 2 dropped and counted. */
  readonly binary?: boolean;
}

/** Counts of what a labelled-sentence reader read and dropped. */
export interface LabelledSentenceSummary {
  lines: number;
  /** Sentences yielded. */
  sentences: number;
  /** Whitespace tokens of the yielded sentences. */
  tokens: number;
  /** Lines per label index (one entry per allowed label), counted before binarisation. */
  labelCounts: number[];
  /** Neutral sentences dropped by `binary`. */
  droppedNeutral: number;
  /** Blank lines, skipped. */
  blankLines: number;
}

/**
 * SST-5 label strings, the default of {@link LabelledSentenceOptions.labels}.
 *
 * @example
 * readLabelledSentences('stsa.fine.dev', { labels: SST5_LABEL_IDS });
 */
export const SST5_LABEL_IDS: readonly string[] = ['0', '1', '2', '3', '4'];
const WHITESPACE = /\s+/;

async function* parseLabelled(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: LabelledSentenceOptions,
  summary: LabelledSentenceSummary,
): AsyncGenerator<LabelledSentence> {
  const labels = options.labels ?? SST5_LABEL_IDS;
  const binary = options.binary === true;
  if (binary && labels.length !== SST5_LABEL_IDS.length) {
    throw new ConfigError('binary', `needs the 5 SST-5 labels, got ${labels.length}: ${labels.join(', ')}`);
  }
  const fail = (line: number, column: number, detail: string): never => {
    throw new DataFormatError({ file, line, column }, detail);
  };
  summary.labelCounts = labels.map(() => 0);
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      const line = first + i;
      summary.lines++;
      if (raw.trim() === '') {
        summary.blankLines++;
        continue;
      }
      const space = raw.indexOf(' ');
      if (space === -1)
        fail(
          line,
          raw.length + 1,
          `expected a space and a sentence after the label, got the end of the line`,
        );
      const labelText = raw.slice(0, space);
      const index = labels.indexOf(labelText);
      if (index === -1) fail(line, 1, `expected a label (${labels.join(', ')}), got "${labelText}"`);
      const text = raw.slice(space + 1).trim();
      if (text === '') fail(line, space + 2, 'expected a sentence after the label, got only spaces');
      summary.labelCounts[index]! += 1;
      const label = binary ? binariseSst(index) : index;
      if (label === undefined) {
        summary.droppedNeutral++;
        continue;
      }
      const tokens = text.split(WHITESPACE);
      summary.sentences++;
      summary.tokens += tokens.length;
      yield { line, label, text, tokens };
    }
  }
}

function emptySummary(): LabelledSentenceSummary {
  return { lines: 0, sentences: 0, tokens: 0, labelCounts: [], droppedNeutral: 0, blankLines: 0 };
}

/**
 * Streams a `label sentence` file (the `stsa.binary.*` / `stsa.fine.*` format: the label, one
 * space, the tokenised sentence). Unknown labels and lines without a sentence throw a
 * `DataFormatError` at `file:line:col`.
 *
 * @example
 * const stream = readLabelledSentences('sst2/stsa.binary.dev', { labels: ['0', '1'] });
 * for await (const { label, tokens } of stream) use(label, tokens);
 * stream.summary.labelCounts; // [428, 444]
 */
export function readLabelledSentences(
  path: string,
  options: LabelledSentenceOptions = {},
): RecordStream<LabelledSentence, LabelledSentenceSummary> {
  return recordStream(emptySummary, (summary) =>
    parseLabelled(readLineBatches(path), path, options, summary),
  );
}

/**
 * {@link readLabelledSentences} for text in memory; `name` appears in errors.
 *
 * @example
 * const stream = readLabelledSentencesString('1 great film\n', 'stdin', { labels: ['0', '1'] });
 */
export function readLabelledSentencesString(
  content: string,
  name: string,
  options: LabelledSentenceOptions = {},
): RecordStream<LabelledSentence, LabelledSentenceSummary> {
  return recordStream(emptySummary, (summary) =>
    parseLabelled(lineBatchesOfString(content), name, options, summary),
  );
}

/**
 * Reads a whole `label sentence` file into memory.
 *
 * @example
 * const { sentences, summary } = await loadLabelledSentences('sst5/stsa.fine.train');
 */
export async function loadLabelledSentences(
  path: string,
  options: LabelledSentenceOptions = {},
): Promise<{ sentences: LabelledSentence[]; summary: LabelledSentenceSummary }> {
  const { records, summary } = await collectRecords(readLabelledSentences(path, options));
  return { sentences: records, summary };
}
