export { accuracy } from './accuracy.js';
export {
  confusionMatrix,
  type ConfusionMatrix,
  type ConfusionMatrixOptions,
  type Label,
} from './confusion-matrix.js';
export {
  classificationReport,
  classificationReportFromMatrix,
  type ClassificationReport,
  type ClassificationReportOptions,
  type ClassScores,
  type PrecisionRecallF1,
} from './classification-report.js';
export {
  splitTag,
  startOfChunk,
  endOfChunk,
  bioesTagToBio,
  bioesToBio,
  extractChunks,
  type SplitTag,
  type TagScheme,
  type Chunk,
} from './chunks.js';
export {
  conllevalSentences,
  conllevalText,
  formatConllevalReport,
  type ConllToken,
  type ConllevalOptions,
  type ConllevalTextOptions,
  type ConllevalCounts,
  type ConllevalScores,
  type ConllevalTypeResult,
  type ConllevalResult,
} from './conlleval.js';
export { tokenize13a } from './tokenizer-13a.js';
export {
  corpusBleu,
  sentenceBleu,
  computeBleu,
  bleuPreprocess,
  resolveBleuOptions,
  formatBleu,
  DEFAULT_BLEU_OPTIONS,
  type BleuOptions,
  type ResolvedBleuOptions,
  type BleuScore,
  type FormatBleuOptions,
} from './bleu.js';
export {
  bleuSegmentStatistics,
  sumBleuStatistics,
  closestReferenceLength,
  type BleuStatistics,
} from './bleu-statistics.js';
export {
  bleuSignature,
  SACREBLEU_VERSION,
  BLEU_SMOOTH_DEFAULTS,
  type BleuSignatureFields,
  type BleuSignatureOptions,
  type BleuSmoothMethod,
  type BleuTokenizer,
} from './bleu-signature.js';
export { perplexity, bitsPerCharacter } from './perplexity.js';
export { formatFixed } from './fixed-format.js';
export { pythonSplit, pythonRstrip } from './python-whitespace.js';
