import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { SeededRandom, SILENT_LOGGER, type Logger } from '@recurrent/core';
import type { ParallelPair } from '@recurrent/data';
import { DEFAULT_TRAIN_CONFIG, resolveTrainConfig, train, type ProgressMode, type TrainResult } from '@recurrent/train';
import { attentionFigure } from './attention-figure.js';
import { teacherForcingRatio, type TranslateConfig } from './config.js';
import { readPairs, type PairFileOptions } from './data.js';
import { bucketedBatches, disposeBatches, encodePair, type EncodedPair, type Seq2SeqBatch } from './encoded-pairs.js';
import { evaluateBleu } from './evaluate.js';
import { buildSeq2Seq } from './model.js';
import { Seq2SeqInference } from './seq2seq-inference.js';
import { maskedCrossEntropy } from './seq2seq-loss.js';
import { tokenizeSentence } from './text-processing.js';
import { exportTranslateBundle, loadTranslateBundle } from './translate-bundle.js';
import { translate, type Translator } from './translator.js';
import { buildVocabs } from './vocabularies.js';

/** Where the data is and where the run goes. */
export interface TrainRunOptions {
  readonly trainPath: string;
  readonly devPath: string;
  readonly data: PairFileOptions;
  readonly runDir: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly resume?: boolean;
  readonly progress?: ProgressMode;
}

/** What a training run reached. */
export interface TrainRunResult {
  readonly train: TrainResult;
  /** Dev BLEU (greedy) of the best model on the dev slice, and of the bundle reloaded from disk. */
  readonly devBleu: number;
  /** Whether the reloaded bundle translates like the in-memory model; null when interrupted (the model then holds the last step's weights, not the best). */
  readonly bundleMatches: boolean | null;
  readonly bundleDir: string;
  readonly trainPairs: number;
  readonly droppedPairs: number;
  readonly sourceVocab: number;
  readonly targetVocab: number;
  readonly seconds: number;
}

/** Reads, tokenises and length-filters the training pairs. */
async function prepareTraining(config: TranslateConfig, options: TrainRunOptions): Promise<{ sources: string[][]; targets: string[][]; dropped: number }> {
  let pairs: ParallelPair[] = await readPairs(options.trainPath, options.data);
  if (config.trainPairs > 0) pairs = pairs.slice(0, config.trainPairs);
  const sources: string[][] = [];
  const targets: string[][] = [];
  let dropped = 0;
  for (const pair of pairs) {
    const source = tokenizeSentence(pair.source, config);
    const target = tokenizeSentence(pair.target, config);
    if (source.length > config.maxLength || target.length > config.maxLength) {
      dropped++;
      continue;
    }
    sources.push(source);
    targets.push(target);
  }
  return { sources, targets, dropped };
}

/**
 * Trains a seq2seq model with teacher forcing (masked, label-smoothed cross-entropy; Adam;
 * gradient clipping), scoring dev BLEU each epoch, exporting the best model to
 * `<runDir>/bundle`, and drawing loss/BLEU curves and attention heatmaps into report.html.
 *
 * @example
 * ```ts
 * const result = await runTrain(config, { trainPath: 'datasets/multi30k/sample/train', devPath: 'datasets/multi30k/sample/val', data: DEFAULT_PAIR_FILE_OPTIONS, runDir: 'runs/m30k' });
 * ```
 */
