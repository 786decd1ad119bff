import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupBackend } from '@recurrent/cli-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SENTIMENT_CONFIG } from './config.js';
import { loadSentimentData } from './data.js';
import { runTrain } from './train.js';

const SAMPLE = fileURLToPath(new URL('../../../datasets/sst/sample/', import.meta.url));
const TINY = { ...DEFAULT_SENTIMENT_CONFIG, embeddingDim: 8, hidden: 6, batchSize: 8, epochs: 2, logEvery: 100 };

beforeAll(async () => {
  // The backend the CLI sets up by default (wasm, with its kernel replacements and added gradients).
  await setupBackend({ backend: 'wasm' });
});

describe('runTrain', () => {
  it('trains, exports the best bundle and reloads it with identical dev predictions', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'sentiment-train-'));
    const before = tf.memory().numTensors;
    const result = await runTrain(TINY, {
      trainFile: join(SAMPLE, 'stsa.binary.train'),
      devFile: join(SAMPLE, 'stsa.binary.dev'),
      data: { format: 'auto', binary: false },
      runDir,
      progress: 'quiet',
    });
    expect(result.train.status).toBe('completed');
    expect(result.bundleMatches).toBe(true);
    expect(result.labels).toEqual(['negative', 'positive']);
    expect([result.trainSentences, result.trainPhrases, result.dev.examples]).toEqual([24, 0, 6]);
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'epoch');
    expect(Math.max(...epochs.map((e) => e.dev.accuracy))).toBe(result.dev.accuracy);
    expect(JSON.parse(readFileSync(join(runDir, 'sentiment-config.json'), 'utf8')).data).toEqual({ format: 'flat', binary: false });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adds every deduplicated phrase of the trees with phrases on', async () => {
    const files = { trainFile: join(SAMPLE, 'trees/train.txt'), devFile: join(SAMPLE, 'trees/dev.txt') };
    const data = await loadSentimentData(files.trainFile, { format: 'auto', binary: true, phrases: true });
    const result = await runTrain({ ...TINY, phrases: true, epochs: 1, encoder: 'lstm' }, {
      ...files,
      data: { format: 'auto', binary: true },
      runDir: mkdtempSync(join(tmpdir(), 'sentiment-train-')),
      progress: 'quiet',
    });
    expect(result.trainPhrases).toBe(data.phrases.length);
    expect(result.trainSentences).toBe(data.sentences.length);
    expect(result.dev.examples).toBe(4);
  });

  it('stops at the maxMinutes deadline, checked every step, and still evaluates and exports the cut epoch', async () => {
    const runDir = mkdtempSync(join(tmpdir(), 'sentiment-train-'));
    const result = await runTrain({ ...TINY, maxMinutes: 1e-6, epochs: 50 }, {
      trainFile: join(SAMPLE, 'stsa.binary.train'),
      devFile: join(SAMPLE, 'stsa.binary.dev'),
      data: { format: 'auto', binary: false },
      runDir,
      progress: 'quiet',
    });
    expect(result.train.status).toBe('time-limit');
    expect(result.train.step).toBe(1);
    const epochs = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'epoch');
    expect(epochs.map((r) => [r.step, r.partial])).toEqual([[1, true]]);
    expect(existsSync(join(runDir, 'bundle', 'model.json'))).toBe(true);
  });
});
