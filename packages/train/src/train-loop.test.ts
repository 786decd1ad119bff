import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '@recurrent/core';
import { readMetricsLog } from './metrics-log.js';
import { arraySource, readValues, tinyBatches, tinyEvaluate, tinyLoss, tinyModel, type TinyBatch } from './test-tiny-task.js';
import { resolveTrainConfig, type TrainConfig } from './train-config.js';
import { train } from './train-loop.js';
import type { TrainOptions } from './train-options.js';

let base: string;
let runs = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  base = await mkdtemp(join(tmpdir(), 'train-loop-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const CONFIG = {
  epochs: 2, seed: 5, optimizer: 'adam', learningRate: 0.05, clipNorm: 2, clipValue: 3, lrWarmupSteps: 3,
  logEvery: 3, checkpointEvery: 4, progress: 'quiet', metric: 'accuracy', metricMode: 'max',
} as const;
const TRAIN = tinyBatches(21);
const DEV = tinyBatches(22, 30);

type Model = ReturnType<typeof tinyModel>;
function options(model: Model, runDir: string, config: Partial<Record<keyof TrainConfig, unknown>> = {}): TrainOptions<TinyBatch> {
  return {
    variables: model.variables,
    lossFn: tinyLoss(model),
    batches: arraySource(TRAIN),
    countTokens: (b) => b.y.length,
    evaluate: tinyEvaluate(model, DEV),
    config: resolveTrainConfig({ ...CONFIG, ...config }),
    runDir,
  };
}
const newRun = () => join(base, `run-${runs++}`);
const flat = async (model: Model) => (await readValues(model.variables)).flat();
const maxDiff = (a: number[], b: number[]) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0);

