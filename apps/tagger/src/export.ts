import * as tf from '@tensorflow/tfjs';
import '@recurrent/layers';
import { RecurrentError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { createDirectoryIOHandler, exportBundle } from '@recurrent/train';
import { loadTaggedCorpus, type DataOptions } from './data.js';
import { encodeBatch } from './encode-batch.js';
import { modelInputs } from './model-inputs.js';
import { loadTagger, taggerBundleOptions } from './tagger-bundle.js';
import { tagSentences } from './tagger.js';

/**
 * Sentences tagged before and after export when no `checkPath` is given.
 *
 * @example
 * await tagSentences(tagger, EXPORT_PROBE);
 */
export const EXPORT_PROBE: readonly (readonly string[])[] = [
  ['EU', 'rejects', 'German', 'call', 'to', 'boycott', 'British', 'lamb', '.'],
  ['Peter', 'Blackburn', 'flew', 'to', 'Brussels', 'on', '1996-08-22', '.'],
  ['I', 'would', "n't", 'go', 'there', 'again', '!'],
];

/**
 * Options of {@link exportTagger}.
 *
 * @example
 * await exportTagger('runs/ner/bundle', 'models/ner', { checkPath: 'valid.txt' });
 */
export interface ExportTaggerOptions {
  /** A tagged file whose sentences are tagged with both models (default {@link EXPORT_PROBE}). */
  readonly checkPath?: string;
  /** How to read `checkPath` (default: the bundle's data options). */
  readonly dataOptions?: DataOptions;
  readonly logger?: Logger;
}

/**
 * What {@link exportTagger} wrote and checked.
 *
 * @example
 * const { files, maxDiff } = await exportTagger(from, to);
 */
export interface ExportTaggerResult {
  readonly files: readonly string[];
  readonly sentences: number;
  readonly tokens: number;
  /** Largest absolute difference of the model outputs before and after. */
  readonly maxDiff: number;
}

/**
 * Exports the bundle at `from` to `to`, reloads `to/model.json` with stock `tf.loadLayersModel`
 * (after `import '@recurrent/layers'`), and checks the reloaded model tags the check sentences
 * identically (an INTERNAL error otherwise).
 *
 * @example
 * const { maxDiff } = await exportTagger('runs/ner/bundle', 'models/ner');
 */
export async function exportTagger(from: string, to: string, options: ExportTaggerOptions = {}): Promise<ExportTaggerResult> {
  const logger = options.logger ?? SILENT_LOGGER;
  const tagger = await loadTagger(from);
  let reloaded: tf.LayersModel | null = null;
  try {
    const written = await exportBundle(tagger.model, to, { ...taggerBundleOptions(tagger.config, tagger.vocabs, tagger.metrics, `exported from ${from}`), logger });
    reloaded = await tf.loadLayersModel(await createDirectoryIOHandler(to));
    const sentences =
      options.checkPath === undefined ? EXPORT_PROBE : (await loadTaggedCorpus(options.checkPath, options.dataOptions ?? tagger.config)).sentences.map((s) => s.words);
    const before = await tagSentences(tagger, sentences);
    const after = await tagSentences({ ...tagger, model: reloaded }, sentences);
    const differing = before.findIndex((tags, i) => tags.join(' ') !== (after[i] ?? []).join(' '));
    if (differing >= 0) throw new RecurrentError('INTERNAL', `exported model tags sentence ${differing + 1} differently: ${before[differing]?.join(' ')} vs ${after[differing]?.join(' ')}`);
    const batch = encodeBatch(sentences.slice(0, 64), tagger.vocabs, tagger.config.maxWordLength);
    const xs = modelInputs(batch, tagger.config);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(tagger.model.predict(xs) as tf.Tensor, (reloaded as tf.LayersModel).predict(xs) as tf.Tensor))));
    const maxDiff = (await diff.data())[0] ?? 0;
    tf.dispose([diff, ...xs]);
    return { files: written.files, sentences: sentences.length, tokens: sentences.reduce((n, s) => n + s.length, 0), maxDiff };
  } finally {
    tagger.model.dispose();
    reloaded?.dispose();
  }
}
