export { viterbiDecode, type ViterbiOptions, type ViterbiResult } from './viterbi-decode.js';
export { iobTransitionMask, TAG_SCHEMES, type TagScheme, type TransitionMask } from './iob-transition-mask.js';
export { lengthPenalty, checkLengthPenalty, LENGTH_PENALTIES, type LengthPenaltyKind } from './length-penalty.js';
export {
  checkDecodeOptions,
  vocabSizeOf,
  type StepFunction,
  type StepOutput,
  type DecodeOptions,
  type DecodeStrategy,
  type Hypothesis,
} from './decode-strategy.js';
export { greedyDecode } from './greedy-decode.js';
export { beamSearch, type BeamSearchOptions } from './beam-search.js';
