import type * as tf from '@tensorflow/tfjs';
import { ConfigError, type Logger } from '@recurrent/core';
import { Vocab } from '@recurrent/text';
import { exportBundle, loadBundle, type ExportedBundle } from '@recurrent/train';
import type { SentimentConfig } from './config.js';
import type { DataFormat } from './data.js';
// Registers RcMaskedPooling, so the bundle's model.json loads.

/** `task` written in the bundle's config.json. */
export const SENTIMENT_TASK = 'sentiment';

/** How the training data was read; eval and predict reuse it. */
export interface BundleDataSettings {
  readonly format: Exclude<DataFormat, 'auto'>;
  readonly binary: boolean;
  readonly textColumn?: string | undefined;
  readonly labelColumn?: string | undefined;
}

/** A trained classifier with what it needs to read text. */
export interface SentimentBundle {
  readonly model: tf.LayersModel;
  readonly vocab: Vocab;
  readonly labels: readonly string[];
  readonly hyperParameters: Readonly<Record<string, unknown>>;
  readonly data: BundleDataSettings;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly dir: string;
}

/** What {@link exportSentimentBundle} writes besides the model. */
export interface SentimentBundleContents {
  readonly config: SentimentConfig;
  readonly vocab: Vocab;
  readonly labels: readonly string[];
  readonly data: BundleDataSettings;
  readonly metrics?: Readonly<Record<string, unknown>>;
  /** One line about the training data, for the model card. */
  readonly description?: string;
  readonly logger?: Logger;
}

/**
 * Writes the classifier as a bundle: model.json + shards, `vocab-words.json`, config.json (task
 * `sentiment`, hyper-parameters with the data settings, labels, tokeniser), metrics.json, README.md.
 *
 * @example
 * await exportSentimentBundle(model, 'runs/sst2/bundle', { config, vocab, labels, data: { format: 'flat', binary: false } });
 */
export async function exportSentimentBundle(model: tf.LayersModel, dir: string, contents: SentimentBundleContents): Promise<ExportedBundle> {
  return exportBundle(model, dir, {
    config: {
      task: SENTIMENT_TASK,
      hyperParameters: { ...contents.config, data: { ...contents.data } },
      labels: [...contents.labels],
      tokenizer: { kind: 'english', lowercase: true, maxLength: contents.config.maxLength },
    },
    vocabs: { words: contents.vocab.toJSON() },
    metrics: contents.metrics ?? {},
    ...(contents.description === undefined ? {} : { data: contents.description }),
    ...(contents.logger === undefined ? {} : { logger: contents.logger }),
  });
}

function dataSettings(value: unknown, dir: string): BundleDataSettings {
  const data = value as Partial<BundleDataSettings> | undefined;
  const formats = ['trees', 'flat', 'table'];
  if (typeof data !== 'object' || data === null || !formats.includes(String(data.format)) || typeof data.binary !== 'boolean') {
    throw new ConfigError(`${dir}/config.json: hyperParameters.data`, `must be {format: trees|flat|table, binary: boolean}, got ${JSON.stringify(value)}`);
  }
  return data as BundleDataSettings;
}

/**
 * Loads a bundle written by {@link exportSentimentBundle} (a bundle folder, or a run folder with
 * `bundle/` inside).
 *
 * @example
 * const { model, vocab, labels } = await loadSentimentBundle('runs/sst2');
 */
export async function loadSentimentBundle(dirOrRun: string, logger?: Logger): Promise<SentimentBundle> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = existsSync(join(dirOrRun, 'model.json')) || !existsSync(join(dirOrRun, 'bundle', 'model.json')) ? dirOrRun : join(dirOrRun, 'bundle');
  const bundle = await loadBundle(dir, logger === undefined ? {} : { logger });
  if (bundle.config.task !== SENTIMENT_TASK) {
    bundle.model.dispose();
    throw new ConfigError(`${dir}/config.json: task`, `must be "${SENTIMENT_TASK}", got "${bundle.config.task}"`);
  }
  const words = bundle.vocabs['words'];
  if (words === undefined) {
    bundle.model.dispose();
    throw new ConfigError(`${dir}/config.json: vocabs`, `must include "words", got ${JSON.stringify(bundle.config.vocabs)}`);
  }
  return {
    model: bundle.model,
    vocab: Vocab.fromJSON(words),
    labels: bundle.config.labels,
    hyperParameters: bundle.config.hyperParameters,
    data: dataSettings(bundle.config.hyperParameters['data'], dir),
    metrics: bundle.metrics,
    dir,
  };
}
