import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { crfLogLikelihood, crfLogPartition, crfNegLogLikelihood, crfSequenceScore, type CrfParameters } from './crf-log-likelihood.js';
import { finiteDifferenceCheck, seededTensor } from '../test-tensors.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Plain {
  emissions: number[][][];
  transitions: number[][];
  start: number[];
  end: number[];
}

/** Score of one path over the first `length` steps, in float64. */
function pathScore(p: Plain, b: number, path: number[]): number {
  let s = (p.start[path[0]!] as number) + (p.end[path[path.length - 1]!] as number);
  path.forEach((tag, t) => {
    s += p.emissions[b]![t]![tag] as number;
    if (t > 0) s += p.transitions[path[t - 1]!]![tag] as number;
  });
  return s;
}

/** Every tag path of `length` steps over `numTags` tags. */
function allPaths(numTags: number, length: number): number[][] {
  let paths: number[][] = [[]];
  for (let t = 0; t < length; t++) paths = paths.flatMap((p) => Array.from({ length: numTags }, (_, k) => [...p, k]));
  return paths;
}

function bruteLogZ(p: Plain, b: number, length: number, numTags: number): number {
  const scores = allPaths(numTags, length).map((path) => pathScore(p, b, path));
  const max = Math.max(...scores);
  return max + Math.log(scores.reduce((acc, s) => acc + Math.exp(s - max), 0));
}

async function randomCrf(batch: number, time: number, numTags: number, seed: number): Promise<{ params: CrfParameters; emissions: tf.Tensor3D; plain: Plain }> {
  const emissions = seededTensor([batch, time, numTags], seed, 2) as tf.Tensor3D;
  const params = {
    transitions: seededTensor([numTags, numTags], seed + 1, 1) as tf.Tensor2D,
    start: seededTensor([numTags], seed + 2, 1) as tf.Tensor1D,
    end: seededTensor([numTags], seed + 3, 1) as tf.Tensor1D,
  };
  const plain: Plain = {
    emissions: (await emissions.array()) as number[][][],
    transitions: (await params.transitions.array()) as number[][],
    start: (await params.start.array()) as number[],
    end: (await params.end.array()) as number[],
  };
  return { params, emissions, plain };
}

const LENGTHS = [4, 2, 1];
const TAGS = [
  [0, 2, 1, 1],
  [2, 0, 1, 0],
  [1, 1, 2, 0],
];
const maskOf = (lengths: number[], time: number): tf.Tensor2D => tf.tensor2d(lengths.map((len) => Array.from({ length: time }, (_, t) => (t < len ? 1 : 0))));

describe('crfLogPartition', () => {
  it('equals log Σ exp(score) over all 3^L paths, with and without masks', async () => {
    const { params, emissions, plain } = await randomCrf(3, 4, 3, 10);
    const masked = await crfLogPartition(emissions, params, maskOf(LENGTHS, 4)).data();
    const full = await crfLogPartition(emissions, params, null).data();
    LENGTHS.forEach((len, b) => {
      expect(masked[b]).toBeCloseTo(bruteLogZ(plain, b, len, 3), 4);
      expect(full[b]).toBeCloseTo(bruteLogZ(plain, b, 4, 3), 4);
    });
  });

  it('gives log(K^L) for all-zero scores', async () => {
    const zeros = { transitions: tf.zeros([4, 4]) as tf.Tensor2D, start: tf.zeros([4]) as tf.Tensor1D, end: tf.zeros([4]) as tf.Tensor1D };
    const logZ = await crfLogPartition(tf.zeros([1, 3, 4]) as tf.Tensor3D, zeros, null).data();
    expect(logZ[0]).toBeCloseTo(3 * Math.log(4), 5);
  });
});

describe('crfSequenceScore', () => {
  it('equals the brute-force path score over the valid steps only', async () => {
    const { params, emissions, plain } = await randomCrf(3, 4, 3, 20);
    const tags = tf.tensor2d(TAGS, undefined, 'int32');
    const scores = await crfSequenceScore(emissions, tags, params, maskOf(LENGTHS, 4)).data();
    LENGTHS.forEach((len, b) => expect(scores[b]).toBeCloseTo(pathScore(plain, b, TAGS[b]!.slice(0, len)), 4));
  });
});

