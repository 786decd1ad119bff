import * as tf from '@tensorflow/tfjs';
// Registers our Rc* layer classes with tf.serialization before any model is deserialised.
import '@recurrent/layers';
import { RecurrentError, SILENT_LOGGER, isRecurrentError, type Logger } from '@recurrent/core';
import { isHttpUrl, type BundleSource } from './bundle-source.js';
import { resolveBundleConfig, type BundleConfig } from './bundle-config.js';
import { isJsonObject, parseJsonFile } from './json-file.js';
import { withoutInitializers } from './skip-initializers.js';
import { urlBundleSource } from './url-source.js';

/** A loaded bundle. */
export interface Bundle {
  readonly model: tf.LayersModel;
  readonly config: BundleConfig;
  /** Parsed `vocab-<name>.json` files, by name (as listed in `config.vocabs`). */
  readonly vocabs: Readonly<Record<string, unknown>>;
  /** Parsed `metrics.json`. */
  readonly metrics: Readonly<Record<string, unknown>>;
  /** The directory (absolute path) or base URL the bundle was read from. */
  readonly dir: string;
}

/** Options of {@link loadBundle}. */
export interface LoadBundleOptions {
  readonly logger?: Logger;
}

/**
 * Opens a bundle: an http(s) URL goes through `fetch`/`tf.io.http`; anything else is a
 * directory read with `node:fs`, whose module is imported only then (browser builds never load it).
 *
 * @example
 * const source = await openBundleSource('http://127.0.0.1:8080/pos/');
 */
export async function openBundleSource(location: string): Promise<BundleSource> {
  if (isHttpUrl(location)) return urlBundleSource(location);
  const { directoryBundleSource } = await import('./directory-io-handler.js');
  const path = location.startsWith('file:') ? decodeURIComponent(new URL(location).pathname) : location;
  return directoryBundleSource(path);
}

async function readJson(source: BundleSource, name: string): Promise<unknown> {
  return parseJsonFile(await source.readText(name), source.where(name));
}

async function loadModel(source: BundleSource): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(withoutInitializers(source.modelHandler()), { strict: true });
  } catch (error) {
    if (isRecurrentError(error)) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new RecurrentError(
      'DATA_FORMAT',
      `${source.where('model.json')}: cannot load the model: ${detail}`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Loads a bundle written by {@link exportBundle} from a directory (Node) or a URL (`fetch`).
 * Initializers named in the topology are never run (all weights are set from the shards), so
 * loading an `orthogonal` [256, 1024] kernel is as fast as a `zeros` one. A missing file is an
 * `IO` RecurrentError and a corrupted one a `DATA_FORMAT` (or, for `config.json`, `CONFIG`)
 * error; each message starts with the file's path or URL.
 *
 * @example
 * const { model, config, vocabs, metrics } = await loadBundle('runs/pos/bundle');
 * const scores = model.predict(tf.tensor2d([[2, 5, 7]])) as tf.Tensor;
 */
export async function loadBundle(location: string, options: LoadBundleOptions = {}): Promise<Bundle> {
  const source = await openBundleSource(location);
  const config = resolveBundleConfig(await readJson(source, 'config.json'), source.where('config.json'));
  const metrics = await readJson(source, 'metrics.json');
  if (!isJsonObject(metrics)) {
    throw new RecurrentError(
      'DATA_FORMAT',
      `${source.where('metrics.json')}: expected a JSON object of metrics`,
    );
  }
  const vocabs: Record<string, unknown> = {};
  for (const name of config.vocabs) vocabs[name] = await readJson(source, `vocab-${name}.json`);
  const model = await loadModel(source);
  (options.logger ?? SILENT_LOGGER).info(
    `bundle: loaded ${config.task} model from ${source.location} (${model.countParams()} parameters)`,
  );
  return { model, config, vocabs, metrics, dir: source.location };
}
