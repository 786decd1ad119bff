import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { SILENT_LOGGER, type Logger } from '@recurrent/core';
import { iobTransitionMask } from '@recurrent/decoding';
import type { CrfConstraints } from '@recurrent/layers';
import { bucketBatches } from '@recurrent/text';
import { DEFAULT_TRAIN_CONFIG, exportBundle, resolveTrainConfig, train, type ProgressMode, type TrainResult } from '@recurrent/train';
import { isChunkTask, type TaggerConfig } from './config.js';
import { loadTaggedCorpus, type TaggedCorpus, type TaggedSentence } from './data.js';
import { encodeBatch, wordDropout, type EncodedBatch } from './encode-batch.js';
import { evaluateTagger, type TaggerEvaluation } from './evaluate.js';
import { auxLoss, auxTagIds, buildAuxTask, type AuxTask } from './aux-task.js';
import { applyTaggerHead, buildTaggerModel, taggerFeatures, type TaggerNetwork } from './model.js';
import { modelInputs } from './model-inputs.js';
import { applyPretrainedVectors } from './pretrained-vectors.js';
import { taggerBundleOptions } from './tagger-bundle.js';
import { buildTaggerVocabs, type TaggerVocabs } from './tagger-vocabs.js';

/**
 * Where the data is and how the run behaves.
 *
 * @example
 * await runTrainTagger(config, { trainPath: 'train.conllu', devPath: 'dev.conllu', runDir: 'runs/pos' });
 */
export interface TrainTaggerOptions {
  readonly trainPath: string;
  readonly devPath: string;
  readonly runDir: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly resume?: boolean;
  readonly progress?: ProgressMode;
  /** Named in the bundle and metrics (e.g. `wasm`). */
  readonly backend?: string;
}

/**
 * What a finished run reports.
 *
 * @example
 * const { dev, seconds } = await runTrainTagger(config, options);
 */
export interface TrainTaggerResult {
  readonly train: TrainResult;
  readonly bundleDir: string;
  /** Dev scores of the model at the end: the best checkpoint (restored), or the last weights when interrupted. */
  readonly dev: TaggerEvaluation;
  /** Which weights `dev` scored: `best` (restored) or `last` (interrupted runs; the bundle still holds the best). */
  readonly devWeights: 'best' | 'last';
  readonly seconds: number;
}

/** Masked token-level cross-entropy of softmax outputs `[batch, time, numTags]`, mean per sentence. */
function softmaxLoss(probs: tf.Tensor, tags: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  const numTags = probs.shape[2] as number;
  const oneHot = tf.oneHot(tags, numTags); // [batch, time, numTags]
  const logp = tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(probs, 1e-7, 1))), 2); // [batch, time]
  return tf.div(tf.neg(tf.sum(tf.mul(logp, mask))), tags.shape[0]) as tf.Scalar;
}

/**
 * Loss of one batch for the network (CRF NLL or softmax cross-entropy). The padding mask is made
 * outside the gradient scope (`keptMask`) because the LSTM backward pass reads it after the loss
 * function's tensors are disposed; the caller disposes it after the step.
 */
function batchLoss(network: TaggerNetwork, config: TaggerConfig, batch: TrainBatch, keptMask: tf.Tensor2D, unkId: number, seed: number, aux: AuxTask | null): tf.Scalar {
  const words = wordDropout(batch.words, config.wordDropout, unkId, seed);
  const xs = modelInputs(batch, config, words);
  const features = taggerFeatures(network.model, config, xs, keptMask, true, seed); // [batch, time, 2 * hidden]
  const out = applyTaggerHead(network.model, config, features); // [batch, time, numTags]
  const tags = tf.tensor2d(batch.tags, [batch.batch, batch.time], 'int32');
  const mask = keptMask;
  const main = network.crf === null ? softmaxLoss(out, tags, mask) : network.crf.negLogLikelihood(out, tags, mask);
  return aux === null || batch.auxTags === undefined ? main : tf.add(main, auxLoss(aux, features, batch.auxTags, mask));
}

/** A training batch: the model's inputs and tags, plus the auxiliary task's tag ids when there is one. */
type TrainBatch = EncodedBatch & { readonly auxTags?: Int32Array };

/**
 * IOB constraints for the CRF (chunk schemes, when enabled), as JSON arrays.
 *
 * @example
 * crfConstraints(config, ['B-PER', 'I-PER', 'O']); // IOB2 mask as JSON arrays, or null
 */
export function crfConstraints(config: TaggerConfig, labels: readonly string[]): CrfConstraints | null {
  if (!config.crf || !config.constraints || config.scheme === 'none') return null;
  const mask = iobTransitionMask(labels, config.scheme);
  return { transitions: Array.from(mask.transitions), start: Array.from(mask.start), end: Array.from(mask.end) };
}

function describeCorpus(corpus: TaggedCorpus): string {
  const tokens = corpus.sentences.reduce((n, s) => n + s.words.length, 0);
  const scheme = corpus.sourceScheme === 'none' ? '' : `, tags ${corpus.sourceScheme}`;
  return `${corpus.path}: ${corpus.sentences.length} sentences, ${tokens} tokens${scheme}`;
}

