import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RcRecurrentCell } from './recurrent-cell.js';
import { rcGRUCell } from './gru-cell.js';
import { rcLSTMCell } from './lstm-cell.js';
import { rcSimpleRNNCell } from './simple-rnn-cell.js';
import { expectClose, finiteDifferenceCheck, randomizeWeights, seededTensor } from './test-tensors.js';

interface CellKind {
  readonly name: string;
  readonly ours: (a: Record<string, unknown>) => RcRecurrentCell;
  readonly numStates: number;
}

const UNITS = 2;
const CELLS: CellKind[] = [
  { name: 'RcSimpleRNNCell', ours: (a) => rcSimpleRNNCell({ units: UNITS, ...a }), numStates: 1 },
  { name: 'RcGRUCell', ours: (a) => rcGRUCell({ units: UNITS, ...a }), numStates: 1 },
  { name: 'RcGRUCell resetAfter', ours: (a) => rcGRUCell({ units: UNITS, resetAfter: true, ...a }), numStates: 1 },
  { name: 'RcLSTMCell', ours: (a) => rcLSTMCell({ units: UNITS, ...a }), numStates: 2 },
];

const STOCK_CELLS = [
  { name: 'RcSimpleRNNCell', ours: CELLS[0]!.ours, stock: () => tf.layers.simpleRNNCell({ units: UNITS }) },
  { name: 'RcGRUCell', ours: CELLS[1]!.ours, stock: () => tf.layers.gruCell({ units: UNITS, recurrentActivation: 'sigmoid' }) },
  { name: 'RcLSTMCell', ours: CELLS[3]!.ours, stock: () => tf.layers.lstmCell({ units: UNITS, recurrentActivation: 'sigmoid' }) },
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.each(CELLS)('$name', (kind) => {
  it('runs inside stock tf.layers.rnn({cell}) with the expected shapes, symbolic and eager', () => {
    const input = tf.input({ shape: [null, 3] });
    const rnn = tf.layers.rnn({ cell: kind.ours({}), returnSequences: true, returnState: true });
    const out = rnn.apply(input) as tf.SymbolicTensor[];
    expect(out.map((o) => o.shape)).toEqual([[null, null, UNITS], ...Array(kind.numStates).fill([null, UNITS])]);
    const eager = rnn.apply(tf.ones([2, 5, 3])) as tf.Tensor[];
    expect(eager.map((o) => o.shape)).toEqual([[2, 5, UNITS], ...Array(kind.numStates).fill([2, UNITS])]);
  });

  it('passes a central-difference gradient check on one step (weights, input and states)', async () => {
    const cell = kind.ours({ seed: 3 });
    cell.build([1, 3]);
    randomizeWeights(cell, 11);
    const x = tf.variable(seededTensor([2, 3], 12), true, `${kind.name}-x`);
    const states = Array.from({ length: kind.numStates }, (_, s) =>
      tf.variable(seededTensor([2, UNITS], 13 + s, 0.8), true, `${kind.name}-s${s}`),
    );
    const probe = seededTensor([2, UNITS * (kind.numStates + 1)], 20);
    const loss = () =>
      tf.tidy(() => tf.sum(tf.mul(tf.concat(cell.call([x, ...states], {}) as tf.Tensor[], 1), probe)) as tf.Scalar);
    const variables = [x, ...states, ...cell.trainableWeights.map((w) => w.read() as tf.Variable)];
    const { maxError, maxGrad, count } = await finiteDifferenceCheck(loss, variables);
    console.log(`${kind.name} finite differences: ${count} entries, max |error| ${maxError.toExponential(2)}, max |grad| ${maxGrad.toFixed(3)}`);
    expect(count).toBeGreaterThan(20);
    // Gradients are O(0.1–1); float32 central differences with eps 1e-2 agree to ~2e-5 here.
    expect(maxGrad).toBeGreaterThan(0.1);
    expect(maxError).toBeLessThan(2e-4);
    tf.dispose([x, ...states, probe]);
  });

  it('round-trips getConfig/fromConfig and rejects bad arguments with CONFIG', () => {
    const cell = kind.ours({ seed: 9, useBias: false, kernelInitializer: 'heNormal' });
    const config = cell.getConfig();
    const cls = cell.constructor as unknown as new (c: tf.serialization.ConfigDict) => RcRecurrentCell;
    expect(new cls(config).getConfig()).toEqual(config);
    expect(config).toMatchObject({ units: UNITS, seed: 9, useBias: false, kernelInitializer: 'heNormal', recurrentInitializer: 'rcOrthogonal' });
    expect(() => kind.ours({ units: 0 })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/units must be a positive integer, got 0/) }));
    expect(() => kind.ours({ seed: -1 })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/seed/) }));
    expect(() => kind.ours({ useBias: 1 })).toThrowError(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/useBias/) }));
  });

  it('gives the same weights for the same seed', async () => {
    const a = kind.ours({ seed: 4 });
    const b = kind.ours({ seed: 4 });
    a.build([1, 3]);
    b.build([1, 3]);
    const wa = a.getWeights();
    const wb = b.getWeights();
    for (let i = 0; i < wa.length; i++) await expectClose(wa[i] as tf.Tensor, wb[i] as tf.Tensor, 1e-12);
  });
});

describe.each(STOCK_CELLS)('$name in tf.layers.rnn against the tfjs cell', (kind) => {
  it('gives the same outputs and states with copied weights', async () => {
    const x = seededTensor([2, 4, 3], 30);
    const ours = tf.layers.rnn({ cell: kind.ours({}), returnSequences: true, returnState: true });
    const stock = tf.layers.rnn({ cell: kind.stock(), returnSequences: true, returnState: true });
    ours.apply(x);
    stock.apply(x);
    randomizeWeights(ours, 31);
    stock.setWeights(ours.getWeights());
    const a = ours.apply(x) as tf.Tensor[];
    const b = stock.apply(x) as tf.Tensor[];
    expect(a).toHaveLength(b.length);
    for (let i = 0; i < a.length; i++) await expectClose(a[i] as tf.Tensor, b[i] as tf.Tensor);
  });
});

describe('RcLSTMCell bias', () => {
  it('initialises the forget-gate bias to 1 and the rest to 0 (unitForgetBias default true)', async () => {
    const cell = rcLSTMCell({ units: 3 });
    cell.build([1, 2]);
    expect(Array.from(await cell.getWeights()[2]!.data())).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    const plain = rcLSTMCell({ units: 3, unitForgetBias: false });
    plain.build([1, 2]);
    expect(Array.from(await plain.getWeights()[2]!.data())).toEqual(new Array(12).fill(0));
  });
});

describe('RcGRUCell resetAfter', () => {
  it('uses a [2, 3*units] bias (input row, recurrent row) as Keras does', () => {
    const cell = rcGRUCell({ units: 3, resetAfter: true });
    cell.build([1, 2]);
    expect(cell.getWeights().map((w) => w.shape)).toEqual([[2, 9], [3, 9], [2, 9]]);
  });
});
