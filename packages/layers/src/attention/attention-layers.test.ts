import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, finiteDifferenceCheck, seededTensor } from '../test-tensors.js';
import { RcAttention } from './attention-layer.js';
import { RcBahdanauAttention, bahdanauAttention } from './bahdanau-attention.js';
import { RcLuongAttention, luongAttention } from './luong-attention.js';
import { maskedSoftmax } from './masked-softmax.js';
import { paddingMask } from './padding-mask.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Query [1, 2], values (= keys) [1, 3, 2], mask hiding the third source position.
const query = (): tf.Tensor2D => tf.tensor2d([[1, 0]]);
const values = (): tf.Tensor3D => tf.tensor3d([[[1, 0], [0, 1], [1, 1]]]);
const mask = (): tf.Tensor2D => tf.tensor2d([[1, 1, 0]]);

const softmax = (xs: number[]): number[] => {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

function bahdanauByHand(): RcBahdanauAttention {
  const layer = bahdanauAttention({ units: 1 });
  layer.apply([query(), values()]);
  layer.setWeights([tf.tensor2d([[1], [0]]), tf.tensor2d([[0], [1]]), tf.tensor2d([[2]])]);
  return layer;
}

describe('maskedSoftmax', () => {
  it('gives masked positions exactly 0 and all-masked rows all zeros', async () => {
    const w = maskedSoftmax(tf.tensor3d([[[5, 1, 100]], [[1, 2, 3]]]), tf.tensor2d([[1, 1, 0], [0, 0, 0]]));
    const data = Array.from(await w.data());
    expect(data[2]).toBe(0);
    expect(data.slice(3)).toEqual([0, 0, 0]);
    expect(data[0]! + data[1]!).toBeCloseTo(1, 6);
    expect(data[0]).toBeCloseTo(softmax([5, 1])[0]!, 6);
  });
});

describe('RcLuongAttention', () => {
  it('dot: matches the hand-computed weights [e/(e+1), 1/(e+1), 0] and context', async () => {
    const [context, weights] = luongAttention({ mode: 'dot' }).apply([query(), values(), mask()]) as tf.Tensor[];
    const e = Math.E;
    await expectClose(weights!, [[e / (e + 1), 1 / (e + 1), 0]], 1e-6);
    await expectClose(context!, [[e / (e + 1), 1 / (e + 1)]], 1e-6);
    expect((await weights!.data())[2]).toBe(0);
  });

  it('general: q W kᵀ with W = [[1, 2], [0, 1]] gives softmax([1, 2, 3]) without a mask', async () => {
    const layer = luongAttention({ mode: 'general' });
    layer.apply([query(), values()]);
    layer.setWeights([tf.tensor2d([[1, 2], [0, 1]])]);
    const [context, weights] = layer.apply([query(), values()]) as tf.Tensor[];
    const w = softmax([1, 2, 3]);
    await expectClose(weights!, [w], 1e-6);
    await expectClose(context!, [[w[0]! + w[2]!, w[1]! + w[2]!]], 1e-6);
  });

  it('returns [batch, tgtTime, *] for a 3-D query, equal to one 2-D query per step, symbolically and eagerly', async () => {
    const layer = luongAttention({ mode: 'general', seed: 3 });
    const sym = layer.apply([tf.input({ shape: [null, 4] }), tf.input({ shape: [null, 6] }), tf.input({ shape: [null] })]) as tf.SymbolicTensor[];
    expect(sym.map((s) => s.shape)).toEqual([
      [null, null, 6],
      [null, null, null],
    ]);
    const q = seededTensor([2, 3, 4], 1) as tf.Tensor3D;
    const v = seededTensor([2, 5, 6], 2) as tf.Tensor3D;
    const m = tf.tensor2d([[1, 1, 1, 1, 1], [1, 1, 0, 0, 0]]);
    const [context, weights] = layer.apply([q, v, m]) as tf.Tensor[];
    expect(context!.shape).toEqual([2, 3, 6]);
    expect(weights!.shape).toEqual([2, 3, 5]);
    await expectClose(tf.sum(weights!, -1), tf.ones([2, 3]), 1e-6);
    const w = await weights!.array() as number[][][];
    expect(w[1]!.map((row) => row.slice(2))).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    for (let t = 0; t < 3; t++) {
      const qt = tf.squeeze(tf.slice(q, [0, t, 0], [2, 1, 4]), [1]);
      const [ct, wt] = layer.apply([qt, v, m]) as tf.Tensor[];
      await expectClose(ct!, tf.squeeze(tf.slice(context!, [0, t, 0], [2, 1, 6]), [1]), 1e-6);
      await expectClose(wt!, tf.squeeze(tf.slice(weights!, [0, t, 0], [2, 1, 5]), [1]), 1e-6);
    }
  });

  it('general: gradients w.r.t. the kernel, query and values match central finite differences', async () => {
    const layer = luongAttention({ mode: 'general', seed: 4 });
    const q = tf.variable(seededTensor([2, 2, 3], 21), true, 'luong-q');
    const v = tf.variable(seededTensor([2, 4, 5], 22), true, 'luong-v');
    const m = tf.tensor2d([[1, 1, 1, 1], [1, 1, 1, 0]]);
    const probe = seededTensor([2, 2, 5], 23);
    layer.apply([q, v, m]);
    const vars = [q, v, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
    const loss = (): tf.Scalar => tf.tidy(() => tf.sum(tf.mul((layer.apply([q, v, m]) as tf.Tensor[])[0]!, probe)) as tf.Scalar);
    const { maxError, maxGrad, count } = await finiteDifferenceCheck(loss, vars, 1e-2);
    expect(count).toBe(2 * 2 * 3 + 2 * 4 * 5 + 3 * 5);
    expect(maxGrad).toBeGreaterThan(1e-2);
    expect(maxError).toBeLessThan(2e-3);
  });

  it('throws CONFIG for a bad mode and SHAPE for dot attention over different sizes', () => {
    expect(() => luongAttention({ mode: 'concat' as never })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/mode.*dot, general/) }));
    expect(() => luongAttention({ mode: 'dot' }).apply([tf.ones([1, 3]), tf.ones([1, 2, 4])])).toThrow(expect.objectContaining({ code: 'SHAPE' }));
    expect(() => luongAttention({ mode: 'dot' }).apply([tf.ones([1, 2]), tf.ones([1, 2, 2]), tf.ones([1, 3])])).toThrow(expect.objectContaining({ code: 'SHAPE' }));
  });
});

