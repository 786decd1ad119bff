export {
  commonOptions,
  BACKEND_CHOICES,
  DEFAULT_OUT_DIR,
  type CommonArgs,
  type CommonOptionsOptions,
} from './common-options.js';
export { explicitFlags, recordDefaultedFlags } from './explicit-flags.js';
export { resolveConfig, type ResolveConfigOptions } from './resolve-config.js';
export { readConfigFile } from './read-config-file.js';
export { formatCliError, handleCliError, exitCodeFor, type CliErrorOptions } from './cli-error.js';
export { runCli, usageFailHandler, type RunCliOptions } from './run-cli.js';
export { createCliLogger, logLevelFor, type LoggingArgs } from './cli-logger.js';
export { setupBackend } from './setup-backend.js';
export { createAbortOnSignal, type AbortOnSignal, type AbortOnSignalOptions } from './abort-on-signal.js';
export { appMain, type AppMainOptions } from './app-main.js';
export {
  bundleExportCommand,
  type BundleExportArgs,
  type BundleExportOptions,
  type LoadedBundle,
} from './bundle-export-command.js';
export {
  withTrainRun,
  type TrainRun,
  type TrainRunArgs,
  type TrainRunContext,
  type TrainRunOptions,
} from './train-run.js';
