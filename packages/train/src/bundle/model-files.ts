import * as tf from '@tensorflow/tfjs';
import { RecurrentError } from '@recurrent/core';

/** tfjs shards weights at 4 MB (`tensorflowjs_converter --weight_shard_size_bytes`); so do we. */
export const DEFAULT_SHARD_SIZE_BYTES = 4 * 1024 * 1024;

/** One file of a saved model: `model.json` or a weight shard. */
export interface ModelFile {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Options of {@link modelArtifactsToFiles}. */
export interface ModelFilesOptions {
  /** Largest shard in bytes; default {@link DEFAULT_SHARD_SIZE_BYTES}. */
  readonly shardSizeBytes?: number;
}

/**
 * Turns in-memory model artifacts into the files of the stock tfjs LayersModel format:
 * `model.json` (topology + `weightsManifest`) and `group1-shard<i>of<n>.bin` shards, so that
 * `tf.loadLayersModel` (file, http, or `tf.io.fromMemory`) reads them unchanged.
 *
 * @example
 * let artifacts: tf.io.ModelArtifacts | undefined;
 * await model.save(tf.io.withSaveHandler(async (a) => { artifacts = a; return { modelArtifactsInfo: {
 *   dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
 * const files = modelArtifactsToFiles(artifacts!); // [model.json, group1-shard1of1.bin]
 */
export function modelArtifactsToFiles(
  artifacts: tf.io.ModelArtifacts,
  options: ModelFilesOptions = {},
): ModelFile[] {
  const shardSize = options.shardSizeBytes ?? DEFAULT_SHARD_SIZE_BYTES;
  if (!Number.isInteger(shardSize) || shardSize <= 0) {
    throw new RecurrentError('USAGE', `shardSizeBytes must be a positive integer, got ${String(shardSize)}`);
  }
  if (artifacts.modelTopology == null || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new RecurrentError('USAGE', 'model artifacts must hold a JSON modelTopology (a tf.LayersModel)');
  }
  const weights = new Uint8Array(
    artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  );
  // At least one shard, even for a model without weights, as tfjs writes it.
  const count = Math.max(1, Math.ceil(weights.byteLength / shardSize));
  const shards: ModelFile[] = [];
  for (let i = 0; i < count; i++) {
    shards.push({
      name: `group1-shard${i + 1}of${count}.bin`,
      data: weights.subarray(i * shardSize, Math.min(weights.byteLength, (i + 1) * shardSize)),
    });
  }
  const manifest: tf.io.WeightsManifestConfig = [
    { paths: shards.map((s) => s.name), weights: artifacts.weightSpecs ?? [] },
  ];
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: manifest,
    ...(artifacts.trainingConfig == null ? {} : { trainingConfig: artifacts.trainingConfig }),
    ...(artifacts.userDefinedMetadata == null ? {} : { userDefinedMetadata: artifacts.userDefinedMetadata }),
  };
  const json = new TextEncoder().encode(`${JSON.stringify(modelJson)}\n`);
  return [{ name: 'model.json', data: json }, ...shards];
}

/** Number of bytes the weights described by `specs` occupy. */
export function weightSpecsByteLength(specs: readonly tf.io.WeightsManifestEntry[]): number {
  let total = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization != null) {
      total += size * (spec.quantization.dtype === 'uint8' ? 1 : 2);
    } else if (spec.dtype === 'string') {
      throw new RecurrentError(
        'DATA_FORMAT',
        `weight ${spec.name}: string weights are not supported in bundles`,
      );
    } else {
      total += size * (spec.dtype === 'bool' ? 1 : spec.dtype === 'complex64' ? 8 : 4);
    }
  }
  return total;
}

/**
 * Throws a DATA_FORMAT error naming the weight files when they do not hold exactly the bytes
 * the manifest describes (a truncated, padded or wrong shard).
 *
 * @example
 * checkWeightBytes(specs, [{ name: 'bundle/group1-shard1of1.bin', byteLength: 120 }]);
 */
export function checkWeightBytes(
  specs: readonly tf.io.WeightsManifestEntry[],
  shards: readonly { readonly name: string; readonly byteLength: number }[],
): void {
  const want = weightSpecsByteLength(specs);
  const got = shards.reduce((sum, s) => sum + s.byteLength, 0);
  if (got !== want) {
    const sizes = shards.map((s) => `${s.name} (${s.byteLength} bytes)`).join(', ');
    throw new RecurrentError(
      'DATA_FORMAT',
      `${sizes}: weight files hold ${got} bytes but the weightsManifest in model.json needs ${want}; ` +
        'a weight file is truncated or corrupted',
    );
  }
}

/** Captures what `model.save` produces, in memory. */
export async function saveToArtifacts(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (captured === undefined) throw new RecurrentError('INTERNAL', 'model.save did not produce artifacts');
  return captured;
}