describe('RcBahdanauAttention', () => {
  it('matches vᵀ tanh(W_q q + W_k k) worked by hand, with the padded position at exactly 0', async () => {
    const [context, weights] = bahdanauByHand().apply([query(), values(), mask()]) as tf.Tensor[];
    const w = softmax([2 * Math.tanh(1), 2 * Math.tanh(2)]);
    await expectClose(weights!, [[w[0]!, w[1]!, 0]], 1e-6);
    await expectClose(context!, [[w[0]!, w[1]!]], 1e-6);
    expect((await weights!.data())[2]).toBe(0);
  });

  it('takes the Keras mask of values when no mask input is given', async () => {
    const layer = bahdanauByHand();
    const [, explicit] = layer.apply([query(), values(), mask()]) as tf.Tensor[];
    const [, viaKwargs] = layer.call([query(), values()], { mask: [null, tf.tensor2d([[1, 1, 0]], undefined, 'bool')] }) as tf.Tensor[];
    await expectClose(viaKwargs!, explicit!, 1e-7);
  });

  it('has gradients that match central finite differences (float32, eps 1e-2)', async () => {
    const layer = bahdanauAttention({ units: 3, seed: 5 });
    const q = seededTensor([2, 2, 4], 11) as tf.Tensor3D;
    const v = seededTensor([2, 3, 5], 12) as tf.Tensor3D;
    const m = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
    const target = seededTensor([2, 2, 5], 13);
    layer.apply([q, v, m]);
    const vars = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const loss = (): tf.Scalar => tf.tidy(() => tf.sum(tf.mul((layer.apply([q, v, m]) as tf.Tensor[])[0]!, target)) as tf.Scalar);
    const { maxError, maxGrad, count } = await finiteDifferenceCheck(loss, vars, 1e-2);
    expect(count).toBe(4 * 3 + 5 * 3 + 3);
    expect(maxGrad).toBeGreaterThan(1e-2);
    expect(maxError).toBeLessThan(2e-3);
  });

  it('throws CONFIG for non-positive units', () => {
    expect(() => bahdanauAttention({ units: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => bahdanauAttention({ units: 2.5 })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

describe('RcAttention serialisation', () => {
  it('round-trips Luong/Bahdanau/RcPaddingMask through getConfig and save/load with identical outputs', async () => {
    const src = tf.input({ shape: [null], dtype: 'int32' });
    const dec = tf.input({ shape: [null, 4] });
    const enc = tf.layers.embedding({ inputDim: 7, outputDim: 4 }).apply(src) as tf.SymbolicTensor;
    const m = paddingMask({ name: 'mask' }).apply(src) as tf.SymbolicTensor;
    const luong = luongAttention({ mode: 'general', seed: 1, name: 'luong' });
    const bahdanau = bahdanauAttention({ units: 3, seed: 2, name: 'bahdanau' });
    const [c1, w1] = luong.apply([dec, enc, m]) as tf.SymbolicTensor[];
    const [c2] = bahdanau.apply([dec, enc, m]) as tf.SymbolicTensor[];
    const model = tf.model({ inputs: [src, dec], outputs: [c1!, w1!, c2!] });
    for (const layer of [luong, bahdanau] as RcAttention[]) {
      const Cls = layer.constructor as typeof RcLuongAttention;
      expect((Cls.fromConfig(Cls, layer.getConfig()) as RcAttention).getConfig()).toEqual(layer.getConfig());
    }
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const ids = tf.tensor2d([[1, 2, 3], [4, 5, 0]], undefined, 'int32');
    const q = seededTensor([2, 2, 4], 9);
    const before = model.predict([ids, q]) as tf.Tensor[];
    const after = loaded.predict([ids, q]) as tf.Tensor[];
    for (let i = 0; i < 3; i++) await expectClose(after[i]!, before[i]!, 1e-7);
    expect(Array.from(await before[1]!.data()).filter((_, i) => i % 3 === 2 && i >= 6)).toEqual([0, 0]);
    expect(loaded.getLayer('bahdanau')).toBeInstanceOf(RcBahdanauAttention);
  });

  it('leaves tf.memory().numTensors unchanged around call', () => {
    const layer = bahdanauByHand();
    const luong = luongAttention({ mode: 'dot' });
    const [q, v, m] = [query(), values(), mask()];
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply([q, v, m]) as tf.Tensor[]);
    tf.dispose(luong.apply([q, v, m]) as tf.Tensor[]);
    tf.dispose(layer.apply([tf.expandDims(q, 1), v]) as tf.Tensor[]);
    expect(tf.memory().numTensors).toBe(before + 1); // the expandDims input only
  });
});
