import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { rcBidirectional, rcGRU, rcLSTM } from '@recurrent/layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportBundle } from './export-bundle.js';
import { loadBundle } from './load-bundle.js';
import { predictSample, serveDirectory } from './test-model.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rc-layers-bundle-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Embedding → RcBidirectional(RcLSTM) → RcGRU → Dense, all seeded. */
function rcTagger(): tf.LayersModel {
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: 20,
      outputDim: 6,
      inputLength: 5,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 1 }),
    }),
  );
  model.add(
    rcBidirectional({
      layer: rcLSTM({ units: 5, returnSequences: true, seed: 2, recurrentInitializer: 'glorotUniform' }),
      mergeMode: 'concat',
    }),
  );
  model.add(rcGRU({ units: 4, returnSequences: true, seed: 3, recurrentInitializer: 'glorotUniform' }));
  model.add(
    tf.layers.dense({
      units: 3,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
    }),
  );
  return model;
}

describe('bundles of @recurrent/layers models', () => {
  it('round-trip through loadBundle and stock tf.loadLayersModel over http with identical outputs', async () => {
    const model = rcTagger();
    const expected = Array.from(await predictSample(model));
    const dir = join(root, 'rc');
    await exportBundle(model, dir, { config: { task: 'tagger', labels: ['A', 'B', 'C'] } });
    const json = await readFile(join(dir, 'model.json'), 'utf8');
    expect(json).toContain('"class_name":"RcBidirectional"');
    expect(json).toContain('"class_name":"RcGRU"');

    const bundle = await loadBundle(dir);
    expect(Array.from(await predictSample(bundle.model))).toEqual(expected);
    bundle.model.dispose();

    const server = await serveDirectory(root);
    try {
      const stock = await tf.loadLayersModel(`${server.url}/rc/model.json`);
      expect(Array.from(await predictSample(stock))).toEqual(expected);
      stock.dispose();
    } finally {
      await server.close();
    }
    model.dispose();
  });

  it('does not run a tfjs orthogonal initializer named in a nested RcLSTM config', async () => {
    const model = rcTagger();
    const expected = Array.from(await predictSample(model));
    const dir = join(root, 'rc-orthogonal');
    await exportBundle(model, dir, { config: { task: 'tagger' } });
    const file = join(dir, 'model.json');
    const json = (await readFile(file, 'utf8')).replace(
      /"recurrent_initializer":"[A-Za-z_]+"/g,
      '"recurrent_initializer":"orthogonal"',
    );
    expect(json.match(/"recurrent_initializer":"orthogonal"/g)?.length).toBeGreaterThanOrEqual(2);
    await writeFile(file, json);
    const orthogonal = Object.getPrototypeOf(tf.initializers.orthogonal({})) as { apply: () => tf.Tensor };
    const spy = vi.spyOn(orthogonal, 'apply');
    try {
      const bundle = await loadBundle(dir);
      expect(spy).not.toHaveBeenCalled();
      expect(Array.from(await predictSample(bundle.model))).toEqual(expected);
      bundle.model.dispose();
    } finally {
      spy.mockRestore();
    }
    model.dispose();
  });
});
