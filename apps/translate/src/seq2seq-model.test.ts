import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { greedyDecode, type StepFunction } from '@recurrent/decoding';
import { DEFAULT_TRANSLATE_CONFIG, resolveTranslateConfig, type TranslateConfig } from './config.js';
import { buildSeq2Seq } from './model.js';
import { maskedCrossEntropy } from './seq2seq-loss.js';
import { disposeState, gatherState, Seq2SeqInference, type DecoderState } from './seq2seq-inference.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const tiny = (over: Partial<TranslateConfig>): TranslateConfig =>
  resolveTranslateConfig({ ...DEFAULT_TRANSLATE_CONFIG, embeddingDim: 6, hidden: 5, dropout: 0, bidirectional: false, ...over });
const source = (): tf.Tensor2D => tf.tensor2d([[5, 6, 7, 8], [9, 5, 0, 0]], undefined, 'int32');
const targetIn = (): tf.Tensor2D => tf.tensor2d([[2, 4, 5, 6], [2, 7, 4, 0]], undefined, 'int32');

/** Max |a − b| over all elements. */
async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  expect(a.shape).toEqual(b.shape);
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const value = (await diff.data())[0] as number;
  diff.dispose();
  return value;
}

const VARIANTS: Partial<TranslateConfig>[] = [
  { cell: 'gru', attention: 'general' },
  { cell: 'gru', attention: 'none' },
  { cell: 'gru', attention: 'additive', reverseSource: true },
  { cell: 'lstm', attention: 'dot', bidirectional: false, layers: 2 },
  { cell: 'lstm', attention: 'general', bidirectional: true },
  { cell: 'gru', attention: 'cho' },
  { cell: 'lstm', attention: 'cho', bidirectional: true, layers: 2 },
  { cell: 'gru', attention: 'bahdanau' },
  { cell: 'lstm', attention: 'bahdanau', bidirectional: true, layers: 2 },
];

