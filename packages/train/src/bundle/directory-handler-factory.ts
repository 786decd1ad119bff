import type * as tf from '@tensorflow/tfjs';
import type { ModelFilesOptions } from './model-files.js';

/**
 * A tfjs IOHandler (save and load) for a directory on disk, without tfjs-node: stock
 * `model.json` + `group1-shard<i>of<n>.bin`, written atomically. Node only; the `node:fs`
 * module is imported on first call, so importing this package in a browser stays safe.
 *
 * @example
 * await model.save(await createDirectoryIOHandler('runs/pos/checkpoints/step-100'));
 * const back = await tf.loadLayersModel(await createDirectoryIOHandler('runs/pos/checkpoints/step-100'));
 */
export async function createDirectoryIOHandler(
  dir: string,
  options: ModelFilesOptions = {},
): Promise<tf.io.IOHandler> {
  const { directoryIOHandler } = await import('./directory-io-handler.js');
  return directoryIOHandler(dir, options);
}
