// Test helpers (excluded from the build): a small seeded model and a static file server.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** Embedding → LSTM → Dense, seeded so that every run builds the same weights. */
export function tinyTagger(options: { vocab?: number; units?: number; tags?: number } = {}): tf.LayersModel {
  const { vocab = 20, units = 16, tags = 3 } = options;
  const model = tf.sequential();
  model.add(
    tf.layers.embedding({
      inputDim: vocab,
      outputDim: 8,
      inputLength: 5,
      maskZero: true,
      embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 1 }),
    }),
  );
  model.add(
    tf.layers.lstm({
      units,
      returnSequences: true,
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      recurrentInitializer: tf.initializers.glorotUniform({ seed: 3 }),
    }),
  );
  model.add(
    tf.layers.dense({
      units: tags,
      activation: 'softmax',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
    }),
  );
  return model;
}

/** A batch of token ids [batch 2, time 5], with padding in the second row. */
export function sampleIds(): tf.Tensor2D {
  return tf.tensor2d(
    [
      [3, 7, 1, 19, 4],
      [5, 2, 9, 0, 0],
    ],
    [2, 5],
    'int32',
  );
}

/** Runs the model on {@link sampleIds} and returns the outputs as a plain array. */
export async function predictSample(model: tf.LayersModel): Promise<Float32Array> {
  const ids = sampleIds();
  const out = model.predict(ids) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([ids, out]);
  return values;
}

/** Serves `root` on 127.0.0.1 at a random port; 404 for missing files. */
export async function serveDirectory(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    readFile(join(root, path)).then(
      (body) => {
        res.writeHead(200, {
          'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
