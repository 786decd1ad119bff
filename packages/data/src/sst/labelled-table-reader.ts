import { Readable } from 'node:stream';
import { ConfigError, DataFormatError } from '@recurrent/core';
import { openTextStream } from '../line-reader.js';
import { collectRecords, recordStream, type RecordStream } from '../record-stream.js';
import { TextWindow, delimitedRows, detectDelimiter, readHead } from './delimited-rows.js';

/** One row of a labelled table. */
export interface LabelledRow {
  /** 1-based line where the row starts (quoted fields may span lines). */
  readonly line: number;
  readonly label: string;
  readonly text: string;
}

/** Options of {@link readLabelledTable}. */
export interface LabelledTableOptions {
  /** Text column: a header name, or a 0-based index. */
  readonly text: string | number;
  /** Label column: a header name, or a 0-based index. */
  readonly label: string | number;
  /** First row is a header; default true. Columns given by name need it. */
  readonly header?: boolean;
  /** Field delimiter; default tab for `.tsv`, comma for `.csv` (also `.gz`), else detected. */
  readonly delimiter?: string;
  /** Fields may be quoted with `"` (RFC 4180); default true. False for TSV where `"` is plain text. */
  readonly quoted?: boolean;
  /** Allowed labels; others are a DataFormatError. Default: any. */
  readonly labels?: readonly string[];
}

/** Counts of what a table reader read. */
export interface LabelledTableSummary {
  /** Data rows (without the header). */
  rows: number;
  /** Rows per label, in order of first appearance. */
  labelCounts: Record<string, number>;
  /** Empty lines, skipped. */
  blankLines: number;
  /** Delimiter used (given, from the file name, or detected). */
  delimiter: string;
}

const QUOTE_ERRORS: Readonly<Record<string, string>> = {
  MissingQuotes: 'expected a closing quote for the quoted field, got the end of the file',
  InvalidQuotes: 'expected a delimiter or the end of the line after a closing quote',
};

/** A quote character that cannot occur in text: quoting off. */
const NO_QUOTE = '\u0000';

function defaultDelimiter(path: string): string | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.tsv')) return '\t';
  if (name.endsWith('.csv')) return ',';
  return undefined;
}

function columnIndex(column: string | number, headerRow: readonly string[] | undefined, key: string): number {
  if (typeof column === 'number') {
    if (!Number.isInteger(column) || column < 0) {
      throw new ConfigError(key, `must be a column name or a 0-based index, got ${column}`);
    }
    return column;
  }
  if (headerRow === undefined) {
    throw new ConfigError(key, `names a column ("${column}") but header is false; give an index`);
  }
  const at = headerRow.indexOf(column);
  if (at === -1) {
    throw new ConfigError(
      key,
      `must name a header column, got "${column}"; allowed: ${headerRow.join(', ')}`,
    );
  }
  return at;
}

/** Where the text comes from: a fresh stream per pass, and its first characters for detection. */
interface TableSource {
  readonly open: () => Promise<Readable>;
  readonly head: () => Promise<string>;
}

async function* parseTable(
  source: TableSource,
  file: string,
  options: LabelledTableOptions,
  summary: LabelledTableSummary,
): AsyncGenerator<LabelledRow> {
  const delim = options.delimiter ?? defaultDelimiter(file) ?? detectDelimiter(await source.head(), file);
  summary.delimiter = delim;
  const window = new TextWindow(file);
  const quoteChar = options.quoted === false ? NO_QUOTE : '"';
  const useHeader = options.header ?? true;
  let headerRow: string[] | undefined;
  let textAt = -1;
  let labelAt = -1;
  let width = -1;
  for await (const rows of delimitedRows(await source.open(), delim, window, quoteChar)) {
    for (const row of rows) {
      const where = window.locate(row.start);
      if (row.error !== undefined) {
        const detail = QUOTE_ERRORS[row.error.code] ?? `expected a well-formed row, got ${row.error.message}`;
        throw new DataFormatError(where, detail);
      }
      if (row.data.length === 1 && row.data[0] === '') {
        if (row.start < window.total) summary.blankLines++;
        continue;
      }
      if (width === -1) {
        width = row.data.length;
        if (useHeader) headerRow = row.data;
        textAt = columnIndex(options.text, headerRow, 'text');
        labelAt = columnIndex(options.label, headerRow, 'label');
        const needed = Math.max(textAt, labelAt) + 1;
        if (width < needed) {
          throw new DataFormatError(
            where,
            `expected at least ${needed} fields (text column ${textAt}, label column ${labelAt}), got ${width}`,
          );
        }
        if (useHeader) continue;
      }
      if (row.data.length !== width) {
        throw new DataFormatError(
          where,
          `expected ${width} fields separated by ${JSON.stringify(delim)}, got ${row.data.length}`,
        );
      }
      const label = row.data[labelAt] as string;
      if (options.labels !== undefined && !options.labels.includes(label)) {
        throw new DataFormatError(
          window.locate(window.fieldOffset(row.start, delim, labelAt, quoteChar)),
          `expected a label (${options.labels.join(', ')}), got "${label}"`,
        );
      }
      summary.rows++;
      summary.labelCounts[label] = (summary.labelCounts[label] ?? 0) + 1;
      yield { line: where.line, label, text: row.data[textAt] as string };
    }
    const last = rows[rows.length - 1];
    if (last !== undefined) window.release(last.start);
  }
}

function emptySummary(): LabelledTableSummary {
  return { rows: 0, labelCounts: {}, blankLines: 0, delimiter: '' };
}

/**
 * Streams a labelled TSV/CSV file (plain or gzip) through papaparse: quoted fields (also across
 * lines), an optional header row, and the text and label columns chosen by header name or index.
 * Rows with the wrong number of fields, bad quotes or unknown labels throw a `DataFormatError` at
 * `file:line:col`.
 *
 * @example
 * const stream = readLabelledTable('train.tsv', { text: 'sentence', label: 'label', labels: ['0', '1'] });
 * for await (const { text, label } of stream) use(text, label);
 */
export function readLabelledTable(
  path: string,
  options: LabelledTableOptions,
): RecordStream<LabelledRow, LabelledTableSummary> {
  return recordStream(emptySummary, (summary) =>
    parseTable(
      {
        open: async () => {
          const stream = await openTextStream(path);
          stream.setEncoding('utf8');
          return stream;
        },
        head: () => readHead(path),
      },
      path,
      options,
      summary,
    ),
  );
}

/**
 * {@link readLabelledTable} for text in memory; `name` appears in errors and picks the default
 * delimiter by its extension.
 *
 * @example
 * const stream = readLabelledTableString('label,text\n1,"good, really"\n', 'x.csv', { text: 'text', label: 'label' });
 */
export function readLabelledTableString(
  content: string,
  name: string,
  options: LabelledTableOptions,
): RecordStream<LabelledRow, LabelledTableSummary> {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const source: TableSource = { open: async () => Readable.from([text]), head: async () => text };
  return recordStream(emptySummary, (summary) => parseTable(source, name, options, summary));
}

/**
 * Reads a whole labelled table into memory.
 *
 * @example
 * const { rows, summary } = await loadLabelledTable('dev.csv', { text: 1, label: 0, header: false });
 */
export async function loadLabelledTable(
  path: string,
  options: LabelledTableOptions,
): Promise<{ rows: LabelledRow[]; summary: LabelledTableSummary }> {
  const { records, summary } = await collectRecords(readLabelledTable(path, options));
  return { rows: records, summary };
}
