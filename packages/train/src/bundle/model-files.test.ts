import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  checkWeightBytes,
  modelArtifactsToFiles,
  saveToArtifacts,
  weightSpecsByteLength,
} from './model-files.js';
import { parseJsonFile } from './json-file.js';
import { predictSample, tinyTagger } from './test-model.js';

describe('modelArtifactsToFiles', () => {
  it('gives files that tf.io.fromMemory loads back to identical outputs', async () => {
    const model = tinyTagger();
    const files = modelArtifactsToFiles(await saveToArtifacts(model), { shardSizeBytes: 4000 });
    expect(files.map((f) => f.name)).toEqual(['model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin']);
    expect(files.map((f) => f.data.byteLength).slice(1)).toEqual([4000, 7244 - 4000]);
    const json = JSON.parse(new TextDecoder().decode(files[0]?.data)) as tf.io.ModelJSON;
    const weights = new Uint8Array(7244);
    weights.set(files[1]!.data, 0);
    weights.set(files[2]!.data, 4000);
    const again = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightsManifest[0]!.weights,
        weightData: weights.buffer,
      }),
    );
    expect(Array.from(await predictSample(again))).toEqual(Array.from(await predictSample(model)));
    model.dispose();
    again.dispose();
  });

  it('rejects a shard size that is not a positive integer', async () => {
    expect(() => modelArtifactsToFiles({ modelTopology: {} }, { shardSizeBytes: 0 })).toThrowError(
      'shardSizeBytes must be a positive integer, got 0',
    );
  });
});

describe('weightSpecsByteLength', () => {
  it('counts 4 bytes per float32/int32, 1 per bool and the quantized width', () => {
    expect(
      weightSpecsByteLength([
        { name: 'a', shape: [2, 3], dtype: 'float32' },
        { name: 'b', shape: [5], dtype: 'bool' },
        { name: 'c', shape: [4], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
        { name: 'd', shape: [], dtype: 'int32' },
      ]),
    ).toBe(24 + 5 + 4 + 4);
  });
});

describe('checkWeightBytes', () => {
  it('passes when the sizes add up and names every shard when they do not', () => {
    const specs = [{ name: 'w', shape: [3], dtype: 'float32' as const }];
    expect(() =>
      checkWeightBytes(specs, [
        { name: 'a.bin', byteLength: 8 },
        { name: 'b.bin', byteLength: 4 },
      ]),
    ).not.toThrow();
    expect(() => checkWeightBytes(specs, [{ name: 'a.bin', byteLength: 8 }])).toThrowError(
      'a.bin (8 bytes): weight files hold 8 bytes but the weightsManifest in model.json needs 12',
    );
  });
});

describe('parseJsonFile', () => {
  it('reports the line and column of a syntax error', () => {
    expect(() => parseJsonFile('{\n  "a": 1,\n  "b": }', 'x.json')).toThrowError(
      /^x\.json:3:8: invalid JSON/,
    );
  });
});
