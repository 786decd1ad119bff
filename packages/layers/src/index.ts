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
export type { LayerArgs, Kwargs, Initializer, LayerVariable, Shape, ApplyValue, ConfigDict } from './tfjs-types.js';
export { RcOrthogonal, rcOrthogonal, orthogonalMatrix, DEFAULT_ORTHOGONAL_GAIN, type RcOrthogonalArgs } from './rc-orthogonal.js';
export { INITIALIZER_IDS, type InitializerId, checkInitializerId, makeInitializer } from './initializer-id.js';
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
export { runTimeLoop, type RecurrenceOptions, type RecurrenceResult, type StepFunction } from './time-loop.js';
export { simpleRnnStep, simpleRnnRecurrence } from './simple-rnn-recurrence.js';
export { gruStep, gruStepWeights, gruRecurrence, type GruRecurrentWeights, type GruStepWeights } from './gru-recurrence.js';
export { lstmRecurrenceBptt } from './lstm-bptt.js';
export { lstmStep, lstmRecurrence } from './lstm-recurrence.js';
export { RcRecurrentLayer, type RcRecurrentLayerArgs } from './recurrent-layer.js';
export { RcSimpleRNN, rcSimpleRNN, type RcSimpleRNNArgs } from './rc-simple-rnn.js';
export { RcGRU, rcGRU, type RcGRUArgs } from './rc-gru.js';
export { RcLSTM, rcLSTM, type RcLSTMArgs } from './rc-lstm.js';
export { reverseValid } from './reverse-valid.js';
export { RcBidirectional, rcBidirectional, type RcBidirectionalArgs, MERGE_MODES, type MergeMode, DEFAULT_MERGE_MODE } from './rc-bidirectional.js';
