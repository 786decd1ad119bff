import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MERGE_MODES, RcBidirectional, rcBidirectional } from './rc-bidirectional.js';
import { rcGRU } from './rc-gru.js';
import { rcLSTM } from './rc-lstm.js';
import { rcMinGRU } from './min-rnn/min-gru.js';
import { rcMinLSTM } from './min-rnn/min-lstm.js';
import { expectClose, maxAbsDiff, randomizeWeights, seededTensor } from './test-tensors.js';

const UNITS = 3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `[batch, time]` mask: 1 for the first `lengths[b]` steps of row `b`. */
function lengthsMask(lengths: readonly number[], time: number): tf.Tensor2D {
  return tf.tensor2d(lengths.map((len) => Array.from({ length: time }, (_, t) => (t < len ? 1 : 0))));
}

/**
 * On a right-padded batch `xs` `[batch, time, 2]`: each row's valid steps equal that sequence run
 * alone, the backward half is the backward layer over the reversed unpadded sequence read back
 * reversed, and padded steps are zero.
 */
async function expectPaddingInvariance(
  bi: RcBidirectional,
  xs: tf.Tensor,
  lengths: readonly number[],
): Promise<void> {
  const time = xs.shape[1] as number;
  const mask = lengthsMask(lengths, time);
  const padded = (await (bi.apply(xs, { mask }) as tf.Tensor).array()) as number[][][];
  for (let b = 0; b < lengths.length; b++) {
    const len = lengths[b] as number;
    const alone = tf.slice(xs, [b, 0, 0], [1, len, 2]);
    const valid = padded[b]!.slice(0, len);
    expect(await maxAbsDiff(bi.apply(alone) as tf.Tensor, [valid])).toBeLessThan(1e-6);
    const backwardAlone = tf.reverse(bi.backwardLayer.apply(tf.reverse(alone, 1)) as tf.Tensor, 1);
    expect(await maxAbsDiff(backwardAlone, [valid.map((row) => row.slice(UNITS))])).toBeLessThan(1e-6);
    for (const row of padded[b]!.slice(len)) expect(row).toEqual(new Array(2 * UNITS).fill(0));
  }
  mask.dispose();
}

