import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { RecurrentError, type Logger } from '@recurrent/core';
import { createCliLogger } from './cli-logger.js';
import type { CommonArgs } from './common-options.js';
import { explicitFlags } from './explicit-flags.js';
import { setupBackend } from './setup-backend.js';

/** The arguments of the command {@link bundleExportCommand} builds. */
export interface BundleExportArgs extends CommonArgs {
  /** `--model`: a run folder (its `bundle/`) or a bundle folder. */
  readonly model: string;
}

/** What {@link BundleExportOptions.load} returns: the bundle's folder and a model to dispose. */
export interface LoadedBundle {
  /** The folder the bundle was read from (shown in the log line and the export's description). */
  readonly dir: string;
  /** The model; disposed once the export is written or has failed. */
  readonly model: { dispose(): void };
}

/** Options of {@link bundleExportCommand}. */
export interface BundleExportOptions<B extends LoadedBundle> {
  /** One `--help` example: the command line (`$0 export …`) and what it does. */
  readonly example: readonly [command: string, description: string];
  /** Loads the bundle named by `--model` (called after the backend is set up). */
  readonly load: (model: string, logger: Logger) => Promise<B>;
  /** Writes the loaded bundle to `out` and names the folder and files written. */
  readonly write: (
    bundle: B,
    out: string,
    logger: Logger,
  ) => Promise<{ readonly dir: string; readonly files: readonly unknown[] }>;
}

/**
 * The `export` command of an app that keeps its best model as a bundle: `--model <runDir|bundle>`
 * is required, `--out <dir>` must be typed (its default is a run folder, never an export target;
 * a USAGE error otherwise), then the backend is set up, the bundle loaded and written again, one
 * line `exported <from> → <to> (<n> files)` logged, and the model disposed.
 *
 * @example
 * export const exportCommand = bundleExportCommand({
 *   example: ['$0 export --model runs/sst2 --out models/sst2', 'export the best SST-2 model'],
 *   load: (model, logger) => loadSentimentBundle(model, logger),
 *   write: (bundle, out, logger) => exportSentimentBundle(bundle.model, out, { ...bundle, logger }),
 * });
 * // sentiment export --model runs/sst2 --out models/sst2
 * // → "exported runs/sst2/bundle → models/sst2 (4 files)"
 */
export function bundleExportCommand<B extends LoadedBundle>(
  options: BundleExportOptions<B>,
): CommandModule<CommonArgs, BundleExportArgs> {
  return {
    command: 'export',
    describe: 'write the best model of a run (or a bundle) as a stand-alone bundle folder in --out',
    builder: (y: Argv<CommonArgs>) =>
      y
        .option('model', {
          type: 'string',
          demandOption: true,
          describe: 'run folder (its bundle/) or bundle folder',
        })
        .example(...options.example) as unknown as Argv<BundleExportArgs>,
    handler: async (argv: ArgumentsCamelCase<BundleExportArgs>) => {
      const logger = createCliLogger(argv);
      if (!('out' in explicitFlags(argv))) {
        throw new RecurrentError('USAGE', 'export needs --out <dir> (the folder to write the bundle into)');
      }
      await setupBackend(argv, logger);
      const bundle = await options.load(argv.model, logger);
      try {
        const written = await options.write(bundle, argv.out, logger);
        logger.info(`exported ${bundle.dir} → ${written.dir} (${written.files.length} files)`);
      } finally {
        bundle.model.dispose();
      }
    },
  };
}
