import type * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Logger } from '@recurrent/core';
import { Vocab } from '@recurrent/text';
import { exportBundle, loadBundle, type ExportedBundle } from '@recurrent/train';
import { resolveTranslateConfig, type TranslateConfig } from './config.js';
import { Seq2SeqInference } from './seq2seq-inference.js';
import type { Translator } from './translator.js';
import type { TranslateVocabs } from './vocabularies.js';

/** `task` written in the bundle's config.json. */
export const TRANSLATE_TASK = 'translate';

/** A loaded translation bundle. */
export interface TranslateBundle extends Translator {
  readonly model: tf.LayersModel;
  readonly metrics: Readonly<Record<string, unknown>>;
  readonly dir: string;
}

/** What {@link exportTranslateBundle} writes besides the model. */
export interface TranslateBundleContents {
  readonly config: TranslateConfig;
  readonly vocabs: TranslateVocabs;
  readonly metrics?: Readonly<Record<string, unknown>>;
  /** One line about the training data, for the model card. */
  readonly description?: string;
  readonly logger?: Logger;
}

/**
 * Writes the teacher-forced training model as a bundle (the predict path rebuilds the encoder
 * and decoder step from its layers): model.json + shards, `vocab-source.json`,
 * `vocab-target.json`, config.json (task `translate`, every hyper-parameter, tokeniser), metrics.json.
 *
 * @example
 * await exportTranslateBundle(model, 'runs/m30k/bundle', { config, vocabs, metrics: { bleu: 31.2 } });
 */
export async function exportTranslateBundle(model: tf.LayersModel, dir: string, contents: TranslateBundleContents): Promise<ExportedBundle> {
  const { config } = contents;
  return exportBundle(model, dir, {
    config: {
      task: TRANSLATE_TASK,
      hyperParameters: { ...config },
      labels: [],
      tokenizer: { kind: config.tokenizer, lowercase: config.lowercase, reverseSource: config.reverseSource },
    },
    vocabs: { source: contents.vocabs.source.toJSON(), target: contents.vocabs.target.toJSON() },
    metrics: contents.metrics ?? {},
    ...(contents.description === undefined ? {} : { data: contents.description }),
    ...(contents.logger === undefined ? {} : { logger: contents.logger }),
  });
}

/**
 * Loads a bundle written by {@link exportTranslateBundle} (a bundle folder, or a run folder holding `bundle/`).
 *
 * @example
 * const translator = await loadTranslateBundle('runs/m30k');
 */
export async function loadTranslateBundle(dirOrRun: string, logger?: Logger): Promise<TranslateBundle> {
  const dir = existsSync(join(dirOrRun, 'model.json')) || !existsSync(join(dirOrRun, 'bundle', 'model.json')) ? dirOrRun : join(dirOrRun, 'bundle');
  const bundle = await loadBundle(dir, logger === undefined ? {} : { logger });
  try {
    if (bundle.config.task !== TRANSLATE_TASK) throw new ConfigError(`${dir}/config.json: task`, `must be "${TRANSLATE_TASK}", got "${bundle.config.task}"`);
    const source = bundle.vocabs['source'];
    const target = bundle.vocabs['target'];
    if (source === undefined || target === undefined) {
      throw new ConfigError(`${dir}/config.json: vocabs`, `must include "source" and "target", got ${JSON.stringify(bundle.config.vocabs)}`);
    }
    const config = resolveTranslateConfig(bundle.config.hyperParameters);
    return {
      model: bundle.model,
      inference: new Seq2SeqInference(bundle.model, config),
      vocabs: { source: Vocab.fromJSON(source), target: Vocab.fromJSON(target) },
      config,
      metrics: bundle.metrics,
      dir,
    };
  } catch (error) {
    bundle.model.dispose();
    throw error;
  }
}
