import type { Argv } from 'yargs';
import { LENGTH_PENALTIES, type LengthPenaltyKind } from '@recurrent/decoding';

/** Search flags shared by eval and predict. */
export interface SearchArgs {
  readonly beam: number;
  readonly lengthPenalty: LengthPenaltyKind;
  readonly alpha: number;
  readonly batchSize: number;
}

/**
 * Adds `--beam`, `--length-penalty`, `--alpha`, `--batch-size`.
 *
 * @example
 * withSearchOptions(yargs);
 */
export function withSearchOptions<T>(y: Argv<T>): Argv<T & SearchArgs> {
  return y
    .option('beam', { type: 'number', default: 5, describe: 'beam size (1 = greedy)' })
    .option('length-penalty', { type: 'string', choices: LENGTH_PENALTIES, default: 'avg' as LengthPenaltyKind, describe: "beam length normalisation: avg (log-prob per token; measured best here), wu (GNMT, with --alpha) or none" })
    .option('alpha', { type: 'number', default: 0.6, describe: "exponent of the 'wu' length penalty" })
    .option('batch-size', { type: 'number', default: 32, describe: 'sentences decoded together' }) as unknown as Argv<T & SearchArgs>;
}