describe('buildSeq2Seq / Seq2SeqInference', () => {
  for (const variant of VARIANTS) {
    const label = JSON.stringify(variant);
    it(`eager teacher forcing equals model.predict, and stepping equals teacher forcing, for ${label}`, async () => {
      const config = tiny(variant);
      const model = buildSeq2Seq(config, 10, 9);
      const inference = new Seq2SeqInference(model, config);
      const src = source();
      const tgt = targetIn();
      const graph = model.predict([src, tgt]) as tf.Tensor3D; // [2, 4, 9]
      expect(graph.shape).toEqual([2, 4, 9]);
      const eager = inference.teacherForced(src, tgt, false);
      // Compare real target positions only (the graph's decoder also sees the target mask).
      const real = tf.expandDims(tf.cast(tf.notEqual(tgt, 0), 'float32'), 2);
      expect(await maxDiff(tf.mul(eager, real), tf.mul(graph, real))).toBeLessThan(1e-5);
      // Feed the same target tokens one step at a time: log-softmax of the teacher-forced logits.
      let state = inference.encode(src);
      const expected = tf.logSoftmax(graph);
      const rows = (await tgt.array()) as number[][];
      for (let t = 0; t < 3; t++) {
        const { readout, states } = inference.step(tf.tensor1d(rows.map((r) => r[t] as number), 'int32'), state);
        const logProbs = tf.slice(readout, [0, 0], [2, 9]);
        const want = tf.squeeze(tf.slice(expected, [0, t, 0], [2, 1, 9]), [1]);
        expect(await maxDiff(logProbs, want)).toBeLessThan(1e-5);
        tf.dispose(state.states);
        state = { ...state, states };
      }
      disposeState(state);
      model.dispose();
    });
  }

  it('training through model.apply gives the loss and gradients of the eager path (all decoders)', async () => {
    const tout = tf.tensor2d([[4, 5, 6, 3], [7, 4, 3, 0]], undefined, 'int32');
    const mask = tf.cast(tf.notEqual(tout, 0), 'float32') as tf.Tensor2D;
    for (const variant of [{ attention: 'general' }, { attention: 'cho', cell: 'lstm', bidirectional: true }, { attention: 'bahdanau', layers: 2 }] as Partial<TranslateConfig>[]) {
      const config = tiny(variant);
      const model = buildSeq2Seq(config, 10, 9);
      const inference = new Seq2SeqInference(model, config);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const eager = tf.variableGrads(() => maskedCrossEntropy(inference.teacherForced(source(), targetIn(), true), tout, mask, 0.1), vars);
      const graph = tf.variableGrads(() => maskedCrossEntropy(model.apply([source(), targetIn()], { training: true }) as tf.Tensor3D, tout, mask, 0.1), vars);
      expect(await maxDiff(graph.value, eager.value)).toBeLessThan(1e-6);
      for (const v of vars) expect(await maxDiff(graph.grads[v.name] as tf.Tensor, eager.grads[v.name] as tf.Tensor)).toBeLessThan(1e-6);
      model.dispose();
    }
  });

  it('gives padded source positions zero attention and weights summing to 1 in the step readout', async () => {
    const config = tiny({ attention: 'general' });
    const model = buildSeq2Seq(config, 10, 9);
    const inference = new Seq2SeqInference(model, config);
    const state = inference.encode(source());
    const { readout, states } = inference.step(tf.tensor1d([2, 2], 'int32'), state);
    const weights = (await tf.slice(readout, [0, 9], [2, 4]).array()) as number[][];
    expect(weights[1]?.slice(2)).toEqual([0, 0]);
    for (const row of weights) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    tf.dispose(states);
    disposeState(state);
    model.dispose();
  });

  it('gatherState reorders rows and the decoding loop leaks no tensors', async () => {
    const config = tiny({ attention: 'dot' });
    const model = buildSeq2Seq(config, 10, 9);
    const inference = new Seq2SeqInference(model, config);
    const src = source();
    const before = tf.memory().numTensors;
    const step: StepFunction<DecoderState> = async (prev, state) => {
      const p = tf.tensor1d(prev, 'int32');
      const { readout, states } = inference.step(p, state);
      p.dispose();
      tf.dispose(state.states);
      const data = (await readout.data()) as Float32Array;
      readout.dispose();
      const logProbs = new Float32Array(prev.length * 9);
      for (let r = 0; r < prev.length; r++) logProbs.set(data.subarray(r * 13, r * 13 + 9), r * 9);
      return { logProbs, state: { ...state, states } };
    };
    const n0 = tf.memory().numTensors;
    const probe = inference.encode(src);
    disposeState(probe);
    expect(tf.memory().numTensors).toBe(n0);
    const p0 = inference.encode(src);
    const n1 = tf.memory().numTensors;
    const s1 = inference.step(tf.tensor1d([2, 2], 'int32'), p0);
    tf.dispose([s1.readout, ...s1.states]);
    expect(tf.memory().numTensors).toBe(n1 + 1);
    disposeState(p0);
    const n2 = tf.memory().numTensors;
    const swapped = gatherState(inference.encode(src), Int32Array.of(1, 0));
    const direct = inference.encode(tf.reverse(src, 0) as tf.Tensor2D);
    expect(await maxDiff(swapped.encoderOutputs, direct.encoderOutputs)).toBeLessThan(1e-6);
    disposeState(direct);
    disposeState(swapped);
    expect(tf.memory().numTensors).toBe(n2 + 1); // the reversed source
    const out = await greedyDecode(step, inference.encode(src), { batchSize: 2, bosId: 2, eosId: 3, maxLength: 6, releaseState: disposeState });
    expect(out).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before + 2); // the reversed source and the probe's token ids only
    model.dispose();
  });

  it('scheduled sampling: ratio 1 equals teacher forcing, ratio 0 feeds back its own argmax, and gradients flow', async () => {
    const config = tiny({ cell: 'lstm', attention: 'general' });
    const model = buildSeq2Seq(config, 10, 9);
    const inference = new Seq2SeqInference(model, config);
    const src = source();
    const tgt = targetIn();
    const real = tf.expandDims(tf.cast(tf.notEqual(tgt, 0), 'float32'), 2);
    const forced = inference.teacherForced(src, tgt, false);
    const sampled1 = inference.scheduledSampling(src, tgt, { training: false, ratio: 1, seed: 7 });
    expect(await maxDiff(tf.mul(sampled1, real), tf.mul(forced, real))).toBeLessThan(1e-5);
    // ratio 0: after <bos>, every input is the previous argmax, i.e. greedy decoding.
    const sampled0 = inference.scheduledSampling(src, tgt, { training: false, ratio: 0, seed: 7 });
    let state = inference.encode(src);
    let prev = tf.tensor1d([2, 2], 'int32');
    for (let t = 0; t < 4; t++) {
      const { readout, states } = inference.step(prev, state);
      const logProbs = tf.slice(readout, [0, 0], [2, 9]);
      const want = tf.logSoftmax(tf.squeeze(tf.slice(sampled0, [0, t, 0], [2, 1, 9]), [1]));
      expect(await maxDiff(logProbs, want)).toBeLessThan(1e-5);
      prev = tf.cast(tf.argMax(logProbs, -1), 'int32') as tf.Tensor1D;
      tf.dispose(state.states);
      state = { ...state, states };
    }
    disposeState(state);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.mean(inference.scheduledSampling(src, tgt, { training: true, ratio: 0.5, seed: 3 })) as tf.Scalar, vars);
    const norms = await Promise.all(Object.values(grads).map(async (g) => (await tf.norm(g).data())[0] as number));
    expect(norms.every(Number.isFinite)).toBe(true);
    expect(Math.max(...norms)).toBeGreaterThan(0);
    model.dispose();
  });
});
