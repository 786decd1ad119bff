import type { Argv } from 'yargs';
import { DATA_FORMATS, type DataFormat, type DataOptions } from '../data.js';

/** The data flags shared by train, eval and predict. */
export interface DataArgs {
  readonly format: DataFormat;
  readonly binary: boolean | undefined;
  readonly textColumn: string | undefined;
  readonly labelColumn: string | undefined;
}

/**
 * Adds `--format`, `--binary`, `--text-column`, `--label-column`.
 *
 * @example
 * withDataOptions(yargs).option('data', { type: 'string', demandOption: true });
 */
export function withDataOptions<T>(y: Argv<T>): Argv<T & DataArgs> {
  return y
    .option('format', {
      type: 'string',
      choices: DATA_FORMATS,
      default: 'auto' as DataFormat,
      describe: 'data format: trees (SST PTB), flat (label sentence), table (TSV/CSV); auto detects',
    })
    .option('binary', {
      type: 'boolean',
      default: undefined,
      defaultDescription: 'false (eval/predict: as trained)',
      describe: 'SST-2 from 5-class files: 0,1 negative, 3,4 positive, neutral dropped',
    })
    .option('text-column', {
      type: 'string',
      default: undefined,
      defaultDescription: 'text',
      describe: 'TSV/CSV text column: header name or 0-based index',
    })
    .option('label-column', {
      type: 'string',
      default: undefined,
      defaultDescription: 'label',
      describe: 'TSV/CSV label column: header name or 0-based index',
    }) as unknown as Argv<T & DataArgs>;
}

/**
 * The data flags as {@link DataOptions} fields (only those given, for eval/predict overrides).
 *
 * @example
 * dataOverrides(argv); // { format: 'auto' }
 */
export function dataOverrides(argv: DataArgs): Partial<DataOptions> {
  return {
    format: argv.format,
    ...(argv.binary === undefined ? {} : { binary: argv.binary }),
    ...(argv.textColumn === undefined ? {} : { textColumn: argv.textColumn }),
    ...(argv.labelColumn === undefined ? {} : { labelColumn: argv.labelColumn }),
  };
}
