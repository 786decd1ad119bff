import { cp, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from './export-bundle.js';
import { loadBundle } from './load-bundle.js';
import { predictSample, serveDirectory, tinyTagger } from './test-model.js';

let root: string;
let bundleDir: string;
let before: Float32Array;
const vocabs = { words: ['<pad>', '<unk>', 'the', 'cat'], tags: ['DET', 'NOUN', 'VERB'] };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rc-bundle-'));
  bundleDir = join(root, 'bundle');
  const model = tinyTagger();
  before = await predictSample(model);
  await exportBundle(model, bundleDir, {
    config: {
      task: 'tagger',
      hyperParameters: { units: 16, embedding: 8 },
      labels: vocabs.tags,
      tokenizer: { lowercase: true },
    },
    vocabs,
    metrics: { accuracy: 0.875, loss: 0.42 },
  });
  model.dispose();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A copy of the exported bundle that a test may damage. */
async function copyBundle(name: string): Promise<string> {
  const dir = join(root, name);
  await cp(bundleDir, dir, { recursive: true });
  return dir;
}

describe('loadBundle', () => {
  it('gives identical predictions, config, vocabs and metrics when loaded from a directory', async () => {
    const bundle = await loadBundle(bundleDir);
    expect(Array.from(await predictSample(bundle.model))).toEqual(Array.from(before));
    expect(bundle.config).toMatchObject({
      task: 'tagger',
      labels: ['DET', 'NOUN', 'VERB'],
      vocabs: ['words', 'tags'],
    });
    expect(bundle.config.hyperParameters).toEqual({ units: 16, embedding: 8 });
    expect(bundle.config.tokenizer).toEqual({ lowercase: true });
    expect(bundle.vocabs).toEqual(vocabs);
    expect(bundle.metrics).toEqual({ accuracy: 0.875, loss: 0.42 });
    expect(bundle.dir).toBe(bundleDir);
    bundle.model.dispose();
  });

  it('loads over http with stock tf.loadLayersModel and with loadBundle, giving identical outputs', async () => {
    const server = await serveDirectory(root);
    try {
      const stock = await tf.loadLayersModel(`${server.url}/bundle/model.json`);
      expect(Array.from(await predictSample(stock))).toEqual(Array.from(before));
      stock.dispose();
      const bundle = await loadBundle(`${server.url}/bundle/`);
      expect(Array.from(await predictSample(bundle.model))).toEqual(Array.from(before));
      expect(bundle.vocabs).toEqual(vocabs);
      expect(bundle.config.labels).toEqual(vocabs.tags);
      expect(bundle.dir).toBe(`${server.url}/bundle/`);
      bundle.model.dispose();
    } finally {
      await server.close();
    }
  });

  it('names the shard in an IO error when a weight file is missing, from disk and over http', async () => {
    const dir = await copyBundle('missing-shard');
    const shard = join(dir, 'group1-shard1of1.bin');
    await unlink(shard);
    await expect(loadBundle(dir)).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(shard),
    });
    const server = await serveDirectory(root);
    try {
      await expect(loadBundle(`${server.url}/missing-shard`)).rejects.toMatchObject({
        code: 'IO',
        message: expect.stringContaining(
          `${server.url}/missing-shard/group1-shard1of1.bin: cannot fetch bundle file: HTTP 404`,
        ),
      });
    } finally {
      await server.close();
    }
  });

  it('names the shard in a DATA_FORMAT error when a weight file is truncated, from disk and over http', async () => {
    const dir = await copyBundle('short-shard');
    const shard = join(dir, 'group1-shard1of1.bin');
    const size = (await readFile(shard)).byteLength;
    await truncate(shard, size - 4);
    const error = await loadBundle(dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DATA_FORMAT' });
    expect((error as Error).message).toBe(
      `${shard} (${size - 4} bytes): weight files hold ${size - 4} bytes but the weightsManifest in model.json ` +
        `needs ${size}; a weight file is truncated or corrupted`,
    );
    const server = await serveDirectory(root);
    try {
      await expect(loadBundle(`${server.url}/short-shard/model.json`)).rejects.toMatchObject({
        code: 'DATA_FORMAT',
        message: expect.stringContaining(
          `${server.url}/short-shard/group1-shard1of1.bin (${size - 4} bytes)`,
        ),
      });
    } finally {
      await server.close();
    }
  });

  it('reports file:line:col when model.json is not valid JSON', async () => {
    const dir = await copyBundle('bad-json');
    await writeFile(join(dir, 'model.json'), '{\n  "modelTopology": {,\n}');
    await expect(loadBundle(dir)).rejects.toMatchObject({
      code: 'DATA_FORMAT',
      message: expect.stringMatching(
        new RegExp(`^${join(dir, 'model.json').replace(/[.]/g, '\\.')}:2:21: invalid JSON`),
      ),
    });
  });

  it('throws a ConfigError naming config.json and the key when config.json has a bad shape', async () => {
    const dir = await copyBundle('bad-config');
    const file = join(dir, 'config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...config, labels: 'DET NOUN' }));
    await expect(loadBundle(dir)).rejects.toMatchObject({
      code: 'CONFIG',
      message: `${file}: labels must be an array of strings, got "DET NOUN"`,
    });
    await writeFile(file, JSON.stringify({ ...config, lables: [] }));
    await expect(loadBundle(dir)).rejects.toThrow(`${file}: lables is not a known key`);
  });

  it('throws an IO error naming a missing vocab file', async () => {
    const dir = await copyBundle('missing-vocab');
    await unlink(join(dir, 'vocab-tags.json'));
    await expect(loadBundle(dir)).rejects.toMatchObject({
      code: 'IO',
      message: `${join(dir, 'vocab-tags.json')}: cannot read bundle file: file not found`,
    });
  });
});
