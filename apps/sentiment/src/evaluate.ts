import * as tf from '@tensorflow/tfjs';
import { classificationReport, confusionMatrix, type ConfusionMatrix } from '@recurrent/metrics';
import { sortedBatches } from './encoded-batch.js';

/** Accuracy, macro-F1 and the confusion matrix of a classifier on one data set. */
export interface ClassificationScores {
  readonly examples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  /** Rows gold, columns predicted, in label order. */
  readonly confusion: ConfusionMatrix<string>;
}

/**
 * Class probabilities of every sequence, in input order: batches sorted by length, one
 * `await data()` per batch.
 *
 * @example
 * const probs = await predictProbabilities(model, [Int32Array.of(5, 9)], 64); // [Float32Array [0.2, 0.8]]
 */
export async function predictProbabilities(model: tf.LayersModel, sequences: readonly Int32Array[], batchSize: number): Promise<Float32Array[]> {
  const out: Float32Array[] = new Array<Float32Array>(sequences.length);
  const noLabels = new Int32Array(sequences.length);
  for (const batch of sortedBatches(sequences, noLabels, batchSize)) {
    const probs = tf.tidy(() => model.predict(tf.tensor2d(batch.ids, [batch.batch, batch.time], 'int32')) as tf.Tensor2D); // [batch, numClasses]
    const values = await probs.data();
    const classes = probs.shape[1];
    probs.dispose();
    batch.indices.forEach((index, row) => {
      out[index] = Float32Array.from(values.subarray(row * classes, (row + 1) * classes));
    });
  }
  return out;
}

/**
 * Index of the largest probability (the first on ties).
 *
 * @example
 * argMax(Float32Array.of(0.1, 0.7, 0.2)); // 1
 */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/**
 * Scores predicted label names against gold ones over the given label set.
 *
 * @example
 * scoreClassification(['pos', 'neg'], ['pos', 'pos'], ['neg', 'pos']).accuracy; // 0.5
 */
export function scoreClassification(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): ClassificationScores {
  const report = classificationReport(gold, predicted, { labels });
  return {
    examples: gold.length,
    accuracy: report.accuracy,
    macroF1: report.macro.f1,
    confusion: confusionMatrix(gold, predicted, { labels }),
  };
}
