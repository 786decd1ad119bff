import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RcRecurrentLayer } from './recurrent-layer.js';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';
import { rcSimpleRNN } from './rc-simple-rnn.js';
import { type RefStep, elmanStep, gruStepRef, lstmStepRef, runReference } from './test-reference.js';
import { expectClose, maxAbsDiff, randomizeWeights, refWeights, seededTensor } from './test-tensors.js';

interface Kind {
  readonly name: string;
  readonly ours: (a: Record<string, unknown>) => RcRecurrentLayer;
  /** The tfjs layer with the same equations, or null when tfjs has none (GRU resetAfter). */
  readonly stock: ((a: Record<string, unknown>) => tf.layers.Layer) | null;
  readonly step: RefStep;
  readonly numStates: number;
}

interface StockKind extends Kind {
  readonly stock: (a: Record<string, unknown>) => tf.layers.Layer;
}

const UNITS = 3;
const KINDS: Kind[] = [
  { name: 'RcSimpleRNN', ours: (a) => rcSimpleRNN({ units: UNITS, ...a }), stock: (a) => tf.layers.simpleRNN({ units: UNITS, ...a }), step: elmanStep, numStates: 1 },
  { name: 'RcGRU', ours: (a) => rcGRU({ units: UNITS, ...a }), stock: (a) => tf.layers.gru({ units: UNITS, recurrentActivation: 'sigmoid', ...a }), step: gruStepRef(false), numStates: 1 },
  { name: 'RcGRU resetAfter', ours: (a) => rcGRU({ units: UNITS, resetAfter: true, ...a }), stock: null, step: gruStepRef(true), numStates: 1 },
  { name: 'RcLSTM', ours: (a) => rcLSTM({ units: UNITS, ...a }), stock: (a) => tf.layers.lstm({ units: UNITS, recurrentActivation: 'sigmoid', ...a }), step: lstmStepRef, numStates: 2 },
];

/** A fixed weighted sum of every output, so gradients see every element. */
function weightedLoss(outputs: tf.Tensor[]): tf.Scalar {
  return tf.addN(outputs.map((o, i) => tf.sum(tf.mul(o, seededTensor(o.shape, 900 + i))))) as tf.Scalar;
}

