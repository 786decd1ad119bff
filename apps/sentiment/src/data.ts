import { open } from 'node:fs/promises';
import { ConfigError, DataFormatError, RecurrentError } from '@recurrent/core';
import { SST2_LABELS, SST5_LABELS, loadLabelledSentences, loadLabelledTable, loadSstTrees } from '@recurrent/data';
import { tokenizeEnglish } from '@recurrent/text';

/** Data file formats: SST PTB trees, `label sentence` lines (stsa.*), or a labelled TSV/CSV table. */
export const DATA_FORMATS = ['auto', 'trees', 'flat', 'table'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** How to read a data file; shared by train, eval and predict. */
export interface DataOptions {
  /** `auto`: a table when a column is named or the name ends in .tsv/.csv, trees when the first line starts with `(`, else flat. */
  readonly format: DataFormat;
  /**
   * SST-2 from 5-class files: 0,1 → negative, 3,4 → positive, neutral dropped. `auto` (used when
   * a bundle trained with `binary` reads a file): binarise trees, and flat files whose labels go
   * above 1; a flat file with only 0/1 labels is already SST-2.
   */
  readonly binary: boolean | 'auto';
  /** Table text column (header name or 0-based index); default `text`. */
  readonly textColumn?: string | undefined;
  /** Table label column (header name or 0-based index); default `label`. */
  readonly labelColumn?: string | undefined;
  /** Also return every labelled phrase of the trees (deduplicated), besides the sentences. */
  readonly phrases?: boolean;
  /** Label names the model knows (from a bundle): fixes which SST names numeric labels get. */
  readonly knownLabels?: readonly string[];
}

/** One labelled example: tokens as read (the vocabulary lowercases) and the label name. */
export interface SentimentExample {
  readonly tokens: readonly string[];
  readonly label: string;
  /** 1-based line in the file. */
  readonly line: number;
}

/** A data file read into memory. */
export interface SentimentData {
  readonly file: string;
  readonly format: Exclude<DataFormat, 'auto'>;
  /** One example per sentence (tree root, line, or table row). */
  readonly sentences: readonly SentimentExample[];
  /** Labelled phrases below the roots (only with `phrases` on tree files), deduplicated by text and label. */
  readonly phrases: readonly SentimentExample[];
  /** The class names the file's labels belong to, in output order. */
  readonly labels: readonly string[];
}

/** Number-like strings sort numerically, the rest by code unit. */
function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

async function firstLine(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new RecurrentError('IO', `${file}: cannot open the data file (${(error as Error).message})`, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
    return text.split('\n').find((line) => line.trim() !== '') ?? '';
  } finally {
    await handle.close();
  }
}

/**
 * The concrete format of `file` under `options` (see {@link DataOptions.format}).
 *
 * @example
 * await resolveDataFormat('sst5/trees/dev.txt', { format: 'auto', binary: false }); // 'trees'
 */
export async function resolveDataFormat(file: string, options: DataOptions): Promise<Exclude<DataFormat, 'auto'>> {
  if (options.format !== 'auto') return options.format;
  if (options.textColumn !== undefined || options.labelColumn !== undefined) return 'table';
  if (/\.(tsv|csv)(\.gz)?$/i.test(file)) return 'table';
  if (/\.gz$/i.test(file)) return 'flat';
  return (await firstLine(file)).trimStart().startsWith('(') ? 'trees' : 'flat';
}

/** A column flag: a 0-based index when it is all digits, else a header name. */
function column(value: string | undefined, fallback: string): string | number {
  if (value === undefined || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** SST class names for numeric 0–4 (or 0–1) labels. */
function sstNames(options: DataOptions, maxLabel: number): readonly string[] {
  if (options.binary === true) return SST2_LABELS;
  if (options.knownLabels?.length === SST5_LABELS.length) return SST5_LABELS;
  if (options.knownLabels?.length === SST2_LABELS.length) return SST2_LABELS;
  return maxLabel <= 1 ? SST2_LABELS : SST5_LABELS;
}

function checkNotEmpty(file: string, line: number, tokens: readonly string[]): void {
  if (tokens.length === 0) throw new DataFormatError({ file, line, column: 1 }, 'expected a sentence with at least one token, got none');
}

/**
 * Reads a labelled data file into memory through the `@recurrent/data` readers (which throw
 * `file:line:col` errors on malformed input) and names its labels: SST names for trees and
 * flat files, the label strings themselves (sorted) for tables.
 *
 * @example
 * const dev = await loadSentimentData('sst2/stsa.binary.dev', { format: 'auto', binary: false });
 * dev.labels;           // ['negative', 'positive']
 * dev.sentences.length; // 872
 */
export async function loadSentimentData(file: string, options: DataOptions): Promise<SentimentData> {
  const format = await resolveDataFormat(file, options);
  if (options.phrases === true && format !== 'trees') {
    throw new ConfigError('phrases', `needs SST tree files (format trees), got ${format} for ${file}`);
  }
  if (format === 'trees') {
    const binary = options.binary !== false;
    const { trees } = await loadSstTrees(file, { binary });
    const names = binary ? SST2_LABELS : SST5_LABELS;
    const sentences = trees.map((t) => ({ tokens: t.tokens, label: names[t.label] as string, line: t.line }));
    const phrases: SentimentExample[] = [];
    if (options.phrases === true) {
      const seen = new Set<string>();
      for (const tree of trees) {
        // phrases[0] is the root, already a sentence.
        for (const phrase of tree.phrases.slice(1)) {
          const key = `${phrase.label}\t${phrase.text.toLowerCase()}`;
          if (seen.has(key)) continue;
          seen.add(key);
          phrases.push({ tokens: tree.tokens.slice(phrase.start, phrase.end), label: names[phrase.label] as string, line: tree.line });
        }
      }
    }
    return { file, format, sentences, phrases, labels: names };
  }
  if (format === 'flat') {
    let { sentences: lines } = await loadLabelledSentences(file, { binary: options.binary === true });
    let maxLabel = lines.reduce((m, s) => Math.max(m, s.label), 0);
    const binary = options.binary === true || (options.binary === 'auto' && maxLabel > 1);
    if (binary && options.binary === 'auto') {
      lines = (await loadLabelledSentences(file, { binary: true })).sentences;
      maxLabel = 1;
    }
    const names = sstNames({ ...options, binary }, maxLabel);
    const sentences = lines.map((s) => {
      const name = names[s.label];
      if (name === undefined) {
        throw new DataFormatError({ file, line: s.line, column: 1 }, `expected a label (0–${names.length - 1}), got "${s.label}"`);
      }
      return { tokens: s.tokens, label: name, line: s.line };
    });
    return { file, format, sentences, phrases: [], labels: names };
  }
  const { rows } = await loadLabelledTable(file, {
    text: column(options.textColumn, 'text'),
    label: column(options.labelColumn, 'label'),
    ...(options.knownLabels === undefined ? {} : { labels: options.knownLabels }),
  });
  const sentences = rows.map((row) => {
    const tokens = tokenizeEnglish(row.text);
    checkNotEmpty(file, row.line, tokens);
    return { tokens, label: row.label, line: row.line };
  });
  const labels = options.knownLabels ?? [...new Set(rows.map((r) => r.label))].sort(compareLabels);
  return { file, format, sentences, phrases: [], labels };
}