/**
 * Trains a tagger with the shared loop (checkpoints, metrics.jsonl, report.html with the dev
 * confusion matrix) and exports the best model to `<runDir>/bundle`.
 *
 * @example
 * const { dev } = await runTrainTagger(config, { trainPath: 'train.conllu', devPath: 'dev.conllu', runDir: 'runs/pos' });
 * dev.metrics.accuracy; // e.g. 95.8
 */
export async function runTrainTagger(config: TaggerConfig, options: TrainTaggerOptions): Promise<TrainTaggerResult> {
  const logger = options.logger ?? SILENT_LOGGER;
  const started = Date.now();
  const fullTrain = await loadTaggedCorpus(options.trainPath, config);
  const dev = await loadTaggedCorpus(options.devPath, config);
  const trainSentences: readonly TaggedSentence[] = config.maxSentences > 0 ? fullTrain.sentences.slice(0, config.maxSentences) : fullTrain.sentences;
  logger.info(`train ${describeCorpus(fullTrain)}${trainSentences.length < fullTrain.sentences.length ? ` (using ${trainSentences.length})` : ''}`);
  logger.info(`dev ${describeCorpus(dev)}`);
  const vocabs: TaggerVocabs = buildTaggerVocabs(trainSentences, config);
  const labels = vocabs.tags.tokens;
  const network = buildTaggerModel(config, { words: vocabs.words.size, chars: vocabs.chars.size, tags: labels.length }, crfConstraints(config, labels));
  const { model } = network;
  logger.info(`vocab: ${vocabs.words.size} words, ${vocabs.chars.size} chars, ${labels.length} tags (${labels.join(' ')}); ${model.countParams()} parameters`);
  const aux = buildAuxTask(trainSentences, config);
  if (aux !== null) logger.info(`auxiliary task: ${config.auxColumn}, ${aux.vocab.size} tags, loss weight ${aux.weight}`);
  if (config.pretrained !== '') {
    const coverage = await applyPretrainedVectors(model, vocabs.words, config.pretrained, config.wordDim);
    logger.info(`pretrained vectors ${config.pretrained}: ${coverage.found}/${coverage.words} vocabulary words covered (${(100 * coverage.fraction).toFixed(1)}%)`);
  }
  const tagger = { model, vocabs, config };
  const chunk = isChunkTask(config);
  const metric = chunk ? 'f1' : 'accuracy';
  const bundleDir = join(options.runDir, 'bundle');
  const lengths = trainSentences.map((s) => s.words.length);
  const dataDescription = `${fullTrain.path} (${trainSentences.length} sentences), tags ${config.format === 'conllu' ? config.column : `${config.column} in ${config.scheme}`}`;
  const trainConfig = resolveTrainConfig({
    ...DEFAULT_TRAIN_CONFIG,
    seed: config.seed,
    epochs: config.epochs,
    learningRate: config.learningRate,
    ...(config.lrDecay < 1 ? { lrSchedule: 'plateau', lrDecayFactor: config.lrDecay, lrPlateauPatience: 1 } : {}),
    clipNorm: config.clipNorm,
    emaDecay: config.ema,
    maxMinutes: config.maxMinutes,
    restoreBest: true,
    metric,
    metricMode: 'max',
    earlyStoppingPatience: config.patience,
    logEvery: 50,
    progress: options.progress ?? 'auto',
  });
  const kept: { mask: tf.Tensor2D | null } = { mask: null };
  try {
    const result = await train<TrainBatch>({
      // With an auxiliary head, its weights train (and are checkpointed) with the model's.
      ...(aux === null ? { model } : { variables: [...model.weights, ...aux.head.weights].map((w) => w.read() as tf.Variable) }),
      config: trainConfig,
      runDir: options.runDir,
      logger,
      signal: options.signal,
      resume: options.resume,
      batches: (_epoch, rng) =>
        bucketBatches(lengths, { batchSize: config.batchSize, rng }).map((ids) => {
          const chosen = ids.map((i) => trainSentences[i] as TaggedSentence);
          const encoded = encodeBatch(chosen.map((s) => s.words), vocabs, config.maxWordLength, chosen.map((s) => s.tags));
          return aux === null ? encoded : { ...encoded, auxTags: auxTagIds(chosen.map((s) => s.aux ?? []), aux.vocab, encoded.time) };
        }),
      countTokens: (batch) => batch.tokens,
      lossFn: (batch, context) => {
        // The previous step's backward pass is over: its mask can go.
        kept.mask?.dispose();
        kept.mask = tf.keep(tf.tensor2d(batch.mask, [batch.batch, batch.time]));
        return batchLoss(network, config, batch, kept.mask, vocabs.words.unkId, context.seed, aux);
      },
      evaluate: async () => {
        const evaluation = await evaluateTagger(tagger, dev);
        return { metrics: evaluation.metrics, confusion: evaluation.confusion };
      },
      onBest: async ({ metrics, epoch }) => {
        await exportBundle(model, bundleDir, taggerBundleOptions(config, vocabs, { ...metrics, epoch, backend: options.backend ?? 'unknown' }, dataDescription));
      },
    });
    const evaluation = await evaluateTagger(tagger, dev);
    const devWeights = result.status === 'interrupted' ? 'last' : 'best';
    return { train: result, bundleDir, dev: evaluation, devWeights, seconds: (Date.now() - started) / 1000 };
  } finally {
    kept.mask?.dispose();
    model.dispose();
    aux?.head.dispose();
  }
}
