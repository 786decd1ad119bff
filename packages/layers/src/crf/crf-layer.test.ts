import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRF_FORBIDDEN_SCORE, RcCrf, crfLayer } from './crf-layer.js';
import { expectClose, seededTensor } from '../test-tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** IOB2 over tags O, B-X, I-X: O → I-X forbidden, start with I-X forbidden. */
const CONSTRAINTS = { transitions: [1, 1, 0, 1, 1, 1, 1, 1, 1], start: [1, 1, 0], end: [1, 1, 1] };

function built(args: Parameters<typeof crfLayer>[0], seed = 3): RcCrf {
  const crf = crfLayer(args);
  crf.apply(tf.zeros([1, 1, args.numTags]));
  crf.setWeights(crf.getWeights().map((w, i) => seededTensor(w.shape, seed + i, 1)));
  return crf;
}

describe('RcCrf', () => {
  it('passes emissions through unchanged, symbolically and eagerly', async () => {
    const crf = crfLayer({ numTags: 4 });
    const symbolic = crf.apply(tf.input({ shape: [null, 4] })) as tf.SymbolicTensor;
    expect(symbolic.shape).toEqual([null, null, 4]);
    const x = seededTensor([2, 3, 4], 1);
    await expectClose(crf.apply(x) as tf.Tensor, x, 1e-9);
    expect(crf.getWeights().map((w) => w.shape)).toEqual([[4, 4], [4], [4]]);
  });

  it('uses its weights in negLogLikelihood: zero weights give log(K^L) per sentence', async () => {
    const crf = crfLayer({ numTags: 3 });
    crf.apply(tf.zeros([1, 1, 3]));
    const loss = await crf.negLogLikelihood(tf.zeros([2, 2, 3]) as tf.Tensor3D, tf.zeros([2, 2], 'int32') as tf.Tensor2D, null).data();
    expect(loss[0]).toBeCloseTo(2 * Math.log(3), 5);
  });

  it('with constraints, the allowed paths carry all the probability mass', async () => {
    const crf = built({ numTags: 3, constraints: CONSTRAINTS });
    const emissions = seededTensor([1, 3, 3], 9) as tf.Tensor3D;
    let total = 0;
    let forbidden = -Infinity;
    for (let p = 0; p < 27; p++) {
      const path = [Math.floor(p / 9), Math.floor(p / 3) % 3, p % 3];
      const ll = (await crf.logLikelihood(emissions, tf.tensor2d([path], undefined, 'int32'), null).data())[0] as number;
      const valid = path[0] !== 2 && !(path[0] === 0 && path[1] === 2) && !(path[1] === 0 && path[2] === 2);
      if (valid) total += Math.exp(ll);
      else forbidden = Math.max(forbidden, ll);
    }
    expect(total).toBeCloseTo(1, 5);
    expect(forbidden).toBeLessThan(CRF_FORBIDDEN_SCORE / 2);
    const { allowed, transitions } = await crf.decodeParameters();
    expect(Array.from(allowed!.transitions)).toEqual(CONSTRAINTS.transitions);
    expect(Array.from(transitions)).toEqual(Array.from(await crf.getWeights()[0]!.data()));
  });

  it('round-trips through getConfig/fromConfig and save/load with identical outputs and loss', async () => {
    const input = tf.input({ shape: [null, 3] });
    const crf = crfLayer({ numTags: 3, constraints: CONSTRAINTS, name: 'crf' });
    const model = tf.model({ inputs: input, outputs: crf.apply(tf.layers.dense({ units: 3 }).apply(input) as tf.SymbolicTensor) as tf.SymbolicTensor });
    crf.setWeights(crf.getWeights().map((w, i) => seededTensor(w.shape, 20 + i)));
    const copy = RcCrf.fromConfig(RcCrf, crf.getConfig()) as RcCrf;
    expect(copy.getConfig()).toEqual(crf.getConfig());
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const x = seededTensor([2, 4, 3], 30);
    await expectClose(loaded.predict(x) as tf.Tensor, model.predict(x) as tf.Tensor, 1e-9);
    const loadedCrf = loaded.getLayer('crf') as RcCrf;
    expect(loadedCrf.constraints).toEqual(CONSTRAINTS);
    const tags = tf.tensor2d([[0, 1, 1, 0], [1, 0, 0, 0]], undefined, 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0]]);
    const emissions = model.predict(x) as tf.Tensor3D;
    await expectClose(loadedCrf.negLogLikelihood(emissions, tags, mask), crf.negLogLikelihood(emissions, tags, mask), 1e-9);
  });

  it('leaves tf.memory().numTensors unchanged around call and negLogLikelihood', () => {
    const crf = built({ numTags: 3, constraints: CONSTRAINTS });
    const x = seededTensor([2, 3, 3], 1) as tf.Tensor3D;
    const tags = tf.zeros([2, 3], 'int32') as tf.Tensor2D;
    const before = tf.memory().numTensors;
    tf.dispose(crf.apply(x) as tf.Tensor);
    crf.negLogLikelihood(x, tags, null).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws CONFIG/SHAPE/USAGE errors for bad arguments', () => {
    expect(() => crfLayer({ numTags: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => crfLayer({ numTags: 2, constraints: { transitions: [1, 1, 1], start: [1, 1], end: [1, 1] } })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/constraints.transitions must be 4 values/) }),
    );
    expect(() => crfLayer({ numTags: 3 }).apply(tf.zeros([1, 2, 4]))).toThrow(expect.objectContaining({ code: 'SHAPE' }));
    expect(() => crfLayer({ numTags: 3 }).negLogLikelihood(tf.zeros([1, 2, 3]) as tf.Tensor3D, tf.zeros([1, 2], 'int32') as tf.Tensor2D, null)).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
  });
});