describe('RcBidirectional', () => {
  const x = seededTensor([2, 4, 2], 1);

  it.each(MERGE_MODES)(
    'returns the right shapes and matches tf.layers.bidirectional when mergeMode is %s',
    async (mergeMode) => {
      const ours = rcBidirectional({ layer: rcLSTM({ units: UNITS, returnSequences: true }), mergeMode });
      const stock = tf.layers.bidirectional({
        layer: tf.layers.lstm({
          units: UNITS,
          returnSequences: true,
          recurrentActivation: 'sigmoid',
        }) as tf.RNN,
        mergeMode,
      });
      const symbolic = ours.apply(tf.input({ shape: [null, 2] })) as tf.SymbolicTensor;
      const width = mergeMode === 'concat' ? 2 * UNITS : UNITS;
      expect(symbolic.shape).toEqual([null, null, width]);
      stock.apply(x);
      randomizeWeights(ours, 5);
      stock.setWeights(ours.getWeights());
      const y = ours.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([2, 4, width]);
      await expectClose(y, stock.apply(x) as tf.Tensor);
    },
  );

  it('returns forward then backward states with returnState, and the last outputs without returnSequences', async () => {
    const ours = rcBidirectional({ layer: rcGRU({ units: UNITS, returnState: true }) });
    const out = ours.apply(x) as tf.Tensor[];
    expect(out.map((t) => t.shape)).toEqual([
      [2, 2 * UNITS],
      [2, UNITS],
      [2, UNITS],
    ]);
    await expectClose(out[0] as tf.Tensor, tf.concat([out[1] as tf.Tensor, out[2] as tf.Tensor], 1), 1e-7);
    const symbolic = ours.apply(tf.input({ shape: [4, 2] })) as tf.SymbolicTensor[];
    expect(symbolic.map((s) => s.shape)).toEqual([
      [null, 2 * UNITS],
      [null, UNITS],
      [null, UNITS],
    ]);
  });

  it('on a right-padded batch: valid steps equal each sequence alone, backward reverses only the valid part', async () => {
    const xs = seededTensor([3, 4, 2], 60);
    const bi = rcBidirectional({ layer: rcLSTM({ units: UNITS, returnSequences: true }) });
    bi.apply(xs);
    randomizeWeights(bi, 70);
    await expectPaddingInvariance(bi, xs, [4, 3, 1]);
  });

  it.each([
    ['RcMinGRU', rcMinGRU],
    ['RcMinLSTM', rcMinLSTM],
  ] as const)(
    'wraps %s: padding invariance, backward half, and a serialised round trip',
    async (className, make) => {
      const xs = seededTensor([3, 4, 2], 61);
      const mask = lengthsMask([4, 3, 1], 4);
      const bi = rcBidirectional({ layer: make({ units: UNITS, returnSequences: true }) });
      bi.apply(xs);
      randomizeWeights(bi, 71);
      await expectPaddingInvariance(bi, xs, [4, 3, 1]);
      expect(bi.getConfig()).toMatchObject({ layer: { className } });
      const copy = RcBidirectional.fromConfig(
        RcBidirectional,
        JSON.parse(JSON.stringify(bi.getConfig())),
      ) as RcBidirectional;
      copy.apply(xs);
      copy.setWeights(bi.getWeights());
      await expectClose(copy.apply(xs, { mask }) as tf.Tensor, bi.apply(xs, { mask }) as tf.Tensor, 1e-7);
      // returnState: forward h then backward h (one state each)
      const withState = rcBidirectional({ layer: make({ units: UNITS, returnState: true }) });
      const out = withState.apply(xs) as tf.Tensor[];
      expect(out.map((t) => t.shape)).toEqual([
        [3, 2 * UNITS],
        [3, UNITS],
        [3, UNITS],
      ]);
      mask.dispose();
    },
  );

  it('starts each direction from its initialState (forward states, then backward states)', async () => {
    const bi = rcBidirectional({ layer: rcLSTM({ units: UNITS, returnSequences: true }) });
    bi.apply(x);
    randomizeWeights(bi, 80);
    const states = [0, 1, 2, 3].map((s) => seededTensor([2, UNITS], 81 + s));
    const y = bi.apply(x, { initialState: states }) as tf.Tensor;
    const forward = bi.forwardLayer.apply(x, { initialState: states.slice(0, 2) }) as tf.Tensor;
    const backward = tf.reverse(
      bi.backwardLayer.apply(tf.reverse(x, 1), { initialState: states.slice(2) }) as tf.Tensor,
      1,
    );
    await expectClose(y, tf.concat([forward, backward], -1), 1e-6);
    expect(await maxAbsDiff(y, bi.apply(x) as tf.Tensor)).toBeGreaterThan(1e-3);
  });

  it('leaves tf.memory().numTensors unchanged around calls with a mask', () => {
    const bi = rcBidirectional({ layer: rcLSTM({ units: UNITS, returnSequences: true }) });
    tf.dispose(bi.apply(x) as tf.Tensor);
    const mask = tf.tensor2d([
      [1, 1, 1, 0],
      [1, 0, 0, 0],
    ]);
    const before = tf.memory().numTensors;
    tf.dispose(bi.apply(x, { mask }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    mask.dispose();
  });

  it('round-trips getConfig/fromConfig and names the weights of each direction apart', async () => {
    const bi = rcBidirectional({
      layer: rcGRU({ units: UNITS, returnSequences: true, seed: 3 }),
      mergeMode: 'ave',
      name: 'bi',
    });
    bi.apply(x);
    const config = bi.getConfig();
    expect(config).toMatchObject({ mergeMode: 'ave', layer: { className: 'RcGRU' } });
    const copy = RcBidirectional.fromConfig(
      RcBidirectional,
      JSON.parse(JSON.stringify(config)),
    ) as RcBidirectional;
    expect(copy.getConfig()).toEqual(config);
    copy.apply(x);
    copy.setWeights(bi.getWeights());
    await expectClose(copy.apply(x) as tf.Tensor, bi.apply(x) as tf.Tensor, 1e-7);
    const names = bi.weights.map((w) => w.originalName);
    expect(new Set(names).size).toBe(6);
    expect(names.some((n) => n.includes('forward_'))).toBe(true);
    expect(names.some((n) => n.includes('backward_'))).toBe(true);
  });

  it('rejects a bad mergeMode or a backwards layer with CONFIG errors', () => {
    expect(() => rcBidirectional({ layer: rcGRU({ units: 2 }), mergeMode: 'max' as 'sum' })).toThrowError(
      expect.objectContaining({
        code: 'CONFIG',
        message: expect.stringMatching(/mergeMode.*allowed: concat, sum, ave, mul/),
      }),
    );
    expect(() => rcBidirectional({ layer: rcGRU({ units: 2, goBackwards: true }) })).toThrowError(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/goBackwards/) }),
    );
  });
});
