import { corpusBleu, sentenceBleu, type BleuScore } from '@recurrent/metrics';
import type { ParallelPair } from '@recurrent/data';
import { translate, type SearchOptions, type Translation, type Translator } from './translator.js';

/** Corpus BLEU of a translator on sentence pairs, with the outputs. */
export interface BleuEvaluation {
  /** sacreBLEU-compatible corpus BLEU (13a; lowercased when the model is). */
  readonly bleu: BleuScore;
  readonly translations: Translation[];
  /** Sentence BLEU of each output (sacreBLEU `sentence_bleu`). */
  readonly sentenceScores: number[];
}

/**
 * Translates every source and scores the detokenised outputs against the raw references.
 *
 * @example
 * ```ts
 * const { bleu } = await evaluateBleu(translator, pairs, { beam: 5 });
 * bleu.score; // e.g. 33.1
 * ```
 */
export async function evaluateBleu(translator: Translator, pairs: readonly ParallelPair[], options: SearchOptions): Promise<BleuEvaluation> {
  const translations = await translate(translator, pairs.map((p) => p.source), options);
  const hypotheses = translations.map((t) => t.text);
  const references = pairs.map((p) => p.target);
  const bleuOptions = { lowercase: translator.config.lowercase };
  return {
    bleu: corpusBleu(hypotheses, [references], bleuOptions),
    translations,
    sentenceScores: hypotheses.map((h, i) => sentenceBleu(h, [references[i] as string], bleuOptions).score),
  };
}