function asList(y: unknown): tf.Tensor[] {
  return Array.isArray(y) ? (y as tf.Tensor[]) : [y as tf.Tensor];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(KINDS)('$name', (kind) => {
  const x = seededTensor([2, 4, 2], 1);

  it('gives [batch, units], [batch, time, units] and states, symbolically and eagerly', () => {
    const input = tf.input({ shape: [null, 2] });
    const seq = kind.ours({ returnSequences: true, returnState: true }).apply(input) as tf.SymbolicTensor[];
    expect(seq.map((s) => s.shape)).toEqual([[null, null, UNITS], ...Array(kind.numStates).fill([null, UNITS])]);
    const last = kind.ours({}).apply(input) as tf.SymbolicTensor;
    expect(last.shape).toEqual([null, UNITS]);
    const eager = asList(kind.ours({ returnSequences: true, returnState: true }).apply(x));
    expect(eager.map((t) => t.shape)).toEqual([[2, 4, UNITS], ...Array(kind.numStates).fill([2, UNITS])]);
    expect((kind.ours({}).apply(x) as tf.Tensor).shape).toEqual([2, UNITS]);
  });

  it('matches the float64 reference equations (outputs and final states)', async () => {
    const layer = kind.ours({ returnSequences: true, returnState: true });
    layer.apply(x);
    randomizeWeights(layer, 10);
    const [seq, ...states] = asList(layer.apply(x));
    const ref = runReference(kind.step, (await x.array()) as number[][][], await refWeights(layer), UNITS, kind.numStates);
    await expectClose(seq as tf.Tensor, ref.outputs);
    for (let s = 0; s < kind.numStates; s++) await expectClose(states[s] as tf.Tensor, ref.states[s] as number[][]);
  });

  it('starts from initialState (eager kwargs and symbolic inputs agree with the reference)', async () => {
    const layer = kind.ours({ returnSequences: true, returnState: true });
    layer.apply(x);
    randomizeWeights(layer, 40);
    const initial = Array.from({ length: kind.numStates }, (_, s) => seededTensor([2, UNITS], 50 + s));
    const eager = asList(layer.apply(x, { initialState: initial }));
    const ref = runReference(kind.step, (await x.array()) as number[][][], await refWeights(layer), UNITS, kind.numStates, {
      initial: (await Promise.all(initial.map((t) => t.array()))) as number[][][],
    });
    await expectClose(eager[0] as tf.Tensor, ref.outputs);
    const xIn = tf.input({ shape: [4, 2] });
    const stateIns = initial.map(() => tf.input({ shape: [UNITS] }));
    const out = layer.apply(xIn, { initialState: stateIns }) as tf.SymbolicTensor[];
    const model = tf.model({ inputs: [xIn, ...stateIns], outputs: out[0] as tf.SymbolicTensor });
    await expectClose(model.predict([x, ...initial]) as tf.Tensor, ref.outputs);
  });

  it('on a right-padded batch gives each unpadded sequence alone; padded steps keep state and output 0', async () => {
    const lengths = [4, 2, 1];
    const xs = seededTensor([3, 4, 2], 60);
    const maskRows = lengths.map((len) => [0, 1, 2, 3].map((t) => (t < len ? 1 : 0)));
    const mask = tf.tensor2d(maskRows);
    const layer = kind.ours({ returnSequences: true, returnState: true });
    layer.apply(xs);
    randomizeWeights(layer, 70);
    const [padded, ...paddedStates] = asList(layer.apply(xs, { mask }));
    const paddedValues = (await (padded as tf.Tensor).array()) as number[][][];
    for (let b = 0; b < lengths.length; b++) {
      const len = lengths[b] as number;
      const alone = tf.slice(xs, [b, 0, 0], [1, len, 2]);
      const [seq, ...states] = asList(layer.apply(alone));
      const valid = paddedValues[b]!.slice(0, len);
      expect(await maxAbsDiff(seq as tf.Tensor, [valid])).toBeLessThan(1e-6);
      for (const row of paddedValues[b]!.slice(len)) expect(row).toEqual([0, 0, 0]);
      for (let s = 0; s < kind.numStates; s++) {
        const paddedState = tf.slice(paddedStates[s] as tf.Tensor, [b, 0], [1, UNITS]);
        expect(await maxAbsDiff(paddedState, states[s] as tf.Tensor)).toBeLessThan(1e-6);
      }
    }
  });

  it('propagates the mask of Embedding({maskZero}) and returns it with returnSequences', async () => {
    const ids = tf.input({ shape: [4], dtype: 'int32' });
    const embed = tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const layer = kind.ours({ returnSequences: false });
    const model = tf.model({ inputs: ids, outputs: layer.apply(embed.apply(ids)) as tf.SymbolicTensor });
    const padded = tf.tensor2d([[3, 1, 0, 0]], [1, 4], 'int32');
    const unpadded = tf.tensor2d([[3, 1]], [1, 2], 'int32');
    const alone = layer.apply(embed.apply(unpadded) as tf.Tensor) as tf.Tensor;
    expect(await maxAbsDiff(model.predict(padded) as tf.Tensor, alone)).toBeLessThan(1e-6);
    const seqLayer = kind.ours({ returnSequences: true });
    expect(seqLayer.computeMask(padded, tf.tensor2d([[1, 1, 0, 0]]))).not.toBeNull();
  });

  it('applies input dropout only when training, one mask shared by all steps', async () => {
    const layer = kind.ours({ returnSequences: true, dropout: 0.5 });
    const plain = kind.ours({ returnSequences: true });
    layer.apply(x);
    plain.apply(x);
    randomizeWeights(layer, 90);
    plain.setWeights(layer.getWeights());
    expect(await maxAbsDiff(layer.apply(x, { training: false }) as tf.Tensor, plain.apply(x) as tf.Tensor)).toBe(0);
    expect(await maxAbsDiff(layer.apply(x, { training: true }) as tf.Tensor, plain.apply(x) as tf.Tensor)).toBeGreaterThan(1e-3);
  });

  it('leaves tf.memory().numTensors unchanged around calls', () => {
    const layer = kind.ours({ returnSequences: true, returnState: true });
    tf.dispose(layer.apply(x) as tf.Tensor[]);
    const mask = tf.tensor2d([[1, 1, 1, 0], [1, 0, 0, 0]]);
    const initialState = Array.from({ length: kind.numStates }, (_, s) => seededTensor([2, UNITS], s));
    const before = tf.memory().numTensors;
    tf.dispose(layer.apply(x, { mask }) as tf.Tensor[]);
    tf.dispose(layer.apply(x, { initialState }) as tf.Tensor[]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([mask, ...initialState]);
  });

  it('round-trips through getConfig/fromConfig with every argument', () => {
    const layer = kind.ours({ returnSequences: true, goBackwards: true, dropout: 0.25, seed: 5, useBias: false });
    const config = layer.getConfig();
    const cls = layer.constructor as unknown as (new (c: tf.serialization.ConfigDict) => RcRecurrentLayer);
    const copy = new cls(config);
    expect(copy.getConfig()).toEqual(config);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    expect(config).toMatchObject({ units: UNITS, returnSequences: true, goBackwards: true, dropout: 0.25, seed: 5, useBias: false });
  });

  it('rejects bad arguments with CONFIG errors that name the argument', () => {
    expect(() => kind.ours({ units: 12.5 })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/units must be a positive integer, got 12\.5/) }));
    expect(() => kind.ours({ returnSequences: 'yes' })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/returnSequences/) }));
    expect(() => kind.ours({ dropout: 1.5 })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/dropout/) }));
    expect(() => kind.ours({ kernelInitializer: 'nope' })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/kernelInitializer.*allowed: glorotUniform/) }));
    expect(() => kind.ours({}).apply(tf.ones([2, 3]))).toThrowError(expect.objectContaining({ code: 'SHAPE' }));
  });
});

