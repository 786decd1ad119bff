import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RcBahdanauDecoder } from './bahdanau-decoder.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const E = 3;
const U = 4;
const H = 5;
const embedded = (): tf.Tensor3D => tf.randomNormal([2, 3, E], 0, 1, 'float32', 1) as tf.Tensor3D;
const values = (): tf.Tensor3D => tf.randomNormal([2, 4, U], 0, 1, 'float32', 2) as tf.Tensor3D;
const mask = (): tf.Tensor2D => tf.tensor2d([[1, 1, 1, 1], [1, 1, 0, 0]]);
const initial = (): tf.Tensor2D => tf.randomNormal([2, H], 0, 0.5, 'float32', 3) as tf.Tensor2D;

async function maxDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  expect(a.shape).toEqual(b.shape);
  return (await tf.max(tf.abs(tf.sub(a, b))).data())[0] as number;
}

describe('RcBahdanauDecoder', () => {
  it('scores with the PREVIOUS state and feeds the context into the RNN input (step 0 by hand)', async () => {
    const decoder = new RcBahdanauDecoder({ cell: 'gru', units: H, layers: 1, attentionUnits: 6, dropout: 0, seed: 5, name: 'dec' });
    const [x, v, m, s0] = [embedded(), values(), mask(), initial()];
    const [outputs, contexts] = decoder.apply([x, v, m, s0]) as tf.Tensor3D[];
    expect(outputs?.shape).toEqual([2, 3, H]);
    expect(contexts?.shape).toEqual([2, 3, U]);
    const [wq, wk, score] = decoder.attention.trainableWeights.map((w) => w.read() as tf.Tensor2D) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
    // e_j = vᵀ tanh(W_q s_0 + W_k h_j), masked softmax over j, c_0 = Σ_j a_j h_j.
    const hidden = tf.tanh(tf.add(tf.expandDims(tf.matMul(s0, wq), 1), tf.reshape(tf.matMul(tf.reshape(v, [8, U]), wk), [2, 4, 6])));
    const e = tf.reshape(tf.matMul(tf.reshape(hidden, [8, 6]), score), [2, 4]);
    const a = tf.mul(tf.softmax(tf.add(e, tf.mul(tf.sub(1, m), -1e9))), m);
    const c0 = tf.squeeze(tf.matMul(tf.expandDims(a, 1), v), [1]);
    expect(await maxDiff(tf.squeeze(tf.slice(contexts as tf.Tensor3D, [0, 0, 0], [2, 1, U]), [1]), c0)).toBeLessThan(1e-5);
    expect(((await a.array()) as number[][])[1]?.slice(2)).toEqual([0, 0]);
    const x0 = tf.squeeze(tf.slice(x, [0, 0, 0], [2, 1, E]), [1]);
    const [s1] = decoder.rnns[0]?.cell.call([tf.concat([x0, c0], 1), s0], {}) as tf.Tensor2D[];
    expect(await maxDiff(tf.squeeze(tf.slice(outputs as tf.Tensor3D, [0, 0, 0], [2, 1, H]), [1]), s1 as tf.Tensor2D)).toBeLessThan(1e-5);
    // The layer's step function gives the same first step.
    const step = decoder.step(x0 as tf.Tensor2D, [s0], decoder.projectKeys(v), v, m);
    expect(await maxDiff(step.output, s1 as tf.Tensor2D)).toBeLessThan(1e-6);
    expect(await maxDiff(step.weights, a)).toBeLessThan(1e-6);
  });

  it('round-trips through getConfig/fromConfig and weights, and differentiates through the loop', async () => {
    const decoder = new RcBahdanauDecoder({ cell: 'lstm', units: H, layers: 2, attentionUnits: 6, dropout: 0.3, seed: 5, name: 'dec' });
    const inputs = [embedded(), values(), mask(), initial(), initial(), initial(), initial()];
    const [outputs] = decoder.apply(inputs) as tf.Tensor[];
    expect(decoder.trainableWeights.map((w) => w.originalName)).toEqual([
      'dec/dec_attention/query_kernel', 'dec/dec_attention/key_kernel', 'dec/dec_attention/score_vector',
      'dec/dec_rnn_0/kernel', 'dec/dec_rnn_0/recurrent_kernel', 'dec/dec_rnn_0/bias',
      'dec/dec_rnn_1/kernel', 'dec/dec_rnn_1/recurrent_kernel', 'dec/dec_rnn_1/bias',
    ]);
    const copy = tf.serialization.SerializationMap.getMap().classNameMap[RcBahdanauDecoder.className]?.[1](RcBahdanauDecoder, decoder.getConfig()) as RcBahdanauDecoder;
    copy.apply(inputs);
    copy.setWeights(decoder.getWeights());
    expect(await maxDiff((copy.apply(inputs) as tf.Tensor[])[0] as tf.Tensor, outputs as tf.Tensor)).toBe(0);
    const vars = decoder.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => tf.sum((decoder.apply(inputs, { training: true }) as tf.Tensor[])[0] as tf.Tensor) as tf.Scalar, vars);
    for (const v of vars) expect((await tf.norm(grads[v.name] as tf.Tensor).data())[0]).toBeGreaterThan(0);
  });
});
