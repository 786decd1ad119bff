import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { createMemoryLogger } from '@recurrent/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from './export-bundle.js';
import { loadBundle } from './load-bundle.js';
import { predictSample, serveDirectory, tinyTagger } from './test-model.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rc-export-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('exportBundle', () => {
  it('writes model.json, one shard, vocabs, config, metrics and a model card', async () => {
    const model = tinyTagger();
    const dir = join(root, 'full');
    const logger = createMemoryLogger();
    const result = await exportBundle(model, dir, {
      config: {
        task: 'tagger',
        hyperParameters: { units: 16 },
        labels: ['B', 'I', 'O'],
        tokenizer: { lowercase: false },
      },
      vocabs: { words: ['<pad>', '<unk>'], chars: { a: 2 } },
      metrics: { f1: 0.8125 },
      data: 'CoNLL-2003 sample, 20 sentences',
      logger,
    });
    const files = [
      'README.md',
      'config.json',
      'group1-shard1of1.bin',
      'metrics.json',
      'model.json',
      'vocab-chars.json',
      'vocab-words.json',
    ];
    expect((await readdir(dir)).sort()).toEqual(files);
    expect([...result.files].sort()).toEqual(files);
    // Embedding 20×8 + LSTM (8+16)×64 + 64 + Dense 16×3 + 3 float32 weights.
    const weightBytes = (20 * 8 + 24 * 64 + 64 + 16 * 3 + 3) * 4;
    expect((await readFile(join(dir, 'group1-shard1of1.bin'))).byteLength).toBe(weightBytes);
    expect(logger.lines).toEqual([
      `bundle: wrote ${dir} (7 files, 1 weight shard(s), ${weightBytes} weight bytes)`,
    ]);
    const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest).toHaveLength(1);
    expect(modelJson.weightsManifest[0]?.paths).toEqual(['group1-shard1of1.bin']);
    expect(modelJson.weightsManifest[0]?.weights.map((w) => w.shape)).toEqual([
      [20, 8],
      [8, 64],
      [16, 64],
      [64],
      [16, 3],
      [3],
    ]);
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toEqual({
      formatVersion: 1,
      task: 'tagger',
      hyperParameters: { units: 16 },
      labels: ['B', 'I', 'O'],
      tokenizer: { lowercase: false },
      vocabs: ['words', 'chars'],
      tfjsVersion: tf.version.tfjs,
    });
    expect(JSON.parse(await readFile(join(dir, 'vocab-chars.json'), 'utf8'))).toEqual({ a: 2 });
    const card = await readFile(join(dir, 'README.md'), 'utf8');
    expect(card).toContain('# tagger model');
    expect(card).toContain('CoNLL-2003 sample, 20 sentences');
    expect(card).toContain('| f1 | 0.812500 |');
    expect(card).toContain("loadBundle('path/to/this/folder')");
    expect(card).toContain("tf.loadLayersModel('https://host/path/model.json')");
    model.dispose();
  });

  it('shards weights at shardSizeBytes and stock loaders read every shard', async () => {
    const model = tinyTagger();
    const expected = Array.from(await predictSample(model));
    const dir = join(root, 'sharded');
    await exportBundle(model, dir, { config: { task: 'tagger' }, shardSizeBytes: 1024 });
    const shards = (await readdir(dir)).filter((f) => f.endsWith('.bin')).sort();
    expect(shards).toEqual([
      'group1-shard1of8.bin',
      'group1-shard2of8.bin',
      'group1-shard3of8.bin',
      'group1-shard4of8.bin',
      'group1-shard5of8.bin',
      'group1-shard6of8.bin',
      'group1-shard7of8.bin',
      'group1-shard8of8.bin',
    ]);
    const server = await serveDirectory(root);
    try {
      const stock = await tf.loadLayersModel(`${server.url}/sharded/model.json`);
      expect(Array.from(await predictSample(stock))).toEqual(expected);
      stock.dispose();
    } finally {
      await server.close();
    }
    const bundle = await loadBundle(dir);
    expect(Array.from(await predictSample(bundle.model))).toEqual(expected);
    model.dispose();
    bundle.model.dispose();
  });

  it('replaces an existing bundle whole and leaves no temp directory', async () => {
    const dir = join(root, 'replace');
    const model = tinyTagger();
    await exportBundle(model, dir, { config: { task: 'tagger' }, vocabs: { old: [] } });
    await exportBundle(model, dir, { config: { task: 'tagger' }, vocabs: { fresh: [] } });
    const entries = await readdir(dir);
    expect(entries).toContain('vocab-fresh.json');
    expect(entries).not.toContain('vocab-old.json');
    expect((await readdir(root)).filter((f) => f.includes('.tmp-') || f.includes('.old-'))).toEqual([]);
    model.dispose();
  });

  it('leaves the old bundle untouched when the new one cannot be written', async () => {
    const dir = join(root, 'keep');
    const model = tinyTagger();
    await exportBundle(model, dir, { config: { task: 'tagger' }, metrics: { f1: 0.5 } });
    await expect(
      exportBundle(model, dir, { config: { task: 'tagger' }, metrics: { f1: Number.NaN } }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      message: 'metrics must hold only finite numbers, got NaN',
    });
    await expect(
      exportBundle(model, dir, { config: { task: 'tagger' }, vocabs: { 'a/b': [] } }),
    ).rejects.toMatchObject({
      code: 'USAGE',
    });
    await expect(exportBundle(model, dir, { config: { task: '' } })).rejects.toMatchObject({
      code: 'CONFIG',
    });
    expect(JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8'))).toEqual({ f1: 0.5 });
    expect((await readdir(root)).filter((f) => f.includes('.tmp-'))).toEqual([]);
    model.dispose();
  });

  it('refuses to export to a URL', async () => {
    const model = tinyTagger();
    await expect(
      exportBundle(model, 'http://example.org/b', { config: { task: 't' } }),
    ).rejects.toMatchObject({ code: 'USAGE' });
    model.dispose();
  });
});
