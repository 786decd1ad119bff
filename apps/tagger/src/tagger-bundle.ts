import { type ExportBundleOptions, loadBundle } from '@recurrent/train';
import { RecurrentError } from '@recurrent/core';
import { Vocab } from '@recurrent/text';
import { resolveTaggerConfig, type TaggerConfig } from './config.js';
import type { Tagger } from './tagger.js';
import type { TaggerVocabs } from './tagger-vocabs.js';

/**
 * The `task` written in a tagger bundle's config.json.
 *
 * @example
 * JSON.parse(configJson).task === TAGGER_TASK;
 */
export const TAGGER_TASK = 'tagger';

/**
 * exportBundle options for a tagger: the config as hyper-parameters, the tag labels, tokeniser
 * settings and the three vocabularies.
 *
 * @example
 * await exportBundle(model, 'runs/pos/bundle', taggerBundleOptions(config, vocabs, { accuracy: 95.8 }, 'train.conllu (12543 sentences)'));
 */
export function taggerBundleOptions(
  config: TaggerConfig,
  vocabs: TaggerVocabs,
  metrics: Readonly<Record<string, unknown>>,
  data: string,
): ExportBundleOptions {
  return {
    config: {
      task: TAGGER_TASK,
      hyperParameters: { ...config },
      labels: vocabs.tags.tokens,
      tokenizer: { tokenizer: 'english', lowercase: config.lowercase, normalizeDigits: config.normalizeDigits, maxWordLength: config.maxWordLength },
    },
    vocabs: { words: vocabs.words.toJSON(), chars: vocabs.chars.toJSON(), tags: vocabs.tags.toJSON() },
    metrics,
    data,
    description: `BiLSTM${config.crf ? '-CRF' : '-softmax'} tagger: word embedding ${config.wordDim}, char ${config.charEncoder}, ${config.layers}×BiLSTM ${config.hidden}. The model outputs emissions; decode with viterbiDecode and the RcCrf weights.`,
  };
}

/**
 * Loads a tagger bundle written by `train`/`export`.
 *
 * @example
 * const tagger = await loadTagger('runs/pos/bundle');
 * await tagSentences(tagger, [['Hello', 'world']]);
 */
export async function loadTagger(dir: string): Promise<Tagger & { readonly metrics: Readonly<Record<string, unknown>> }> {
  const bundle = await loadBundle(dir);
  if (bundle.config.task !== TAGGER_TASK) {
    bundle.model.dispose();
    throw new RecurrentError('USAGE', `${dir} is a ${bundle.config.task} bundle, expected a ${TAGGER_TASK} bundle`);
  }
  const config = resolveTaggerConfig(bundle.config.hyperParameters);
  const vocabs = {
    words: Vocab.fromJSON(bundle.vocabs['words']),
    chars: Vocab.fromJSON(bundle.vocabs['chars']),
    tags: Vocab.fromJSON(bundle.vocabs['tags']),
  };
  return { model: bundle.model, vocabs, config, metrics: bundle.metrics };
}
