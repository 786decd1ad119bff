/**
 * Minimal parallel recurrences (minGRU, minLSTM) and the linear scans they run on.
 *
 * @example
 * ```ts
 * import { rcMinGRU } from './min-rnn/index.js';
 * const y = rcMinGRU({ units: 16 }).apply(tf.ones([2, 64, 8])) as tf.Tensor; // [2, 16]
 * ```
 */
export { parallelLinearScan, checkScanShapes } from './parallel-scan.js';
export { DEFAULT_SCAN_CHUNK } from './chunked-scan.js';
export { sequentialLinearScan } from './sequential-scan.js';
export { minRnnCandidate } from './candidate-activation.js';
export {
  RcMinRNN,
  type RcMinRNNArgs,
  type ScanCoefficients,
  type FusedMinRnnKernels,
  MIN_RNN_MODES,
  type MinRnnMode,
  DEFAULT_MIN_RNN_MODE,
} from './min-rnn-layer.js';
export { RcMinGRU, rcMinGRU, type RcMinGRUArgs } from './min-gru.js';
export { RcMinLSTM, rcMinLSTM, type RcMinLSTMArgs } from './min-lstm.js';
