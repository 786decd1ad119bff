import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, finiteDifferenceCheck, maxAbsDiff, randomizeWeights, seededTensor } from '../test-tensors.js';
import type { RcMinRNN, RcMinRNNArgs } from './min-rnn-layer.js';
import { RcMinGRU, rcMinGRU } from './min-gru.js';
import { RcMinLSTM, rcMinLSTM } from './min-lstm.js';

const UNITS = 3;
const FEATURES = 2;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const g = (v: number) => (v >= 0 ? v + 0.5 : sigmoid(v));

interface Kind {
  readonly name: string;
  readonly make: (a: Partial<RcMinRNNArgs>) => RcMinRNN;
  readonly className: string;
  readonly cls: typeof RcMinGRU | typeof RcMinLSTM;
  /** The paper's equations for one unit: projections k (G of them) and h_{t−1} → h_t, in float64. */
  readonly step: (k: number[], h: number) => number;
}

const KINDS: Kind[] = [
  {
    name: 'RcMinGRU',
    make: (a) => rcMinGRU({ units: UNITS, ...a }),
    className: RcMinGRU.className,
    cls: RcMinGRU,
    step: ([kz, kh], h) => (1 - sigmoid(kz as number)) * h + sigmoid(kz as number) * g(kh as number),
  },
  {
    name: 'RcMinLSTM',
    make: (a) => rcMinLSTM({ units: UNITS, ...a }),
    className: RcMinLSTM.className,
    cls: RcMinLSTM,
    step: ([kf, ki, kh], h) => {
      const f = sigmoid(kf as number);
      const i = sigmoid(ki as number);
      return (f / (f + i)) * h + (i / (f + i)) * g(kh as number);
    },
  },
];

/** Runs the equations in float64 on plain arrays: `[batch][time][units]`. */
async function reference(kind: Kind, layer: RcMinRNN, x: tf.Tensor3D): Promise<number[][][]> {
  const [kernelT, biasT] = layer.getWeights();
  const kernel = (await (kernelT as tf.Tensor).array()) as number[][];
  const bias = Array.from(await (biasT as tf.Tensor).data());
  const xs = (await x.array()) as number[][][];
  return xs.map((sequence) => {
    const h = new Array<number>(UNITS).fill(0);
    return sequence.map((xt) => {
      for (let u = 0; u < UNITS; u++) {
        const k = Array.from({ length: layer.gateCount }, (_, gate) => {
          const col = gate * UNITS + u;
          return xt.reduce((sum, xv, f) => sum + xv * (kernel[f]?.[col] as number), bias[col] as number);
        });
        h[u] = kind.step(k, h[u] as number);
      }
      return [...h];
    });
  });
}

