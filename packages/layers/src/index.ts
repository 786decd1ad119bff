/**
 * `@recurrent/layers`: recurrent tf.layers (Elman RNN, GRU, LSTM, Bidirectional) implementing the
 * lecture equations. Importing this module registers every class with `tf.serialization`, so stock
 * `tf.loadLayersModel` loads models that use them.
 *
 * @example
 * ```ts
 * import '@recurrent/layers';
 * const model = await tf.loadLayersModel('file://bundle/model.json');
 * ```
 */
export type {
  LayerArgs,
  Kwargs,
  Initializer,
  LayerVariable,
  Shape,
  ApplyValue,
  ConfigDict,
} from './tfjs-types.js';
export {
  RcOrthogonal,
  rcOrthogonal,
  orthogonalMatrix,
  DEFAULT_ORTHOGONAL_GAIN,
  type RcOrthogonalArgs,
} from './rc-orthogonal.js';
export {
  INITIALIZER_IDS,
  type InitializerId,
  checkInitializerId,
  makeInitializer,
} from './initializer-id.js';
export {
  RcRecurrentCell,
  type RcCellArgs,
  type CellConfig,
  DEFAULT_KERNEL_INITIALIZER,
  DEFAULT_RECURRENT_INITIALIZER,
  DEFAULT_BIAS_INITIALIZER,
} from './recurrent-cell.js';
export { RcSimpleRNNCell, rcSimpleRNNCell, type RcSimpleRNNCellArgs } from './simple-rnn-cell.js';
export { RcGRUCell, rcGRUCell, type RcGRUCellArgs, DEFAULT_RESET_AFTER } from './gru-cell.js';
export { RcLSTMCell, rcLSTMCell, type RcLSTMCellArgs, DEFAULT_UNIT_FORGET_BIAS } from './lstm-cell.js';
export {
  runTimeLoop,
  checkMask,
  type RecurrenceOptions,
  type RecurrenceResult,
  type StepFunction,
} from './time-loop.js';
export {
  type RecurrenceLayout,
  type RecurrencePlan,
  RECURRENCE_LAYOUTS,
  recurrencePlanFor,
  setRecurrencePlan,
  currentRecurrencePlan,
} from './recurrence-layout.js';
export { splitTimeSteps, TimeStepSelector } from './time-steps.js';
export {
  RECURRENCE_KERNELS,
  hasRecurrenceKernel,
  recordingGradients,
  runRecurrenceKernel,
} from './recurrence-kernels.js';
export { lstmRecurrenceFused, lstmProjectedRecurrenceFused } from './lstm-fused.js';
export { gruRecurrenceFused, gruProjectedRecurrenceFused, fusedGruSupports } from './gru-fused.js';
export { simpleRnnStep, simpleRnnStepBatchMajor, simpleRnnRecurrence } from './simple-rnn-recurrence.js';
export {
  gruStep,
  gruStepBatchMajor,
  gruStepWeights,
  gruRecurrence,
  gruRecurrenceAutodiff,
  type GruRecurrentWeights,
  type GruStepWeights,
} from './gru-recurrence.js';
export { gruRecurrenceBptt } from './gru-bptt.js';
export { lstmRecurrenceBptt } from './lstm-bptt.js';
export { lstmStep, lstmStepBatchMajor, lstmRecurrence, lstmRecurrenceAutodiff } from './lstm-recurrence.js';
export { lstmBpttBatchMajor } from './lstm-bptt-batch-major.js';
export { RcRecurrentLayer, type RcRecurrentLayerArgs } from './recurrent-layer.js';
export { RcSimpleRNN, rcSimpleRNN, type RcSimpleRNNArgs } from './rc-simple-rnn.js';
export { RcGRU, rcGRU, type RcGRUArgs } from './rc-gru.js';
export { RcLSTM, rcLSTM, type RcLSTMArgs } from './rc-lstm.js';
export { reverseValid } from './reverse-valid.js';
export {
  RcBidirectional,
  rcBidirectional,
  type RcBidirectionalArgs,
  type BidirectionalLayer,
  MERGE_MODES,
  type MergeMode,
  DEFAULT_MERGE_MODE,
} from './rc-bidirectional.js';
export { RcTimeDistributed, rcTimeDistributed, type RcTimeDistributedArgs } from './rc-time-distributed.js';
export {
  crfLogPartition,
  crfSequenceScore,
  crfLogLikelihood,
  crfNegLogLikelihood,
  RcCrf,
  crfLayer,
  CRF_FORBIDDEN_SCORE,
  DEFAULT_CRF_INITIALIZER,
  type CrfParameters,
  type CrfArgs,
  type CrfConstraints,
  type CrfDecodeParameters,
} from './crf/index.js';
export {
  maskedSoftmax,
  MASKED_SCORE,
  RcAttention,
  RcLuongAttention,
  luongAttention,
  LUONG_MODES,
  DEFAULT_LUONG_INITIALIZER,
  RcBahdanauAttention,
  bahdanauAttention,
  DEFAULT_BAHDANAU_INITIALIZER,
  RcPaddingMask,
  paddingMask,
  type RcAttentionArgs,
  type LuongMode,
  type RcLuongAttentionArgs,
  type RcBahdanauAttentionArgs,
  type RcPaddingMaskArgs,
  RcBahdanauDecoder,
  DECODER_CELLS,
  type DecoderCell,
  type RcBahdanauDecoderArgs,
  type BahdanauStep,
  RcAppendVector,
} from './attention/index.js';
export {
  parallelLinearScan,
  DEFAULT_SCAN_CHUNK,
  sequentialLinearScan,
  checkScanShapes,
  minRnnCandidate,
  RcMinRNN,
  type RcMinRNNArgs,
  type ScanCoefficients,
  MIN_RNN_MODES,
  type MinRnnMode,
  DEFAULT_MIN_RNN_MODE,
  RcMinGRU,
  rcMinGRU,
  type RcMinGRUArgs,
  RcMinLSTM,
  rcMinLSTM,
  type RcMinLSTMArgs,
} from './min-rnn/index.js';
export {
  RcMaskedPooling,
  rcMaskedPooling,
  POOL_MODES,
  type PoolMode,
  type RcMaskedPoolingArgs,
} from './pooling/masked-pooling.js';
