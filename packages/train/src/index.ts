export * from './bundle/index.js';
export {
  DEFAULT_TRAIN_CONFIG,
  LR_SCHEDULE_NAMES,
  METRIC_MODES,
  OPTIMIZER_NAMES,
  PROGRESS_MODES,
  resolveTrainConfig,
  type LrScheduleName,
  type MetricMode,
  type OptimizerName,
  type ProgressMode,
  type TrainConfig,
} from './train-config.js';
export { createOptimizer, disposeOptimizer, setLearningRate, applyWeightDecay, type OptimizerOptions } from './optimizers.js';
export { FusedAdamOptimizer, ADAM_UPDATE_KERNEL } from './fused-adam.js';
export { clipByGlobalNorm, clipByValue } from './gradient-clipping.js';
export { LrSchedule, type LrScheduleOptions, type LrScheduleState } from './lr-schedules.js';
export { EarlyStopping, isImprovement, type EarlyStoppingOptions, type EarlyStoppingState } from './early-stopping.js';
export { CheckpointStore } from './checkpoint-store.js';
export { readOptimizerState, restoreOptimizerState, type OptimizerExtras } from './optimizer-state.js';
export { packTensors, unpackTensors, type TensorSpec, type NamedTensorLike } from './tensor-pack.js';
export {
  CHECKPOINT_FORMAT,
  saveTrainCheckpoint,
  loadTrainCheckpoint,
  readCheckpointMeta,
  type CheckpointMeta,
  type TrainProgressState,
} from './train-checkpoint.js';
export { epochBatches, epochRandom, type BatchSource, type TrainBatches } from './data-order.js';
export {
  appendMetricsRecord,
  readMetricsLog,
  truncateMetricsLog,
  type ConfusionMatrixData,
  type EpochRecord,
  type MetricsRecord,
  type StepRecord,
} from './metrics-log.js';
export { createProgress, formatDuration, formatProgressLine, type Progress, type ProgressOptions, type ProgressUpdate } from './progress.js';
export { trainStep, type TrainStepOptions } from './train-step.js';
export { runPaths, type RunPaths } from './run-dir.js';
export { writeFileAtomic } from './durable-fs.js';
export {
  resolveTrainVariables,
  type BestContext,
  type EvaluationResult,
  type StepContext,
  type TrainOptions,
  type TrainResult,
} from './train-options.js';
export { train } from './train-loop.js';
export { WeightAverage } from './weight-average.js';
export { svgLineChart, SERIES_COLORS, type LineChartOptions, type LineSeries } from './report/svg-line-chart.js';
export { svgConfusionMatrix } from './report/confusion-matrix-svg.js';
export { buildReportHtml, type ReportFigure, type ReportPageOptions } from './report/report-page.js';
export { writeRunReport } from './report/write-report.js';
export { escapeXml, niceTicks, niceDomain, formatTick } from './report/svg-text.js';
