import * as tf from '@tensorflow/tfjs';
import { ConfigError, RecurrentError, SeededRandom, SILENT_LOGGER } from '@recurrent/core';
import { CheckpointStore } from './checkpoint-store.js';
import { epochBatches } from './data-order.js';
import { EarlyStopping } from './early-stopping.js';
import { LrSchedule } from './lr-schedules.js';
import { appendMetricsRecord, truncateMetricsLog } from './metrics-log.js';
import { createOptimizer, disposeOptimizer, setLearningRate } from './optimizers.js';
import { createProgress, type Progress } from './progress.js';
import { writeRunReport } from './report/write-report.js';
import { runPaths } from './run-dir.js';
import { writeFileAtomic } from './durable-fs.js';
import { loadTrainCheckpoint, saveTrainCheckpoint, type TrainProgressState } from './train-checkpoint.js';
import { resolveTrainVariables, type TrainOptions, type TrainResult } from './train-options.js';
import { trainStep } from './train-step.js';
import { WeightAverage } from './weight-average.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Resolves on the next event-loop turn (setImmediate in Node, setTimeout elsewhere). */
const nextMacrotask = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * Trains with a user-supplied loss: per step, the loss of one batch is differentiated, clipped,
 * decayed and applied by the configured optimizer at the scheduled learning rate. At each epoch end
 * the dev metric is evaluated (best checkpoint, `onBest`, early stopping, plateau schedule).
 * Checkpoints (weights, optimizer moments, position, RNG, bookkeeping) are written atomically every
 * `checkpointEvery` steps and at epoch ends; `resume: true` continues exactly where the last one
 * stopped. Writes `config.json`, `metrics.jsonl` and `report.html` into `runDir`. With
 * `emaDecay > 0` an exponential moving average of the trainable weights is kept (and checkpointed);
 * evaluation, `onBest` and `restoreBest` then see the averaged weights.
 *
 * @example
 * ```ts
 * const result = await train({
 *   variables: [w, b],
 *   lossFn: (batch) => tf.losses.softmaxCrossEntropy(batch.y, tf.add(tf.matMul(batch.x, w), b)),
 *   batches: { length: data.length, get: (i) => data[i] },
 *   config: resolveTrainConfig({ epochs: 3 }),
 *   runDir: 'runs/demo',
 *   resume: true,
 * });
 * if (result.status === 'interrupted') console.error(result.message);
 * ```
 */
