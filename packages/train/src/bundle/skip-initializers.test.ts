import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDirectoryIOHandler } from './directory-handler-factory.js';
import { exportBundle } from './export-bundle.js';
import { loadBundle } from './load-bundle.js';
import { zeroInitializers } from './skip-initializers.js';

const orthogonalPrototype = Object.getPrototypeOf(tf.initializers.orthogonal({})) as {
  apply: (...a: unknown[]) => tf.Tensor;
};
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rc-skip-init-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function outputs(model: tf.LayersModel, x: tf.Tensor): Promise<number[]> {
  const y = model.predict(x) as tf.Tensor;
  const values = Array.from(await y.data());
  y.dispose();
  return values;
}

describe('zeroInitializers', () => {
  it('replaces initializers at every depth and leaves everything else', () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'RNN',
            config: {
              cell: [
                {
                  class_name: 'LSTMCell',
                  config: {
                    units: 4,
                    recurrent_initializer: { class_name: 'Orthogonal', config: { gain: 1 } },
                    kernel_initializer: 'glorotUniform',
                  },
                },
              ],
              units: 4,
            },
          },
        ],
      },
    };
    expect(zeroInitializers(topology)).toEqual({
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'RNN',
            config: {
              cell: [
                {
                  class_name: 'LSTMCell',
                  config: {
                    units: 4,
                    recurrent_initializer: { class_name: 'Zeros', config: {} },
                    kernel_initializer: 'zeros',
                  },
                },
              ],
              units: 4,
            },
          },
        ],
      },
    });
    expect(topology.config.layers[0]?.config.cell[0]?.config.recurrent_initializer.class_name).toBe(
      'Orthogonal',
    );
  });
});

describe('loadBundle without initializers', () => {
  it('never calls the orthogonal initializer of an LSTM with a [256, 1024] recurrent kernel', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.lstm({
          units: 256,
          inputShape: [3, 8],
          kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
          recurrentInitializer: tf.initializers.glorotUniform({ seed: 6 }),
        }),
      ],
    });
    const x = tf.randomUniform([2, 3, 8], -1, 1, 'float32', 7);
    const expected = await outputs(model, x);
    const dir = join(root, 'lstm-256');
    await exportBundle(model, dir, { config: { task: 'test' } });
    // Name the slow initializer in model.json, as a model built with the tfjs default would.
    const file = join(dir, 'model.json');
    const json = (await readFile(file, 'utf8')).replace(
      /"recurrent_initializer":\{"class_name":"VarianceScaling","config":\{[^}]*\}\}/,
      '"recurrent_initializer":{"class_name":"Orthogonal","config":{"gain":1,"seed":null}}',
    );
    expect(json).toContain('"Orthogonal"');
    await writeFile(file, json);
    const spy = vi.spyOn(orthogonalPrototype, 'apply');
    const bundle = await loadBundle(dir);
    expect(spy).not.toHaveBeenCalled();
    expect(bundle.model.getWeights()[1]?.shape).toEqual([256, 1024]);
    expect(await outputs(bundle.model, x)).toEqual(expected);
    tf.dispose([x]);
    model.dispose();
    bundle.model.dispose();
  });

  it('skips the initializers of cells in StackedRNNCells, which stock tf.loadLayersModel runs', async () => {
    const cell = (seed: number) =>
      tf.layers.lstmCell({
        units: 4,
        recurrentInitializer: 'orthogonal',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      });
    const model = tf.sequential({
      layers: [tf.layers.rnn({ cell: [cell(1), cell(2)], inputShape: [3, 2] })],
    });
    const x = tf.randomUniform([1, 3, 2], -1, 1, 'float32', 3);
    const expected = await outputs(model, x);
    const dir = join(root, 'stacked');
    await exportBundle(model, dir, { config: { task: 'test' } });
    const spy = vi.spyOn(orthogonalPrototype, 'apply');
    const stock = await tf.loadLayersModel(await createDirectoryIOHandler(dir));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockClear();
    const bundle = await loadBundle(dir);
    expect(spy).not.toHaveBeenCalled();
    expect(await outputs(bundle.model, x)).toEqual(expected);
    expect(await outputs(stock, x)).toEqual(expected);
    tf.dispose([x]);
    model.dispose();
    stock.dispose();
    bundle.model.dispose();
  });
});
