import { accuracy, bioesToBio, confusionMatrix, conllevalSentences, formatConllevalReport, type ConllevalResult } from '@recurrent/metrics';
import { isChunkTask, type TaggerConfig } from './config.js';
import type { TaggedCorpus } from './data.js';
import { tagSentences, type Tagger } from './tagger.js';

/**
 * Scores of a tagger on a tagged corpus.
 *
 * @example
 * const { metrics, confusion } = await evaluateTagger(tagger, dev);
 */
export interface TaggerEvaluation {
  /** `accuracy` (token, in %) always; `f1`, `precision`, `recall` (conlleval, IOB2, in %) for chunk tasks. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Gold (rows) × predicted (columns) tag counts, tags in IOB2 for chunk tasks. */
  readonly confusion: { readonly labels: readonly string[]; readonly matrix: readonly (readonly number[])[] };
  /** conlleval result (chunk tasks), null for POS. */
  readonly conlleval: ConllevalResult | null;
  /** Predicted tags per sentence in the reporting scheme (IOB2 for chunk tasks). */
  readonly predictions: readonly (readonly string[])[];
  readonly tokens: number;
}

/**
 * Predicted tags in the reporting scheme: IOBES output is converted tag by tag to IOB2 (lenient, as conlleval reads it).
 *
 * @example
 * toReportScheme(['S-PER', 'E-LOC'], { scheme: 'IOBES' }); // ['B-PER', 'I-LOC']
 */
export function toReportScheme(tags: readonly string[], config: Pick<TaggerConfig, 'scheme'>): string[] {
  return config.scheme === 'IOBES' ? bioesToBio(tags) : [...tags];
}

/**
 * Scores from gold and predicted tags (both in the reporting scheme): token accuracy, and for chunk
 * tasks conlleval precision/recall/F1, plus the confusion matrix.
 *
 * @example
 * scoreTags([['B-PER', 'O']], [['B-PER', 'O']], [['Mira', 'left']], true).metrics; // { accuracy: 100, f1: 100, … }
 */
export function scoreTags(
  gold: readonly (readonly string[])[],
  predicted: readonly (readonly string[])[],
  words: readonly (readonly string[])[],
  chunk: boolean,
): Omit<TaggerEvaluation, 'predictions'> {
  const flatGold = gold.flat();
  const flatPred = predicted.flat();
  const labels = [...new Set([...flatGold, ...flatPred])].sort();
  const confusion = flatGold.length === 0 ? { labels, matrix: [] } : confusionMatrix(flatGold, flatPred, { labels });
  const acc = flatGold.length === 0 ? 0 : 100 * accuracy(flatGold, flatPred);
  if (!chunk) return { metrics: { accuracy: acc }, confusion, conlleval: null, tokens: flatGold.length };
  const conlleval = conllevalSentences(
    gold.map((tags, s) => tags.map((g, i) => ({ token: words[s]?.[i] ?? '_', gold: g, pred: predicted[s]?.[i] ?? 'O' }))),
  );
  return {
    metrics: { accuracy: acc, f1: conlleval.fb1, precision: conlleval.precision, recall: conlleval.recall },
    confusion,
    conlleval,
    tokens: flatGold.length,
  };
}

/**
 * Tags a corpus and scores it (see {@link scoreTags}).
 *
 * @example
 * const { metrics } = await evaluateTagger(tagger, dev); // { accuracy: 95.7 } or { f1: 88.3, … }
 */
export async function evaluateTagger(tagger: Tagger, corpus: TaggedCorpus): Promise<TaggerEvaluation> {
  const words = corpus.sentences.map((s) => s.words);
  const raw = await tagSentences(tagger, words);
  const chunk = isChunkTask(tagger.config);
  const predictions = chunk ? raw.map((tags) => toReportScheme(tags, tagger.config)) : raw;
  const gold = corpus.sentences.map((s) => (chunk ? (s.iob2 ?? s.tags) : s.tags));
  return { ...scoreTags(gold, predictions, words, chunk), predictions };
}

/**
 * The conlleval-style text report (chunk tasks) or an accuracy line (POS).
 *
 * @example
 * process.stdout.write(formatEvaluation(await evaluateTagger(tagger, dev)));
 */
export function formatEvaluation(evaluation: TaggerEvaluation): string {
  if (evaluation.conlleval !== null) return formatConllevalReport(evaluation.conlleval);
  return `processed ${evaluation.tokens} tokens; accuracy: ${evaluation.metrics['accuracy']?.toFixed(2)}%`;
}
