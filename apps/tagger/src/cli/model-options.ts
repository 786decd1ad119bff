import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommonArgs } from '@recurrent/cli-kit';
import { resolveTaggerConfig } from '../config.js';
import type { DataOptions } from '../data.js';
import type { Tagger } from '../tagger.js';
import { dataFlags } from './data-options.js';

/**
 * `--model` may name a bundle or a run directory holding `bundle/`.
 *
 * @example
 * bundleDirOf('runs/pos'); // 'runs/pos/bundle' when it holds model.json
 */
export function bundleDirOf(model: string): string {
  return existsSync(join(model, 'bundle', 'model.json')) ? join(model, 'bundle') : model;
}

/**
 * The bundle's data options, overridden by the data flags the user typed.
 *
 * @example
 * dataOptionsFor(tagger, { column: 'XPOS' }); // the bundle's options with column XPOS
 */
export function dataOptionsFor(tagger: Tagger, flags: Readonly<Record<string, unknown>>): DataOptions {
  const merged = resolveTaggerConfig({ ...tagger.config, ...dataFlags(flags) });
  return { format: merged.format, column: merged.column, columns: merged.columns, scheme: tagger.config.scheme };
}

/**
 * The data options of the bundle at `dir` (its config.json), overridden by typed data flags.
 *
 * @example
 * await bundleDataOptions('runs/ner/bundle', {}); // { format: 'conll', column: 'ner', … }
 */
export async function bundleDataOptions(dir: string, flags: Readonly<Record<string, unknown>>): Promise<DataOptions> {
  const config = resolveConfigJson(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { hyperParameters?: unknown });
  return dataOptionsFor({ config } as Tagger, flags);
}

function resolveConfigJson(json: { hyperParameters?: unknown }): Tagger['config'] {
  return resolveTaggerConfig(json.hyperParameters);
}

/**
 * Args every bundle-reading command has.
 *
 * @example
 * const args: ModelArgs = { ...common, model: 'runs/pos' };
 */
export interface ModelArgs extends CommonArgs {
  readonly model: string;
}
