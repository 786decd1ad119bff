import type { BackendInfo } from '@recurrent/backend';
import type { Logger } from '@recurrent/core';
import { createAbortOnSignal } from './abort-on-signal.js';
import { createCliLogger } from './cli-logger.js';
import type { CommonArgs } from './common-options.js';
import { explicitFlags } from './explicit-flags.js';
import { resolveConfig } from './resolve-config.js';
import { setupBackend } from './setup-backend.js';

/** The arguments {@link withTrainRun} reads: the common ones and `--resume`. */
export interface TrainRunArgs extends CommonArgs {
  /** `--resume`: continue from the latest checkpoint in `--out`. */
  readonly resume: boolean;
}

/** Options of {@link withTrainRun}. */
export interface TrainRunOptions<C> {
  /** The app's default config (every key). */
  readonly defaults: C;
  /** Checks the merged config (`resolveXxxConfig`). */
  readonly resolve: (input: unknown) => C;
  /** The config flags the user typed; `explicitFlags(argv)` unless given. */
  readonly flags?: Readonly<Record<string, unknown>>;
}

/** The options of an app's `runTrain` that come straight from the command line. */
export interface TrainRunContext {
  /** `--out`. */
  readonly runDir: string;
  readonly logger: Logger;
  /** Aborted on the first Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
  /** `--resume`. */
  readonly resume: boolean;
  /** `quiet` with `--quiet`, else `auto`. */
  readonly progress: 'quiet' | 'auto';
}

/** What {@link withTrainRun} hands to the training body. */
export interface TrainRun<C> {
  /** The resolved config (defaults < `--config` file < flags). */
  readonly config: C;
  /** The backend `--backend` selected. */
  readonly backend: BackendInfo;
  /** The CLI logger (the same as `run.logger`). */
  readonly logger: Logger;
  /** Spread into the app's `runTrain` options. */
  readonly run: TrainRunContext;
}

/**
 * The shared start of every app's `train` handler: the CLI logger, the config resolved from
 * defaults < `--config` < flags (and logged), the backend set up, and Ctrl-C turned into an abort
 * signal for the duration of `train` (the second Ctrl-C exits at once).
 *
 * @example
 * handler: (argv) =>
 *   withTrainRun(argv, { defaults: DEFAULT_SENTIMENT_CONFIG, resolve: resolveSentimentConfig },
 *     async ({ config, backend, logger, run }) => {
 *       const result = await runTrain(config, { trainFile: argv.train, devFile: argv.dev, ...run });
 *       logger.info(`${result.train.message} on ${backend.name}`);
 *     }),
 */
export async function withTrainRun<C extends object>(
  argv: TrainRunArgs,
  options: TrainRunOptions<C>,
  train: (session: TrainRun<C>) => Promise<void>,
): Promise<void> {
  const logger = createCliLogger(argv);
  const config = await resolveConfig({
    defaults: options.defaults,
    configFile: argv.config,
    flags: options.flags ?? explicitFlags(argv as unknown as Record<string, unknown>),
    resolve: options.resolve,
    logger,
  });
  const backend = await setupBackend(argv, logger);
  const abort = createAbortOnSignal();
  try {
    await train({
      config,
      backend,
      logger,
      run: {
        runDir: argv.out,
        logger,
        signal: abort.signal,
        resume: argv.resume,
        progress: argv.quiet ? 'quiet' : 'auto',
      },
    });
  } finally {
    abort.dispose();
  }
}