function built(kind: Kind, args: Partial<RcMinRNNArgs>, seed = 3): RcMinRNN {
  const layer = kind.make(args);
  layer.build([null, null, FEATURES]);
  randomizeWeights(layer, seed);
  return layer;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(KINDS)('$name', (kind) => {
  const x = seededTensor([2, 5, FEATURES], 1, 2) as tf.Tensor3D;

  it('gives [batch, units], [batch, time, units] and the state, symbolically and eagerly', () => {
    const input = tf.input({ shape: [null, FEATURES] });
    const seq = kind.make({ returnSequences: true, returnState: true }).apply(input) as tf.SymbolicTensor[];
    expect(seq.map((s) => s.shape)).toEqual([[null, null, UNITS], [null, UNITS]]);
    expect((kind.make({}).apply(input) as tf.SymbolicTensor).shape).toEqual([null, UNITS]);
    const eager = kind.make({ returnSequences: true, returnState: true }).apply(x) as tf.Tensor[];
    expect(eager.map((t) => t.shape)).toEqual([[2, 5, UNITS], [2, UNITS]]);
    expect((kind.make({}).apply(x) as tf.Tensor).shape).toEqual([2, UNITS]);
    const noBias = kind.make({ useBias: false });
    expect((noBias.apply(x) as tf.Tensor).shape).toEqual([2, UNITS]);
    expect(noBias.getWeights().map((w) => w.shape)).toEqual([[FEATURES, noBias.gateCount * UNITS]]);
  });

  it.each(['parallel', 'sequential'] as const)('matches the paper equations in float64 in %s mode', async (mode) => {
    const layer = built(kind, { returnSequences: true, mode });
    const y = layer.apply(x) as tf.Tensor;
    await expectClose(y, await reference(kind, layer, x), 1e-5);
  });

  it.each([1, 16, 100, 512])('gives the same outputs in both modes within 1e-5 when time = %i', async (time) => {
    const input = seededTensor([2, time, FEATURES], time, 3) as tf.Tensor3D;
    const parallel = built(kind, { returnSequences: true, mode: 'parallel' }, 10);
    const sequential = built(kind, { returnSequences: true, mode: 'sequential' }, 10);
    const diff = await maxAbsDiff(parallel.apply(input) as tf.Tensor, sequential.apply(input) as tf.Tensor);
    expect(diff).toBeLessThan(1e-5);
  });

  it.each(['parallel', 'sequential'] as const)('carries the state over padding and zeroes padded outputs in %s mode', async (mode) => {
    const layer = built(kind, { returnSequences: true, returnState: true, mode });
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
    const [seq, state] = layer.call(x, { mask }) as tf.Tensor[];
    const full = layer.apply(x) as tf.Tensor[];
    const prefix = layer.apply(tf.slice(x, [0, 0, 0], [1, 3, -1])) as tf.Tensor[];
    const rows = (await (seq as tf.Tensor).array()) as number[][][];
    expect(rows[0]?.slice(3)).toEqual([new Array(UNITS).fill(0), new Array(UNITS).fill(0)]);
    await expectClose(tf.slice(seq as tf.Tensor, [0, 0, 0], [1, 3, -1]), prefix[0] as tf.Tensor, 1e-6);
    await expectClose(tf.slice(state as tf.Tensor, [0, 0], [1, -1]), prefix[1] as tf.Tensor, 1e-6);
    // The unpadded row is untouched by the mask.
    await expectClose(tf.slice(seq as tf.Tensor, [1, 0, 0], [1, -1, -1]), tf.slice(full[0] as tf.Tensor, [1, 0, 0], [1, -1, -1]), 1e-6);
  });

  it('continues a sequence step by step from a returned state in sequential mode', async () => {
    const layer = built(kind, { returnSequences: true, returnState: true, mode: 'sequential' });
    const [whole] = layer.apply(x) as tf.Tensor[];
    let state: tf.Tensor = tf.zeros([2, UNITS]);
    const steps: tf.Tensor[] = [];
    for (let t = 0; t < 5; t++) {
      const [out, next] = layer.apply(tf.slice(x, [0, t, 0], [-1, 1, -1]), { initialState: state }) as tf.Tensor[];
      steps.push(out as tf.Tensor);
      state = next as tf.Tensor;
    }
    await expectClose(tf.concat(steps, 1), whole as tf.Tensor, 1e-6);
  });

  it('has autodiff gradients that agree with finite differences in parallel mode', async () => {
    // Weight seed 10 keeps every candidate pre-activation k_h at least 0.04 away from the kink of g
    // at 0 (asserted below), so the central differences (eps 1e-2, |x| ≤ 2) never straddle it.
    const layer = built(kind, { returnSequences: true, mode: 'parallel' }, 10);
    const input = tf.variable(seededTensor([1, 6, FEATURES], 4, 2));
    const [kernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor1D];
    const proj = tf.add(tf.matMul(tf.reshape(input, [6, FEATURES]), kernel), bias);
    const kh = tf.slice(proj, [0, (layer.gateCount - 1) * UNITS], [-1, UNITS]);
    expect((await tf.min(tf.abs(kh)).data())[0]).toBeGreaterThan(0.04);
    const probe = seededTensor([1, 6, UNITS], 5);
    const loss = () => tf.tidy(() => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, probe)) as tf.Scalar);
    const variables = [input, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
    const { maxError, maxGrad, count } = await finiteDifferenceCheck(loss, variables);
    expect(count).toBe(6 * FEATURES + (FEATURES + 1) * layer.gateCount * UNITS);
    expect(maxGrad).toBeGreaterThan(0.1);
    expect(maxError).toBeLessThan(5e-4);
  });

  it('round-trips through getConfig/fromConfig and a saved model with identical outputs', async () => {
    const layer = kind.make({ returnSequences: true, mode: 'sequential', seed: 7, useBias: true, name: 'm' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ units: UNITS, mode: 'sequential', returnSequences: true, returnState: false, seed: 7 });
    const cls = tf.serialization.SerializationMap.getMap().classNameMap[kind.className];
    expect(cls).toBeDefined();
    const copy = kind.cls.fromConfig(kind.cls, config) as RcMinRNN;
    expect(copy.getConfig()).toEqual(config);

    const model = tf.sequential({ layers: [kind.make({ inputShape: [5, FEATURES], returnSequences: true })] });
    randomizeWeights(model.layers[0] as tf.layers.Layer, 11);
    const before = await (model.predict(x) as tf.Tensor).array();
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as unknown as tf.io.ModelArtifacts));
    expect(loaded.layers[0]?.getClassName()).toBe(kind.className);
    expect(await (loaded.predict(x) as tf.Tensor).array()).toEqual(before);
  });

  it.each(['parallel', 'sequential'] as const)('leaves the number of tensors unchanged in %s mode', (mode) => {
    const layer = built(kind, { returnSequences: true, returnState: true, mode });
    const mask = tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);
    tf.dispose(layer.call(x, { mask }));
    const before = tf.memory().numTensors;
    tf.dispose(layer.call(x, { mask }));
    tf.dispose(tf.grad((v: tf.Tensor) => tf.sum((layer.call(v, {}) as tf.Tensor[])[0] as tf.Tensor) as tf.Scalar)(x));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws CONFIG for bad arguments and SHAPE for bad inputs, naming the problem', () => {
    expect(() => kind.make({ units: 0 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: 'units must be a positive integer, got 0' }));
    expect(() => kind.make({ mode: 'fast' as never })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/mode .*"fast"; allowed: parallel, sequential/) }),
    );
    expect(() => kind.make({ returnSequences: 1 as never })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
    expect(() => kind.make({}).apply(tf.ones([2, 3]))).toThrow(expect.objectContaining({ code: 'SHAPE' }));
    const layer = built(kind, {});
    expect(() => layer.call(x, { mask: tf.ones([2, 4]) })).toThrow(
      expect.objectContaining({ code: 'SHAPE', message: expect.stringMatching(/mask must have shape \[batch, time\] = \[2, 5\], got \[2, 4\]/) }),
    );
    expect(() => layer.call(x, { initialState: tf.ones([2, UNITS + 1]) })).toThrow(expect.objectContaining({ code: 'SHAPE' }));
  });
});