// tfjs has no GRU resetAfter: that variant is checked against the float64 reference above.
const STOCK_KINDS = KINDS.filter((k): k is StockKind => k.stock !== null);

describe.each(STOCK_KINDS)('$name against tf.layers', (kind) => {
  const x = seededTensor([2, 4, 2], 1);

  it('matches tf.layers (sigmoid gates): outputs, states and all gradients within 1e-5', async () => {
    const ours = kind.ours({ returnSequences: true, returnState: true });
    const stock = kind.stock({ returnSequences: true, returnState: true });
    ours.apply(x);
    stock.apply(x);
    randomizeWeights(ours, 20);
    stock.setWeights(ours.getWeights());
    const xVar = tf.variable(x);
    const grads = (layer: tf.layers.Layer) =>
      tf.variableGrads(() => weightedLoss(asList(layer.apply(xVar))), [
        xVar,
        ...layer.trainableWeights.map((w) => w.read() as tf.Variable),
      ]);
    const a = grads(ours);
    const b = grads(stock);
    expect(Math.abs((await a.value.data())[0]! - (await b.value.data())[0]!)).toBeLessThan(1e-5);
    const aGrads = Object.values(a.grads);
    const bGrads = Object.values(b.grads);
    expect(aGrads).toHaveLength(4);
    for (let i = 0; i < aGrads.length; i++) await expectClose(aGrads[i] as tf.Tensor, bGrads[i] as tf.Tensor);
    const outA = asList(ours.apply(x));
    const outB = asList(stock.apply(x));
    for (let i = 0; i < outA.length; i++) await expectClose(outA[i] as tf.Tensor, outB[i] as tf.Tensor);
    xVar.dispose();
  });

  it('matches tf.layers with goBackwards', async () => {
    const ours = kind.ours({ returnSequences: true, goBackwards: true });
    const stock = kind.stock({ returnSequences: true, goBackwards: true });
    ours.apply(x);
    stock.apply(x);
    randomizeWeights(ours, 30);
    stock.setWeights(ours.getWeights());
    await expectClose(ours.apply(x) as tf.Tensor, stock.apply(x) as tf.Tensor);
  });

});
