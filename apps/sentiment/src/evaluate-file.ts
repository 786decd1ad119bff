import type { DataOptions } from './data.js';
import { loadSentimentData } from './data.js';
import { scoreClassification, type ClassificationScores } from './evaluate.js';
import { classifyTokens, type SentimentPrediction } from './predict.js';
import type { SentimentBundle } from './sentiment-bundle.js';

/** A labelled file scored by a bundle. */
export interface FileEvaluation {
  readonly file: string;
  readonly scores: ClassificationScores;
  /** One prediction per sentence, in file order, with its gold label and line. */
  readonly predictions: readonly (SentimentPrediction & { readonly gold: string; readonly line: number })[];
}

/**
 * The data options for reading a file with a bundle: the bundle's own settings (format, SST-2
 * binarisation, columns) unless overridden, and its labels.
 *
 * @example
 * const options = bundleDataOptions(bundle, { format: 'auto' });
 */
export function bundleDataOptions(bundle: SentimentBundle, overrides: Partial<DataOptions>): DataOptions {
  return {
    format: overrides.format ?? 'auto',
    binary: overrides.binary ?? (bundle.data.binary ? 'auto' : false),
    textColumn: overrides.textColumn ?? bundle.data.textColumn,
    labelColumn: overrides.labelColumn ?? bundle.data.labelColumn,
    knownLabels: bundle.labels,
  };
}

/**
 * Reads a labelled file with the bundle's data settings, classifies every sentence and scores
 * accuracy, macro-F1 and the confusion matrix.
 *
 * @example
 * const { scores } = await evaluateFile(bundle, 'sst2/stsa.binary.dev', { format: 'auto' });
 * scores.accuracy; // e.g. 0.85
 */
export async function evaluateFile(bundle: SentimentBundle, file: string, overrides: Partial<DataOptions> = {}): Promise<FileEvaluation> {
  const data = await loadSentimentData(file, bundleDataOptions(bundle, overrides));
  const predictions = await classifyTokens(bundle, data.sentences.map((e) => e.tokens));
  const gold = data.sentences.map((e) => e.label);
  return {
    file,
    scores: scoreClassification(gold, predictions.map((p) => p.label), bundle.labels),
    predictions: predictions.map((p, i) => ({ ...p, gold: gold[i] as string, line: (data.sentences[i] as { line: number }).line })),
  };
}
