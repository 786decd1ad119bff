import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { SILENT_LOGGER, type Logger } from '@recurrent/core';
import { DEFAULT_TRAIN_CONFIG, exportBundle, loadBundle, resolveTrainConfig, train, type TrainResult } from '@recurrent/train';
import { generateCountingTask, type CountingTaskData } from './counting-task.js';
import { buildCountingModel } from './counting-model.js';
import type { QuickstartConfig } from './quickstart-config.js';

/** One padded batch: ids `[batch, maxLength]` and one-hot labels `[batch, 2]`. */
interface CountingBatch {
  readonly ids: tf.Tensor2D;
  readonly labels: tf.Tensor2D;
  readonly tokens: number;
}

export interface QuickstartOptions {
  readonly runDir: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly resume?: boolean;
  readonly progress?: 'auto' | 'bar' | 'lines' | 'quiet';
}

export interface QuickstartResult {
  readonly train: TrainResult;
  /** Dev accuracy of the best model (restored at the end), and of its bundle reloaded from disk. */
  readonly devAccuracy: number;
  readonly bundleAccuracy: number;
  readonly bundleDir: string;
}

/** Cuts the task into batches of tensors; the caller disposes them. */
function toBatches(data: CountingTaskData, batchSize: number): CountingBatch[] {
  const batches: CountingBatch[] = [];
  for (let start = 0; start < data.examples; start += batchSize) {
    const end = Math.min(start + batchSize, data.examples);
    const rows = data.ids.subarray(start * data.maxLength, end * data.maxLength);
    const tokens = rows.reduce((n, id) => n + (id === 0 ? 0 : 1), 0);
    batches.push({
      ids: tf.tensor2d(rows, [end - start, data.maxLength], 'int32'), // [batch, time]
      labels: tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels.subarray(start, end), 'int32'), 2).toFloat()) as tf.Tensor2D,
      tokens,
    });
  }
  return batches;
}

/** Fraction of examples whose argmax prediction is the label; one `await data()` per batch. */
async function accuracyOf(model: tf.LayersModel, batches: readonly CountingBatch[]): Promise<number> {
  let correct = 0;
  let total = 0;
  for (const batch of batches) {
    const hits = tf.tidy(() => {
      const probs = model.predict(batch.ids) as tf.Tensor2D; // [batch, 2]
      return probs.argMax(-1).equal(batch.labels.argMax(-1)).sum();
    });
    correct += (await hits.data())[0] ?? 0;
    hits.dispose();
    total += batch.ids.shape[0];
  }
  return correct / total;
}

/**
 * Generates the counting task, trains the model with the shared training loop (checkpoints,
 * metrics.jsonl, report.html, best bundle in `<runDir>/bundle`), then reloads the bundle from disk
 * and checks it scores the same.
 */
export async function runQuickstart(config: QuickstartConfig, options: QuickstartOptions): Promise<QuickstartResult> {
  const logger = options.logger ?? SILENT_LOGGER;
  const task = { vocabSize: config.vocabSize, minLength: config.minLength, maxLength: config.maxLength };
  const trainData = generateCountingTask({ ...task, examples: config.trainExamples, seed: config.seed });
  const devData = generateCountingTask({ ...task, examples: config.devExamples, seed: config.seed + 1 });
  const trainBatches = toBatches(trainData, config.batchSize);
  const devBatches = toBatches(devData, config.batchSize);
  const model = buildCountingModel(config);
  const bundleDir = join(options.runDir, 'bundle');
  logger.info(
    `counting task: ${config.trainExamples} train / ${config.devExamples} dev sequences of ${config.minLength}–${config.maxLength} tokens; ` +
      `model: embedding ${config.embeddingDim} → ${config.cell} ${config.hidden} → softmax 2 (${model.countParams()} parameters)`,
  );
  try {
    const trainConfig = resolveTrainConfig({
      ...DEFAULT_TRAIN_CONFIG,
      seed: config.seed,
      epochs: config.epochs,
      learningRate: config.learningRate,
      clipNorm: 5,
      restoreBest: true,
      metric: 'accuracy',
      metricMode: 'max',
      logEvery: 8,
      progress: options.progress ?? 'auto',
    });
    const result = await train({
      model,
      config: trainConfig,
      runDir: options.runDir,
      logger,
      signal: options.signal,
      resume: options.resume,
      batches: { length: trainBatches.length, get: (i) => trainBatches[i] as CountingBatch },
      countTokens: (batch) => batch.tokens,
      // The model ends in a softmax, so the loss takes probabilities (not logits).
      lossFn: (batch) =>
        tf.metrics.categoricalCrossentropy(batch.labels, model.apply(batch.ids, { training: true }) as tf.Tensor).mean() as tf.Scalar,
      evaluate: async () => ({ metrics: { accuracy: await accuracyOf(model, devBatches) } }),
      onBest: async ({ metrics }) => {
        await exportBundle(model, bundleDir, {
          config: { task: 'counting-classifier', hyperParameters: { ...config }, labels: ['b-or-tie', 'a-wins'] },
          metrics,
        });
      },
    });
    const devAccuracy = await accuracyOf(model, devBatches);
    const bundle = await loadBundle(bundleDir);
    const bundleAccuracy = await accuracyOf(bundle.model, devBatches);
    bundle.model.dispose();
    return { train: result, devAccuracy, bundleAccuracy, bundleDir };
  } finally {
    model.dispose();
    for (const batch of [...trainBatches, ...devBatches]) tf.dispose([batch.ids, batch.labels]);
  }
}