export async function train<B>(options: TrainOptions<B>): Promise<TrainResult> {
  const { config } = options;
  const logger = options.logger ?? SILENT_LOGGER;
  const paths = runPaths(options.runDir);
  const { all, trainable } = resolveTrainVariables(options);
  if (options.evaluate === undefined && config.metric !== 'loss') {
    throw new ConfigError('metric', `must be "loss" when no evaluate function is given, got ${JSON.stringify(config.metric)}`);
  }
  const store = await CheckpointStore.open(paths.checkpoints, { keep: config.keepCheckpoints });
  const optimizer = createOptimizer(config);
  const average = config.emaDecay > 0 ? new WeightAverage(trainable, config.emaDecay) : null;
  // What a checkpoint holds: every model variable, then the averages.
  const saved = average === null ? all : [...all, ...average.shadows];
  const schedule = new LrSchedule(config);
  const stopper = new EarlyStopping({ mode: config.metricMode, patience: config.earlyStoppingPatience, minDelta: config.minDelta });
  const s: Mutable<TrainProgressState> = {
    step: 0, epoch: 0, batchInEpoch: 0, bestMetric: null, bestStep: null, rngState: config.seed,
    lrSchedule: schedule.save(), earlyStopping: stopper.save(), epochLoss: { sum: 0, count: 0 },
    window: { losses: [], tokens: 0 }, finished: false,
  };
  const pending: tf.Scalar[] = [];
  let shownProgress: Progress | undefined;
  try {
    let checkpoint: string | null = await store.latest();
    if (checkpoint !== null) {
      if (options.resume !== true) {
        throw new RecurrentError('USAGE', `${paths.checkpoints} already holds ${checkpoint}; resume to continue that run, or use a new run folder`);
      }
      const meta = await loadTrainCheckpoint(store, checkpoint, { variables: saved, optimizer });
      for (const key of Object.keys(s) as (keyof TrainProgressState)[]) (s as Record<string, unknown>)[key] = meta[key];
      schedule.restore(s.lrSchedule);
      stopper.restore(s.earlyStopping);
      await truncateMetricsLog(paths.metrics, s.step);
      logger.info(`resuming from ${store.path(checkpoint, '')}: epoch ${s.epoch + 1}, batch ${s.batchInEpoch}, step ${s.step}`);
      checkpoint = store.path(checkpoint, '');
    } else {
      if (options.resume === true) logger.info(`no checkpoint in ${paths.checkpoints}; starting from scratch`);
      await truncateMetricsLog(paths.metrics, -1);
    }
    await writeFileAtomic(paths.config, `${JSON.stringify(config, null, 2)}\n`);
    logger.info(`config: ${JSON.stringify(config)}`);

    const rng = SeededRandom.fromState(s.rngState);
    const progress = createProgress({ mode: config.progress, logger, stream: options.progressStream });
    shownProgress = progress;
    let lastSavedStep = checkpoint === null ? -1 : s.step;
    let lr = schedule.rate(s.step, s.epoch);
    let rateClock = { time: performance.now(), tokens: 0 };
    let batches = 0;
    // Checked every step: a timer would not fire while steps run back to back.
    const deadline = config.maxMinutes > 0 ? performance.now() + config.maxMinutes * 60_000 : Number.POSITIVE_INFINITY;
    let timeUp = false;

    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const losses = pending.splice(0);
      const stacked = tf.stack(losses);
      const values = Array.from((await stacked.data()) as Float32Array);
      tf.dispose([stacked, ...losses]);
      s.window = { ...s.window, losses: [...s.window.losses, ...values] };
      s.epochLoss = { sum: s.epochLoss.sum + values.reduce((a, b) => a + b, 0), count: s.epochLoss.count + values.length };
    };
    const save = async (isBest: boolean): Promise<string> => {
      await flush();
      s.rngState = rng.state;
      s.lrSchedule = schedule.save();
      s.earlyStopping = stopper.save();
      const name = await saveTrainCheckpoint(store, { variables: saved, optimizer, state: { ...s }, isBest, run: options.runInfo });
      lastSavedStep = s.step;
      checkpoint = store.path(name, '');
      logger.debug(`saved checkpoint ${checkpoint}`);
      return checkpoint;
    };
    const logStep = async (): Promise<void> => {
      await flush();
      const losses = s.window.losses;
      const loss = losses.reduce((a, b) => a + b, 0) / Math.max(1, losses.length);
      const seconds = (performance.now() - rateClock.time) / 1000;
      const tokensPerSecond = options.countTokens && seconds > 0 ? rateClock.tokens / seconds : undefined;
      await appendMetricsRecord(paths.metrics, { kind: 'step', step: s.step, epoch: s.epoch, loss, lr, tokensPerSecond });
      progress.update({ epoch: s.epoch, epochs: config.epochs, batch: s.batchInEpoch, batches, loss, lr, tokensPerSecond });
      s.window = { losses: [], tokens: 0 };
      rateClock = { time: performance.now(), tokens: 0 };
    };
    const interrupted = async (): Promise<TrainResult> => {
      progress.stop();
      const path = lastSavedStep === s.step && checkpoint !== null ? checkpoint : await save(false);
      await writeRunReport(options.runDir, { extraFigures: await options.extraFigures?.() });
      const message =
        `training interrupted at step ${s.step} (epoch ${s.epoch + 1}, batch ${s.batchInEpoch}); checkpoint saved in ${path}; ` +
        `run again with resume (CLI: --resume) on ${options.runDir} to continue`;
      return { status: 'interrupted', step: s.step, epoch: s.epoch, bestMetric: s.bestMetric, bestStep: s.bestStep, checkpoint: path, message };
    };

    while (s.epoch < config.epochs && !s.finished) {
      const data = epochBatches(options.batches, config.seed, s.epoch, config.shuffle);
      batches = data.length;
      while (s.batchInEpoch < data.length) {
        // Steps are synchronous tensor code: without a macrotask turn, a SIGINT handler (and so the
        // abort) would only run at the next file write, up to `logEvery` steps later.
        await nextMacrotask();
        if (options.signal?.aborted === true) return await interrupted();
        const batch = data.get(s.batchInEpoch);
        const context = { step: s.step, epoch: s.epoch, seed: rng.nextUint32() };
        lr = schedule.rate(s.step, s.epoch);
        setLearningRate(optimizer, lr);
        pending.push(
          trainStep({
            loss: () => options.lossFn(batch, context), variables: trainable, optimizer, learningRate: lr,
            clipNorm: config.clipNorm, clipValue: config.clipValue, weightDecay: config.weightDecay,
          }),
        );
        average?.update(s.step);
        const tokens = options.countTokens?.(batch) ?? 0;
        rateClock.tokens += tokens;
        s.window = { ...s.window, tokens: s.window.tokens + tokens };
        s.step += 1;
        s.batchInEpoch += 1;
        if (s.step % config.logEvery === 0) await logStep();
        const endOfEpoch = s.batchInEpoch === data.length;
        if (!endOfEpoch && performance.now() > deadline) {
          timeUp = true;
          logger.info(`the ${config.maxMinutes}-minute limit is reached at batch ${s.batchInEpoch}/${data.length} of epoch ${s.epoch + 1}: evaluating the weights so far and stopping`);
          break;
        }
        if (!endOfEpoch && config.checkpointEvery > 0 && s.step % config.checkpointEvery === 0) await save(false);
      }
      timeUp ||= performance.now() > deadline;
      progress.stop();
      await flush();
      const trainLoss = s.epochLoss.sum / Math.max(1, s.epochLoss.count);
      // Evaluate and export the averaged weights; the raw ones are back before the checkpoint.
      average?.swap();
      let verdict: { improved: boolean; shouldStop: boolean };
      try {
        const evaluation = options.evaluate ? await options.evaluate({ epoch: s.epoch, step: s.step }) : { metrics: {} };
        const monitored = options.evaluate ? evaluation.metrics[config.metric] : trainLoss;
        if (monitored === undefined) {
          throw new RecurrentError('USAGE', `evaluate() must return the monitored metric "${config.metric}", got: ${Object.keys(evaluation.metrics).join(', ')}`);
        }
        verdict = stopper.update(monitored, s.epoch);
        const { improved } = verdict;
        if (schedule.onEpochEnd(monitored)) logger.info(`no improvement in ${config.metric}: learning rate reduced to ${schedule.rate(s.step, s.epoch + 1).toExponential(2)}`);
        if (improved) {
          s.bestMetric = monitored;
          s.bestStep = s.step;
        }
        await appendMetricsRecord(paths.metrics, {
          kind: 'epoch', step: s.step, epoch: s.epoch, trainLoss, lr, dev: evaluation.metrics, best: improved,
          ...(s.batchInEpoch < batches ? { partial: true } : {}),
          ...('confusion' in evaluation && evaluation.confusion ? { confusion: evaluation.confusion } : {}),
        });
        const dev = Object.entries(evaluation.metrics).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ');
        logger.info(
          `epoch ${s.epoch + 1}/${config.epochs}: train loss ${trainLoss.toFixed(4)}${dev ? `, dev ${dev}` : ''}` +
            ` (best ${config.metric} ${s.bestMetric?.toFixed(4)} at step ${s.bestStep})`,
        );
        if (improved && options.onBest) {
          await options.onBest({ epoch: s.epoch, step: s.step, metric: monitored, metrics: evaluation.metrics, bundleDir: paths.bundle });
        }
      } finally {
        average?.swap();
      }
      const { improved, shouldStop } = verdict;
      s.epoch += 1;
      s.batchInEpoch = 0;
      s.epochLoss = { sum: 0, count: 0 };
      s.finished = shouldStop;
      await save(improved);
      if (shouldStop) logger.info(`early stopping: no improvement in ${config.metric} for ${config.earlyStoppingPatience} epochs`);
      if (options.signal?.aborted === true && !shouldStop && s.epoch < config.epochs) return await interrupted();
      if (timeUp) break;
    }
    progress.stop();
    if (config.restoreBest) {
      const best = await store.pointer('best');
      if (best !== null) await loadTrainCheckpoint(store, best, { variables: saved });
      average?.swap();
    }
    await writeRunReport(options.runDir, { extraFigures: await options.extraFigures?.() });
    const status = s.finished ? 'early-stopped' : timeUp && s.epoch < config.epochs ? 'time-limit' : 'completed';
    const message = `training ${status} after ${s.epoch} epochs (${s.step} steps); best ${config.metric} ${s.bestMetric} at step ${s.bestStep}`;
    return { status, step: s.step, epoch: s.epoch, bestMetric: s.bestMetric, bestStep: s.bestStep, checkpoint, message };
  } finally {
    shownProgress?.stop();
    tf.dispose(pending);
    disposeOptimizer(optimizer);
    average?.dispose();
  }
}
