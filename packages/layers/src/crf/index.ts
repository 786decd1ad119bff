export { crfLogPartition, crfSequenceScore, crfLogLikelihood, crfNegLogLikelihood, type CrfParameters } from './crf-log-likelihood.js';
export {
  RcCrf,
  crfLayer,
  CRF_FORBIDDEN_SCORE,
  DEFAULT_CRF_INITIALIZER,
  type CrfArgs,
  type CrfConstraints,
  type CrfDecodeParameters,
} from './crf-layer.js';
