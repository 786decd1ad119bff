// Test support (excluded from the build): a tiny seeded 3-class task and MLP used by the loop tests
// and by test/fixtures/train-tiny.ts.
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '@recurrent/core';
import type { BatchSource } from './data-order.js';
import type { EvaluationResult, StepContext } from './train-options.js';

export interface TinyBatch {
  readonly x: readonly number[][];
  readonly y: readonly number[];
}

const FEATURES = 4;
let instances = 0;
const CLASSES = 3;

/** `count` points around three centres, in batches of `batchSize`; a pure function of `seed`. */
export function tinyBatches(seed: number, count = 96, batchSize = 8): TinyBatch[] {
  const rng = new SeededRandom(seed);
  const centres = [
    [1, 0, 0, 1],
    [0, 1, 1, 0],
    [-1, -1, 0, 0],
  ];
  const batches: TinyBatch[] = [];
  for (let start = 0; start < count; start += batchSize) {
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = start; i < Math.min(count, start + batchSize); i++) {
      const label = i % CLASSES;
      x.push((centres[label] as number[]).map((c) => c + (rng.next() - 0.5) * 1.6));
      y.push(label);
    }
    batches.push({ x, y });
  }
  return batches;
}

/** A 4-8-3 MLP with seeded initial weights. */
export function tinyModel(seed: number): { variables: tf.Variable[]; logits: (x: tf.Tensor2D, dropoutSeed?: number) => tf.Tensor2D } {
  const id = instances++;
  const [w1, b1, w2, b2] = tf.tidy(() => [
    tf.variable(tf.randomNormal([FEATURES, 8], 0, 0.5, 'float32', seed), true, `tiny${id}/w1`),
    tf.variable(tf.zeros([8]), true, `tiny${id}/b1`),
    tf.variable(tf.randomNormal([8, CLASSES], 0, 0.5, 'float32', seed + 1), true, `tiny${id}/w2`),
    tf.variable(tf.zeros([CLASSES]), true, `tiny${id}/b2`),
  ]) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const logits = (x: tf.Tensor2D, dropoutSeed?: number): tf.Tensor2D =>
    tf.tidy(() => {
      let h = tf.tanh(tf.add(tf.matMul(x, w1), b1)); // h: [batch, 8]
      if (dropoutSeed !== undefined) h = tf.dropout(h, 0.2, undefined, dropoutSeed);
      return tf.add(tf.matMul(h, w2), b2) as tf.Tensor2D; // logits: [batch, numTags]
    });
  return { variables: [w1, b1, w2, b2], logits };
}

/** Cross-entropy of a batch, with dropout seeded by the step's seed. */
export function tinyLoss(model: ReturnType<typeof tinyModel>) {
  return (batch: TinyBatch, context: StepContext): tf.Scalar =>
    tf.tidy(() => {
      const x = tf.tensor2d(batch.x as number[][]);
      const y = tf.oneHot(tf.tensor1d(batch.y as number[], 'int32'), CLASSES);
      return tf.losses.softmaxCrossEntropy(y, model.logits(x, context.seed)) as tf.Scalar;
    });
}

/** Accuracy and confusion matrix on `batches`. */
export function tinyEvaluate(model: ReturnType<typeof tinyModel>, batches: readonly TinyBatch[]) {
  return async (): Promise<EvaluationResult> => {
    const x = batches.flatMap((b) => b.x);
    const gold = batches.flatMap((b) => b.y);
    const predicted = tf.tidy(() => tf.argMax(model.logits(tf.tensor2d(x)), 1));
    const values = await predicted.data();
    predicted.dispose();
    const matrix = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
    gold.forEach((g, i) => {
      const row = matrix[g] as number[];
      const p = values[i] as number;
      row[p] = (row[p] ?? 0) + 1;
    });
    const correct = gold.filter((g, i) => g === values[i]).length;
    return { metrics: { accuracy: correct / gold.length }, confusion: { labels: ['A', 'B', 'C'], matrix } };
  };
}

/** A `BatchSource` over an array. */
export function arraySource<B>(items: readonly B[]): BatchSource<B> {
  return { length: items.length, get: (i) => items[i] as B };
}

/** All values of `variables`, flattened. */
export async function readValues(variables: readonly tf.Variable[]): Promise<number[][]> {
  return Promise.all(variables.map(async (v) => Array.from(await v.data())));
}
