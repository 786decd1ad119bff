import type { Argv } from 'yargs';
import { DATA_FORMATS, DEFAULT_PAIR_FILE_OPTIONS as D, type DataFormat, type PairFileOptions } from '../data.js';

/** The data flags shared by train, eval and predict. */
export interface DataArgs {
  readonly format: DataFormat;
  readonly sourceLang: string;
  readonly targetLang: string;
  readonly sourceColumn: number;
  readonly targetColumn: number;
}

/**
 * Adds `--format`, `--source-lang`, `--target-lang`, `--source-column`, `--target-column`.
 *
 * @example
 * withDataOptions(yargs).option('data', { type: 'string', demandOption: true });
 */
export function withDataOptions<T>(y: Argv<T>): Argv<T & DataArgs> {
  return y
    .option('format', { type: 'string', choices: DATA_FORMATS, default: D.format, describe: 'tsv (one pair per line), aligned (<prefix>.<lang>[.gz]); auto: tsv if the path is a file' })
    .option('source-lang', { type: 'string', default: D.sourceLang, describe: 'aligned files: suffix of the source side' })
    .option('target-lang', { type: 'string', default: D.targetLang, describe: 'aligned files: suffix of the target side' })
    .option('source-column', { type: 'number', default: D.sourceColumn, describe: 'TSV: 0-based column of the source sentence' })
    .option('target-column', { type: 'number', default: D.targetColumn, describe: 'TSV: 0-based column of the target sentence' }) as unknown as Argv<T & DataArgs>;
}

/** The data flags as reader options. @example `pairFileOptions(argv)` */
export function pairFileOptions(argv: DataArgs): PairFileOptions {
  return { format: argv.format, sourceLang: argv.sourceLang, targetLang: argv.targetLang, sourceColumn: argv.sourceColumn, targetColumn: argv.targetColumn };
}
