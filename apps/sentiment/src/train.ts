import * as tf from '@tensorflow/tfjs';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { RecurrentError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { Vocab, countTokens } from '@recurrent/text';
import { resolveTrainConfig, train, type ProgressMode, type TrainResult } from '@recurrent/train';
import type { SentimentConfig } from './config.js';
import { loadSentimentData, type DataOptions, type SentimentExample } from './data.js';
import { encodeTokens, epochTrainingBatches, type EncodedBatch } from './encoded-batch.js';
import { argMax, predictProbabilities, scoreClassification, type ClassificationScores } from './evaluate.js';
import { buildSentimentModel } from './model.js';
import { loadPretrainedVectors } from './pretrained-vectors.js';
import { exportSentimentBundle, loadSentimentBundle } from './sentiment-bundle.js';

/** Batch size of dev evaluation. */
const EVAL_BATCH_SIZE = 128;

/** Where the data is and where the run goes. */
export interface TrainRunOptions {
  readonly trainFile: string;
  readonly devFile: string;
  /** How both files are read (`phrases` comes from the config). */
  readonly data: Omit<DataOptions, 'phrases' | 'knownLabels'>;
  readonly runDir: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly resume?: boolean;
  readonly progress?: ProgressMode;
}

/** How a training run went. */
export interface TrainRunResult {
  readonly train: TrainResult;
  /** Dev scores of the best model (the exported bundle, reloaded). */
  readonly dev: ClassificationScores;
  readonly bundleDir: string;
  /** The bundle reloaded from disk gives exactly the in-memory dev probabilities (null: not compared, the run was interrupted). */
  readonly bundleMatches: boolean | null;
  readonly seconds: number;
  readonly trainSentences: number;
  readonly trainPhrases: number;
  readonly vocabSize: number;
  readonly parameters: number;
  readonly labels: readonly string[];
}

function labelIds(examples: readonly SentimentExample[], labels: readonly string[]): Int32Array {
  const index = new Map(labels.map((label, i) => [label, i]));
  return Int32Array.from(examples, (e) => index.get(e.label) ?? -1);
}

/**
 * Reads the data, builds the vocabulary and the model, trains with the shared loop (checkpoints,
 * metrics.jsonl, report.html with the dev confusion heatmap, early stopping on dev accuracy), keeps
 * the best model as `<runDir>/bundle`, then reloads that bundle and checks it predicts the same.
 *
 * @example
 * const result = await runTrain(config, { trainFile: 'sst2/stsa.binary.train', devFile: 'sst2/stsa.binary.dev',
 *   data: { format: 'auto', binary: false }, runDir: 'runs/sst2' });
 * result.dev.accuracy; // e.g. 0.85
 */
export async function runTrain(config: SentimentConfig, options: TrainRunOptions): Promise<TrainRunResult> {
  const started = performance.now();
  const logger = options.logger ?? SILENT_LOGGER;
  // With binary, files that already hold SST-2 (flat 0/1 labels) are read as they are.
  const binary = options.data.binary === false ? false : 'auto';
  const trainData = await loadSentimentData(options.trainFile, { ...options.data, binary, phrases: config.phrases });
  const labels = trainData.labels;
  const devData = await loadSentimentData(options.devFile, { ...options.data, binary, knownLabels: labels });
  const vocab = Vocab.build(countTokens(trainData.sentences.map((e) => e.tokens)), { lowercase: true, minFreq: config.minFreq });
  const embeddings = config.pretrained === '' ? undefined : await loadPretrainedVectors(config.pretrained, vocab, config.embeddingDim, logger);
  const sentences = { ids: encodeTokens(trainData.sentences.map((e) => e.tokens), vocab, config.maxLength), labels: labelIds(trainData.sentences, labels) };
  const phrases = { ids: encodeTokens(trainData.phrases.map((e) => e.tokens), vocab, config.maxLength), labels: labelIds(trainData.phrases, labels) };
  const devIds = encodeTokens(devData.sentences.map((e) => e.tokens), vocab, config.maxLength);
  const devGold = devData.sentences.map((e) => e.label);
  const model = buildSentimentModel(config, { vocabSize: vocab.size, numClasses: labels.length, ...(embeddings === undefined ? {} : { embeddings }) });
  const bundleDir = join(options.runDir, 'bundle');
  const dataSettings = { format: trainData.format, binary: binary !== false, textColumn: options.data.textColumn, labelColumn: options.data.labelColumn };
  const tokens = sentences.ids.reduce((n, s) => n + s.length, 0) + phrases.ids.reduce((n, s) => n + s.length, 0);
  logger.info(
    `data: ${trainData.sentences.length} train sentences${config.phrases ? ` + ${trainData.phrases.length} phrases` : ''} (${tokens} tokens, ${trainData.format}), ` +
      `${devData.sentences.length} dev; labels: ${labels.join(', ')}; vocabulary ${vocab.size}`,
  );
  logger.info(
    `model: embedding ${config.embeddingDim} → ${config.bidirectional ? 'bi' : ''}${config.encoder} ${config.hidden} × ${config.layers} → ${config.pooling} → softmax ${labels.length} (${model.countParams()} parameters)`,
  );
  await mkdir(options.runDir, { recursive: true });
  await writeFile(join(options.runDir, 'sentiment-config.json'), `${JSON.stringify({ ...config, data: dataSettings }, null, 2)}\n`);

  const devScores = async (m: tf.LayersModel): Promise<{ scores: ClassificationScores; probs: Float32Array[] }> => {
    const probs = await predictProbabilities(m, devIds, EVAL_BATCH_SIZE);
    const predicted = probs.map((p) => labels[argMax(p)] as string);
    return { scores: scoreClassification(devGold, predicted, labels), probs };
  };
  try {
    const trainConfig = resolveTrainConfig({
      seed: config.seed,
      epochs: config.epochs,
      learningRate: config.learningRate,
      clipNorm: config.clipNorm,
      restoreBest: true,
      metric: 'accuracy',
      metricMode: 'max',
      earlyStoppingPatience: config.patience,
      logEvery: config.logEvery,
      progress: options.progress ?? 'auto',
      maxMinutes: config.maxMinutes,
    });
    const result = await train<EncodedBatch>({
      model,
      config: trainConfig,
      runDir: options.runDir,
      logger,
      signal: options.signal,
      ...(options.resume === undefined ? {} : { resume: options.resume }),
      batches: (_epoch, rng) => epochTrainingBatches(sentences, phrases, { batchSize: config.batchSize, phrasesPerEpoch: config.phrasesPerEpoch, rng }),
      countTokens: (batch) => batch.tokens,
      lossFn: (batch) => {
        const ids = tf.tensor2d(batch.ids, [batch.batch, batch.time], 'int32'); // [batch, time]
        const gold = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), labels.length); // [batch, numClasses]
        // The Embedding (maskZero) makes the mask; padding never reaches the pooling.
        const probs = model.apply(ids, { training: true }) as tf.Tensor2D; // [batch, numClasses]
        // The model ends in a softmax, so the loss takes probabilities (not logits).
        return tf.metrics.categoricalCrossentropy(gold, probs).mean() as tf.Scalar;
      },
      evaluate: async () => {
        const { scores } = await devScores(model);
        return {
          metrics: { accuracy: scores.accuracy, macroF1: scores.macroF1 },
          confusion: { labels: [...scores.confusion.labels], matrix: scores.confusion.matrix.map((row) => [...row]) },
        };
      },
      onBest: async ({ metrics, bundleDir: dir }) => {
        await exportSentimentBundle(model, dir, {
          config,
          vocab,
          labels,
          data: dataSettings,
          metrics,
          description: `${options.trainFile} (${trainData.sentences.length} sentences${config.phrases ? ` + ${trainData.phrases.length} phrases` : ''}); dev ${options.devFile}`,
        });
      },
    });
    if (result.status === 'interrupted') logger.warn('stopped by a signal; the bundle holds the best epoch so far');
    if (result.status === 'time-limit') logger.info(`stopped at the ${config.maxMinutes}-minute limit; the model and bundle hold the best epoch`);
    const inMemory = result.status === 'interrupted' ? null : await devScores(model);
    const bundle = existsSync(join(bundleDir, 'model.json')) ? await loadSentimentBundle(bundleDir) : null;
    if (bundle === null && inMemory === null) throw new RecurrentError('USAGE', `training stopped before the first epoch ended, so there is no bundle in ${bundleDir} yet; continue the run with --resume`);
    const reloaded = bundle === null ? null : await devScores(bundle.model);
    bundle?.model.dispose();
    const bundleMatches =
      reloaded === null || inMemory === null ? null : reloaded.probs.every((p, i) => p.every((v, k) => v === inMemory.probs[i]?.[k]));
    return {
      train: result,
      dev: (reloaded ?? inMemory)!.scores,
      bundleDir,
      bundleMatches,
      seconds: (performance.now() - started) / 1000,
      trainSentences: trainData.sentences.length,
      trainPhrases: trainData.phrases.length,
      vocabSize: vocab.size,
      parameters: model.countParams(),
      labels,
    };
  } finally {
    model.dispose();
  }
}