describe('train', () => {
  it('gives identical weights for the same seed and different weights for another seed, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const a = tinyModel(3);
    const b = tinyModel(3);
    const c = tinyModel(3);
    const resultA = await train(options(a, newRun()));
    await train(options(b, newRun()));
    await train(options(c, newRun(), { seed: 6 }));
    expect(resultA).toMatchObject({ status: 'completed', step: 24, epoch: 2 });
    const wa = await flat(a);
    expect(await flat(b)).toEqual(wa);
    expect(maxDiff(await flat(c), wa)).toBeGreaterThan(1e-3);
    tf.dispose([...a.variables, ...b.variables, ...c.variables]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same weights for 2 epochs straight and 1 epoch + resume + 1 epoch (within 1e-6)', async () => {
    const straight = tinyModel(4);
    await train(options(straight, newRun()));
    const runDir = newRun();
    const first = tinyModel(4);
    expect(await train(options(first, runDir, { epochs: 1 }))).toMatchObject({ status: 'completed', epoch: 1, step: 12 });
    const second = tinyModel(99); // different initial weights: all state must come from the checkpoint
    const logger = createMemoryLogger();
    const result = await train({ ...options(second, runDir), resume: true, logger, runInfo: { gitSha: 'abc123' } });
    expect(result).toMatchObject({ status: 'completed', epoch: 2, step: 24 });
    expect(logger.lines.some((l) => /resuming from .*ckpt-00000012.*epoch 2, batch 0, step 12/.test(l))).toBe(true);
    expect(maxDiff(await flat(second), await flat(straight))).toBeLessThanOrEqual(1e-6);
    const records = await readMetricsLog(join(runDir, 'metrics.jsonl'));
    expect(records.filter((r) => r.kind === 'step').map((r) => r.step)).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
    expect(records.filter((r) => r.kind === 'epoch').map((r) => r.epoch)).toEqual([0, 1]);
    const meta = JSON.parse(await readFile(join(runDir, 'checkpoints', 'ckpt-00000024', 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ step: 24, epoch: 2, batchInEpoch: 0, backend: 'cpu', tfjsVersion: '4.22.0', run: { gitSha: 'abc123' } });
    expect(meta.optimizer.weights.map((w: { name: string }) => w.name)).toEqual(['iter', ...['m', 'v'].flatMap((k) => ['w1', 'b1', 'w2', 'b2'].map((n) => expect.stringMatching(new RegExp(`/${n}/${k}$`))))]);
  });

  it('stops on an aborted signal with a checkpoint and a resume message, and resumes to the same weights', async () => {
    const straight = tinyModel(8);
    await train(options(straight, newRun(), { shuffle: false, optimizer: 'momentum', lrSchedule: 'step' }));
    const runDir = newRun();
    const model = tinyModel(8);
    const controller = new AbortController();
    const loss = tinyLoss(model);
    const result = await train({
      ...options(model, runDir, { shuffle: false, optimizer: 'momentum', lrSchedule: 'step' }),
      lossFn: (batch, context) => {
        if (context.step === 6) controller.abort();
        return loss(batch, context);
      },
      signal: controller.signal,
    });
    expect(result.status).toBe('interrupted');
    expect(result.step).toBe(7);
    expect(result.message).toMatch(/^training interrupted at step 7 \(epoch 1, batch 7\); checkpoint saved in .*ckpt-00000007.*resume/);
    const resumed = tinyModel(1);
    await train({ ...options(resumed, runDir, { shuffle: false, optimizer: 'momentum', lrSchedule: 'step' }), resume: true });
    expect(maxDiff(await flat(resumed), await flat(straight))).toBeLessThanOrEqual(1e-6);
  });

  it('cuts the epoch at maxMinutes, evaluates the weights so far and ends with status time-limit', async () => {
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const model = tinyModel(10);
      const runDir = newRun();
      const loss = tinyLoss(model);
      const evaluated: number[] = [];
      const result = await train({
        ...options(model, runDir, { epochs: 5, maxMinutes: 1, restoreBest: true }),
        lossFn: (batch, context) => {
          if (context.step === 14) clock = 60_001; // the limit passes during step 15 (epoch 2, batch 3)
          return loss(batch, context);
        },
        evaluate: async ({ step }) => {
          evaluated.push(step);
          return { metrics: { accuracy: step } };
        },
      });
      expect(result).toMatchObject({ status: 'time-limit', epoch: 2, step: 15, bestMetric: 15, bestStep: 15 });
      expect(evaluated).toEqual([12, 15]);
      const epochs = (await readMetricsLog(join(runDir, 'metrics.jsonl'))).filter((r) => r.kind === 'epoch');
      expect(epochs.map((r) => [r.step, r.kind === 'epoch' && r.partial === true])).toEqual([[12, false], [15, true]]);
    } finally {
      now.mockRestore();
    }
  });

  it('stops early, calls onBest on each improvement and restores the best weights', async () => {
    const model = tinyModel(9);
    const scores = [0.5, 0.8, 0.7, 0.6, 0.9];
    const bests: number[] = [];
    let atBest: number[] = [];
    const runDir = newRun();
    const result = await train({
      ...options(model, runDir, { epochs: 5, earlyStoppingPatience: 2, restoreBest: true }),
      evaluate: async ({ epoch }) => ({ metrics: { accuracy: scores[epoch] as number } }),
      onBest: async ({ metric, bundleDir }) => {
        bests.push(metric);
        atBest = await flat(model);
        expect(bundleDir).toBe(join(runDir, 'bundle'));
      },
    });
    expect(result).toMatchObject({ status: 'early-stopped', epoch: 4, bestMetric: 0.8, bestStep: 24 });
    expect(bests).toEqual([0.5, 0.8]);
    expect(await flat(model)).toEqual(atBest);
    const again = await train({ ...options(tinyModel(9), runDir, { epochs: 5, earlyStoppingPatience: 2 }), resume: true });
    expect(again).toMatchObject({ status: 'early-stopped', step: 48 });
  });

  it('with emaDecay, evaluates and restores the weight averages and resumes to the same averages', async () => {
    const before = tf.memory().numTensors;
    const ema = { emaDecay: 0.9, restoreBest: true };
    const raw = tinyModel(12);
    await train(options(raw, newRun(), { ...CONFIG, restoreBest: true }));
    const straight = tinyModel(12);
    const evaluatedAt: number[][] = [];
    const straightEvaluate = tinyEvaluate(straight, DEV);
    const result = await train({
      ...options(straight, newRun(), ema),
      evaluate: async () => {
        evaluatedAt.push(await flat(straight));
        return straightEvaluate();
      },
    });
    expect(result.status).toBe('completed');
    // The same steps as without averaging, but evaluation saw (and the end restored) other weights.
    expect(maxDiff(await flat(straight), await flat(raw))).toBeGreaterThan(1e-3);
    const best = (result.bestStep as number) / 12 - 1;
    expect(await flat(straight)).toEqual(evaluatedAt[best]);
    const runDir = newRun();
    await train(options(tinyModel(12), runDir, { ...ema, epochs: 1 }));
    const resumed = tinyModel(77);
    await train({ ...options(resumed, runDir, ema), resume: true });
    expect(maxDiff(await flat(resumed), await flat(straight))).toBeLessThanOrEqual(1e-6);
    const meta = JSON.parse(await readFile(join(runDir, 'checkpoints', 'ckpt-00000024', 'meta.json'), 'utf8'));
    expect(meta.weights.map((w: { name: string }) => w.name.replace(/tiny\d+/, 'm'))).toEqual(
      ['m/w1', 'm/b1', 'm/w2', 'm/b2', 'ema/m/w1', 'ema/m/b1', 'ema/m/w2', 'ema/m/b2'],
    );
    tf.dispose([...raw.variables, ...straight.variables, ...resumed.variables]);
    expect(tf.memory().numTensors).toBe(before + 4); // the first-epoch model's variables
  });

  it('trains a tf.LayersModel given as model, with weight decay', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })],
    });
    const before = await Promise.all(model.getWeights().map((w) => w.data()));
    const result = await train<TinyBatch>({
      model,
      lossFn: (batch) =>
        tf.tidy(() => {
          const logits = model.apply(tf.tensor2d(batch.x as number[][])) as tf.Tensor;
          return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(batch.y as number[], 'int32'), 3), logits) as tf.Scalar;
        }),
      batches: arraySource(TRAIN),
      config: resolveTrainConfig({ epochs: 1, optimizer: 'adamw', weightDecay: 0.1, progress: 'quiet' }),
      runDir: newRun(),
    });
    expect(result.status).toBe('completed');
    const after = await Promise.all(model.getWeights().map((w) => w.data()));
    expect(maxDiff(Array.from(after[0] as Float32Array), Array.from(before[0] as Float32Array))).toBeGreaterThan(1e-3);
    model.dispose();
  });

  it('refuses a run folder with checkpoints unless resume is set, and names a corrupt checkpoint file', async () => {
    const runDir = newRun();
    await train(options(tinyModel(2), runDir, { epochs: 1 }));
    await expect(train(options(tinyModel(2), runDir))).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/already holds ckpt-00000012; resume to continue/) });
    const meta = join(runDir, 'checkpoints', 'ckpt-00000012', 'meta.json');
    await writeFile(meta, (await readFile(meta, 'utf8')).slice(0, 40));
    await expect(train({ ...options(tinyModel(2), runDir), resume: true })).rejects.toMatchObject({
      code: 'DATA_FORMAT',
      message: expect.stringContaining(`${meta}:`),
    });
  });

  it('requires evaluate for a metric other than loss, and the metric among its results', async () => {
    const model = tinyModel(2);
    await expect(train({ ...options(model, newRun()), evaluate: undefined })).rejects.toThrowError(/metric must be "loss" when no evaluate function is given/);
    await expect(train({ ...options(model, newRun(), { metric: 'f1' }) })).rejects.toThrowError(/evaluate\(\) must return the monitored metric "f1", got: accuracy/);
  });

  it('logs plain progress lines through the logger in lines mode', async () => {
    const logger = createMemoryLogger();
    await train({ ...options(tinyModel(2), newRun(), { epochs: 1, progress: 'lines', logEvery: 6 }), logger });
    const lines = logger.lines.filter((l) => l.startsWith('epoch 1/1 | batch'));
    expect(lines.map((l) => l.split(' | ')[1])).toEqual(['batch 6/12 (50%)', 'batch 12/12 (100%)']);
    expect(lines[0]).toMatch(/loss \d\.\d{4} \| lr 5\.00e-2 \| \d+ tok\/s \| ETA /);
  });
});
