// Node only: imported dynamically for file paths so that browser bundles never pull `node:fs`.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';
import { writeDirectoryAtomically } from './atomic-directory.js';
import type { BundleSource } from './bundle-source.js';
import { isJsonObject, parseJsonFile } from './json-file.js';
import { checkWeightBytes, modelArtifactsToFiles, type ModelFilesOptions } from './model-files.js';

async function readOrThrow(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'file not found' : String(error);
    throw new RecurrentError('IO', `${path}: cannot read bundle file: ${reason}`, { cause: error });
  }
}

/** Reads `model.json` and its shards from `dir`, checking that every shard exists and the sizes add up. */
async function loadArtifacts(dir: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = join(dir, 'model.json');
  const modelJson = parseJsonFile((await readOrThrow(jsonPath)).toString('utf8'), jsonPath);
  if (
    !isJsonObject(modelJson) ||
    !isJsonObject(modelJson.modelTopology) ||
    !Array.isArray(modelJson.weightsManifest)
  ) {
    throw new RecurrentError(
      'DATA_FORMAT',
      `${jsonPath}: expected a tfjs LayersModel JSON with "modelTopology" and "weightsManifest"`,
    );
  }
  return tf.io.getModelArtifactsForJSON(modelJson as unknown as tf.io.ModelJSON, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const shards: { name: string; data: Buffer }[] = [];
    for (const group of manifest) {
      specs.push(...group.weights);
      for (const path of group.paths) {
        const full = join(dir, path);
        shards.push({ name: full, data: await readOrThrow(full) });
      }
    }
    checkWeightBytes(
      specs,
      shards.map((s) => ({ name: s.name, byteLength: s.data.byteLength })),
    );
    const buffers = shards.map((s) =>
      s.data.buffer.slice(s.data.byteOffset, s.data.byteOffset + s.data.byteLength),
    );
    return [specs, tf.io.CompositeArrayBuffer.join(buffers as ArrayBuffer[])];
  });
}

/**
 * A tfjs IOHandler for a directory on disk (what `tf.io.fileSystem` gives with tfjs-node, which we
 * do not require). `save` atomically writes a fresh directory holding `model.json` and
 * `group1-shard<i>of<n>.bin` shards (4 MB each by default) with a stock `weightsManifest`;
 * `load` reads them back, naming the file on a missing or truncated shard.
 *
 * @example
 * await model.save(directoryIOHandler('runs/pos/model'));
 * const again = await tf.loadLayersModel(directoryIOHandler('runs/pos/model'));
 */
export function directoryIOHandler(dir: string, options: ModelFilesOptions = {}): tf.io.IOHandler {
  const target = resolve(dir);
  return {
    save: async (artifacts) => {
      const files = modelArtifactsToFiles(artifacts, options);
      await writeDirectoryAtomically(target, files);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: files.slice(1).reduce((sum, f) => sum + f.data.byteLength, 0),
        },
      };
    },
    load: () => loadArtifacts(target),
  };
}

/**
 * A {@link BundleSource} for a bundle directory on disk.
 *
 * @example
 * const source = directoryBundleSource('runs/pos/bundle');
 * const config = await source.readText('config.json');
 */
export function directoryBundleSource(dir: string): BundleSource {
  const target = resolve(dir);
  return {
    location: target,
    where: (name) => join(target, name),
    readText: async (name) => (await readOrThrow(join(target, name))).toString('utf8'),
    modelHandler: () => directoryIOHandler(target),
  };
}
