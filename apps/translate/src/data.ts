import { existsSync, statSync } from 'node:fs';
import { RecurrentError } from '@recurrent/core';
import { readAlignedPairs, readTsvPairs, type ParallelPair } from '@recurrent/data';

/** How a pair file is laid out: `tsv` (one pair per line, Tatoeba/Anki), `aligned` (`<prefix>.<lang>[.gz]`, Multi30k). */
export const DATA_FORMATS = ['auto', 'aligned', 'tsv'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** Where the source and target sentences are in a data file. */
export interface PairFileOptions {
  /** `auto`: `tsv` when the path is a file, else `aligned`. */
  readonly format: DataFormat;
  /** Aligned files: language suffixes of the source and target files (`de`, `en`). */
  readonly sourceLang: string;
  readonly targetLang: string;
  /** TSV: 0-based columns of the source and target sentences. */
  readonly sourceColumn: number;
  readonly targetColumn: number;
}

/** Defaults: Multi30k German → English, or TSV column 0 → column 1 (Tatoeba English → French). */
export const DEFAULT_PAIR_FILE_OPTIONS: PairFileOptions = { format: 'auto', sourceLang: 'de', targetLang: 'en', sourceColumn: 0, targetColumn: 1 };

/**
 * The file of one side of an aligned corpus: `<prefix>.<lang>`, else `<prefix>.<lang>.gz`.
 *
 * @example
 * alignedFile('datasets/multi30k/sample/train', 'de'); // 'datasets/multi30k/sample/train.de'
 */
export function alignedFile(prefix: string, lang: string): string {
  for (const candidate of [`${prefix}.${lang}`, `${prefix}.${lang}.gz`]) if (existsSync(candidate)) return candidate;
  throw new RecurrentError('IO', `${prefix}.${lang}: no such file (also tried ${prefix}.${lang}.gz); give a TSV file or the prefix of line-aligned files`);
}

/**
 * Reads every sentence pair of `path` (a TSV file, or the prefix of two line-aligned files).
 * Malformed lines throw the readers' `DataFormatError` (`file:line:col: …`).
 *
 * @example
 * const pairs = await readPairs('datasets/multi30k/sample/val', DEFAULT_PAIR_FILE_OPTIONS); // 12 de→en pairs
 */
export async function readPairs(path: string, options: PairFileOptions): Promise<ParallelPair[]> {
  const isFile = existsSync(path) && statSync(path).isFile();
  const format = options.format === 'auto' ? (isFile ? 'tsv' : 'aligned') : options.format;
  const stream =
    format === 'tsv'
      ? readTsvPairs(path, { sourceColumn: options.sourceColumn, targetColumn: options.targetColumn })
      : readAlignedPairs(alignedFile(path, options.sourceLang), alignedFile(path, options.targetLang));
  const pairs: ParallelPair[] = [];
  for await (const pair of stream) pairs.push(pair);
  if (pairs.length === 0) throw new RecurrentError('DATA_FORMAT', `${path}: no sentence pairs found`);
  return pairs;
}
