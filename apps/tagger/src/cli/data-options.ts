import type { Argv } from 'yargs';
import { DATA_FORMATS, DEFAULT_TAGGER_CONFIG, TRAIN_SCHEMES } from '../config.js';

/**
 * The data options shared by train, eval and predict (DESIGN.md "CLI").
 *
 * @example
 * const args: DataArgs = { format: 'conll', column: 'ner', columns: 'text,pos,chunk,ner', scheme: 'IOBES' };
 */
export interface DataArgs {
  readonly format: string;
  readonly column: string;
  readonly columns: string;
  readonly scheme: string;
}

/**
 * Adds `--format --column --columns --scheme`. In eval/predict they default to the bundle's values
 * (`fromBundle`), so only train shows the config defaults.
 *
 * @example
 * dataOptions(yargs, false).option('train', { … })
 */
export function dataOptions<T>(y: Argv<T>, fromBundle: boolean): Argv<T & DataArgs> {
  const d = DEFAULT_TAGGER_CONFIG;
  const def = <V>(value: V): { default: V } | { defaultDescription: string } => (fromBundle ? { defaultDescription: "the bundle's" } : { default: value });
  return y
    .option('format', { type: 'string', choices: DATA_FORMATS, describe: 'conllu (POS) or conll column file (chunk/NER)', ...def(d.format) })
    .option('column', { type: 'string', describe: 'tag column: UPOS/XPOS (conllu) or a column name (conll)', ...def(d.column) })
    .option('columns', { type: 'string', describe: 'comma-separated column names of a conll file (word column = text)', ...def(d.columns.join(',')) })
    .option('scheme', { type: 'string', choices: TRAIN_SCHEMES, describe: 'training tag scheme: IOBES/IOB2 for chunk tags, none for POS', ...def(d.scheme) }) as unknown as Argv<T & DataArgs>;
}

/**
 * The data flags the user typed, as config keys (`columns` split on commas).
 *
 * @example
 * dataFlags({ columns: 'text,ner' }); // { columns: ['text', 'ner'] }
 */
export function dataFlags(flags: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['format', 'column', 'scheme'] as const) if (flags[key] !== undefined) out[key] = flags[key];
  if (typeof flags['columns'] === 'string') out['columns'] = flags['columns'].split(',').map((s) => s.trim());
  return out;
}
