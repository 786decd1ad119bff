import * as tf from '@tensorflow/tfjs';
import { RecurrentError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { isHttpUrl } from './bundle-source.js';
import {
  BUNDLE_FORMAT_VERSION,
  VOCAB_NAME,
  resolveBundleConfig,
  type BundleConfig,
} from './bundle-config.js';
import { renderModelCard } from './model-card.js';
import { modelArtifactsToFiles, saveToArtifacts } from './model-files.js';

/** The caller's part of `config.json`; the rest is filled in by {@link exportBundle}. */
export interface BundleConfigInput {
  readonly task: string;
  readonly hyperParameters?: Readonly<Record<string, unknown>>;
  readonly labels?: readonly string[];
  readonly tokenizer?: Readonly<Record<string, unknown>>;
}

/** Options of {@link exportBundle}. */
export interface ExportBundleOptions {
  readonly config: BundleConfigInput;
  /** Vocabularies by name (JSON values, e.g. `vocab.toJSON()`), written as `vocab-<name>.json`. */
  readonly vocabs?: Readonly<Record<string, unknown>>;
  /** Evaluation results, written as `metrics.json`. */
  readonly metrics?: Readonly<Record<string, unknown>>;
  /** Training data description for the model card. */
  readonly data?: string;
  /** A paragraph about the model for the model card. */
  readonly description?: string;
  /** Largest weight shard in bytes (default 4 MB, as tfjs). */
  readonly shardSizeBytes?: number;
  readonly logger?: Logger;
}

/** What {@link exportBundle} wrote. */
export interface ExportedBundle {
  readonly dir: string;
  readonly files: readonly string[];
  readonly config: BundleConfig;
}

function jsonText(value: unknown, what: string): string {
  const text = JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new RecurrentError('USAGE', `${what} must hold only finite numbers, got ${v}`);
      }
      return v;
    },
    2,
  );
  if (text === undefined) throw new RecurrentError('USAGE', `${what} must be JSON-serialisable`);
  return `${text}\n`;
}

/**
 * Writes a bundle directory (Node): `model.json` + weight shards (stock tfjs LayersModel
 * format), `vocab-<name>.json`, `config.json`, `metrics.json` and a `README.md` model card.
 * The directory is replaced atomically; on error the old one is left untouched.
 *
 * @example
 * await exportBundle(model, 'runs/pos/bundle', {
 *   config: { task: 'tagger', hyperParameters: { units: 128 }, labels: ['NOUN', 'VERB'] },
 *   vocabs: { words: ['<pad>', '<unk>', 'the'] },
 *   metrics: { accuracy: 0.94 },
 * });
 */
export async function exportBundle(
  model: tf.LayersModel,
  dir: string,
  options: ExportBundleOptions,
): Promise<ExportedBundle> {
  if (isHttpUrl(dir))
    throw new RecurrentError('USAGE', `exportBundle writes to a directory, got the URL ${dir}`);
  const vocabs = options.vocabs ?? {};
  for (const name of Object.keys(vocabs)) {
    if (!VOCAB_NAME.test(name)) {
      throw new RecurrentError(
        'USAGE',
        `vocab name must match ${VOCAB_NAME.source}, got ${JSON.stringify(name)}`,
      );
    }
  }
  const config = resolveBundleConfig(
    {
      formatVersion: BUNDLE_FORMAT_VERSION,
      task: options.config.task,
      hyperParameters: options.config.hyperParameters ?? {},
      labels: options.config.labels ?? [],
      tokenizer: options.config.tokenizer ?? {},
      vocabs: Object.keys(vocabs),
      tfjsVersion: tf.version.tfjs,
    },
    'exportBundle options.config',
  );
  const metrics = options.metrics ?? {};
  const modelFiles = modelArtifactsToFiles(await saveToArtifacts(model), {
    shardSizeBytes: options.shardSizeBytes,
  });
  const sideFiles = [
    { name: 'config.json', data: jsonText(config, 'config') },
    { name: 'metrics.json', data: jsonText(metrics, 'metrics') },
    ...Object.entries(vocabs).map(([name, vocab]) => ({
      name: `vocab-${name}.json`,
      data: jsonText(vocab, `vocab ${name}`),
    })),
  ];
  const names = [...modelFiles, ...sideFiles].map((f) => f.name);
  const card = renderModelCard({
    config,
    metrics,
    data: options.data,
    description: options.description,
    files: names,
  });
  const files = [...modelFiles, ...sideFiles, { name: 'README.md', data: card }];
  const { writeDirectoryAtomically } = await import('./atomic-directory.js');
  await writeDirectoryAtomically(dir, files);
  const weightBytes = modelFiles.slice(1).reduce((sum, f) => sum + f.data.byteLength, 0);
  (options.logger ?? SILENT_LOGGER).info(
    `bundle: wrote ${dir} (${files.length} files, ${modelFiles.length - 1} weight shard(s), ${weightBytes} weight bytes)`,
  );
  return { dir, files: files.map((f) => f.name), config };
}