describe('crfLogLikelihood', () => {
  it('is ≤ 0 and the probabilities of all paths sum to 1', async () => {
    const { params, emissions } = await randomCrf(1, 3, 2, 30);
    let total = 0;
    for (const path of allPaths(2, 3)) {
      const ll = await crfLogLikelihood(emissions, tf.tensor2d([path], undefined, 'int32'), params, null).data();
      expect(ll[0]).toBeLessThanOrEqual(0);
      total += Math.exp(ll[0] as number);
    }
    expect(total).toBeCloseTo(1, 5);
  });
});

describe('crfNegLogLikelihood', () => {
  it('has gradients equal to central finite differences (emissions and all CRF weights, masked batch)', async () => {
    const { params, emissions } = await randomCrf(3, 4, 3, 40);
    const vars = [
      tf.variable(emissions, true, 'fd_emissions'),
      tf.variable(params.transitions, true, 'fd_transitions'),
      tf.variable(params.start, true, 'fd_start'),
      tf.variable(params.end, true, 'fd_end'),
    ];
    const tags = tf.tensor2d(TAGS, undefined, 'int32');
    const mask = maskOf(LENGTHS, 4);
    const loss = (): tf.Scalar =>
      crfNegLogLikelihood(vars[0] as tf.Variable<tf.Rank.R3>, tags, { transitions: vars[1] as tf.Variable<tf.Rank.R2>, start: vars[2] as tf.Variable<tf.Rank.R1>, end: vars[3] as tf.Variable<tf.Rank.R1> }, mask);
    const { maxError, maxGrad, count } = await finiteDifferenceCheck(loss, vars, 1e-2);
    expect(count).toBe(36 + 9 + 3 + 3);
    expect(maxGrad).toBeGreaterThan(0.05);
    expect(maxError).toBeLessThan(2e-3);
    tf.dispose(vars);
  });

  it('has finite-difference gradients for single-step batches (time 1)', async () => {
    const { params, emissions } = await randomCrf(2, 1, 3, 45);
    const vars = [tf.variable(emissions, true, 'fd1_emissions'), tf.variable(params.start, true, 'fd1_start'), tf.variable(params.end, true, 'fd1_end')];
    const tags = tf.tensor2d([[2], [0]], undefined, 'int32');
    const loss = (): tf.Scalar =>
      crfNegLogLikelihood(vars[0] as tf.Variable<tf.Rank.R3>, tags, { transitions: params.transitions, start: vars[1] as tf.Variable<tf.Rank.R1>, end: vars[2] as tf.Variable<tf.Rank.R1> }, null);
    const { maxError, count } = await finiteDifferenceCheck(loss, vars, 1e-2);
    expect(count).toBe(6 + 3 + 3);
    expect(maxError).toBeLessThan(2e-3);
    tf.dispose(vars);
  });

  it('leaves tf.memory().numTensors unchanged', async () => {
    const { params, emissions } = await randomCrf(2, 3, 3, 50);
    const tags = tf.zeros([2, 3], 'int32') as tf.Tensor2D;
    const mask = maskOf([3, 2], 3);
    const before = tf.memory().numTensors;
    crfNegLogLikelihood(emissions, tags, params, mask).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('throws a SHAPE error when the transitions do not match numTags', () => {
    const bad = { transitions: tf.zeros([2, 2]) as tf.Tensor2D, start: tf.zeros([3]) as tf.Tensor1D, end: tf.zeros([3]) as tf.Tensor1D };
    expect(() => crfNegLogLikelihood(tf.zeros([1, 2, 3]) as tf.Tensor3D, tf.zeros([1, 2], 'int32') as tf.Tensor2D, bad, null)).toThrow(
      expect.objectContaining({ code: 'SHAPE', message: expect.stringMatching(/transitions must be \[3, 3\], got \[2, 2\]/) }),
    );
  });
});