export async function runTrain(config: TranslateConfig, options: TrainRunOptions): Promise<TrainRunResult> {
  const started = performance.now();
  const logger = options.logger ?? SILENT_LOGGER;
  const { sources, targets, dropped } = await prepareTraining(config, options);
  const allDev = await readPairs(options.devPath, options.data);
  const dev = config.devSentences > 0 ? allDev.slice(0, config.devSentences) : allDev;
  const vocabs = buildVocabs(sources, targets, config.minFreq);
  const encoded: EncodedPair[] = sources.map((s, i) => encodePair(s, targets[i] as string[], vocabs, config.reverseSource));
  const batches = bucketedBatches(encoded, config.batchSize, new SeededRandom(config.seed), vocabs.target.bosId, vocabs.target.eosId);
  const model = buildSeq2Seq(config, vocabs.source.size, vocabs.target.size);
  const translator: Translator = { inference: new Seq2SeqInference(model, config), vocabs, config };
  const bundleDir = join(options.runDir, 'bundle');
  logger.info(
    `${sources.length} training pairs (${dropped} longer than ${config.maxLength} tokens dropped), ${dev.length} dev pairs; ` +
      `vocab ${vocabs.source.size} source / ${vocabs.target.size} target; ${batches.length} batches; ${model.countParams()} parameters`,
  );
  const description = `${options.trainPath} (${sources.length} pairs)`;
  try {
    const trainConfig = resolveTrainConfig({
      ...DEFAULT_TRAIN_CONFIG,
      seed: config.seed,
      epochs: config.epochs,
      learningRate: config.learningRate,
      clipNorm: config.clipNorm,
      metric: 'bleu',
      metricMode: 'max',
      earlyStoppingPatience: config.patience,
      maxMinutes: config.maxMinutes,
      restoreBest: true,
      logEvery: config.logEvery,
      progress: options.progress ?? 'auto',
    });
    const result = await train<Seq2SeqBatch>({
      model,
      config: trainConfig,
      runDir: options.runDir,
      logger,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.resume === undefined ? {} : { resume: options.resume }),
      batches: { length: batches.length, get: (i) => batches[i] as Seq2SeqBatch },
      countTokens: (batch) => batch.tokens,
      lossFn: (batch, { epoch, seed }) => {
        const ratio = teacherForcingRatio(config, epoch);
        // Teacher forcing runs the saved graph itself (same logits and gradients as the eager path, tested).
        const logits =
          ratio >= 1
            ? (model.apply([batch.source, batch.targetIn], { training: true }) as tf.Tensor3D)
            : translator.inference.scheduledSampling(batch.source, batch.targetIn, { training: true, ratio, seed, sourceMask: batch.sourceMask });
        return maskedCrossEntropy(logits, batch.targetOut, batch.targetMask, config.labelSmoothing);
      },
      evaluate: async ({ epoch }) => {
        const t0 = performance.now();
        const { bleu } = await evaluateBleu(translator, dev, { beam: config.devBeam });
        logger.info(`epoch ${epoch + 1}: dev BLEU ${bleu.score.toFixed(2)} on ${dev.length} sentences (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
        return { metrics: { bleu: bleu.score, bp: bleu.bp } };
      },
      onBest: async ({ metrics }) => {
        await exportTranslateBundle(model, bundleDir, { config, vocabs, metrics, description });
      },
      extraFigures: async () => {
        const shown = dev.slice(0, 3);
        if (config.attention === 'none' || config.attention === 'cho' || shown.length === 0) return [];
        const out = await translate(translator, shown.map((p) => p.source), { beam: 1, withAttention: true });
        return out.map((t, i) => attentionFigure(t, `dev sentence ${i + 1}`));
      },
    });
    const check = dev.slice(0, 20).map((p) => p.source);
    const before = await translate(translator, check, { beam: 1 });
    const { bleu } = await evaluateBleu(translator, dev, { beam: 1 });
    let bundleMatches: boolean | null = null;
    if (result.bestStep !== null && result.status !== 'interrupted') {
      const bundle = await loadTranslateBundle(bundleDir, logger);
      const after = await translate(bundle, check, { beam: 1 });
      bundleMatches = after.every((t, i) => t.text === before[i]?.text);
      bundle.model.dispose();
    }
    return {
      train: result,
      devBleu: bleu.score,
      bundleMatches,
      bundleDir,
      trainPairs: sources.length,
      droppedPairs: dropped,
      sourceVocab: vocabs.source.size,
      targetVocab: vocabs.target.size,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.dispose();
    disposeBatches(batches);
  }
}
