import { tokenizeEnglish } from '@recurrent/text';
import { encodeTokens } from './encoded-batch.js';
import { argMax, predictProbabilities } from './evaluate.js';
import type { SentimentBundle } from './sentiment-bundle.js';

/** Batch size used when predicting. */
export const PREDICT_BATCH_SIZE = 64;

/** The prediction for one sentence. */
export interface SentimentPrediction {
  readonly text: string;
  readonly label: string;
  /** Probability of each label, in the bundle's label order. */
  readonly probabilities: Readonly<Record<string, number>>;
}

/**
 * Classifies already tokenised sentences.
 *
 * @example
 * const [p] = await classifyTokens(bundle, [['a', 'fine', 'film']]);
 * p.label; // 'positive'
 */
export async function classifyTokens(bundle: SentimentBundle, sentences: readonly (readonly string[])[]): Promise<SentimentPrediction[]> {
  const maxLength = Number(bundle.hyperParameters['maxLength'] ?? Number.MAX_SAFE_INTEGER);
  const ids = encodeTokens(sentences, bundle.vocab, maxLength);
  const probabilities = await predictProbabilities(bundle.model, ids, PREDICT_BATCH_SIZE);
  return probabilities.map((probs, i) => ({
    text: (sentences[i] as readonly string[]).join(' '),
    label: bundle.labels[argMax(probs)] as string,
    probabilities: Object.fromEntries(bundle.labels.map((label, k) => [label, probs[k] as number])),
  }));
}

/**
 * Tokenises raw sentences (English PTB-style rules) and classifies them.
 *
 * @example
 * const [p] = await classifySentences(bundle, ["It's a warm, generous film."]);
 * p.probabilities; // { negative: 0.04, positive: 0.96 }
 */
export async function classifySentences(bundle: SentimentBundle, sentences: readonly string[]): Promise<SentimentPrediction[]> {
  const predictions = await classifyTokens(bundle, sentences.map((s) => tokenizeEnglish(s)));
  return predictions.map((p, i) => ({ ...p, text: sentences[i] as string }));
}
