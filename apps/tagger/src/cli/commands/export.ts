import type { CommandModule } from 'yargs';
import { createCliLogger, explicitFlags, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { exportTagger } from '../../export.js';
import { dataOptions, type DataArgs } from '../data-options.js';
import { bundleDataOptions, bundleDirOf, type ModelArgs } from '../model-options.js';

interface ExportArgs extends ModelArgs, DataArgs {
  readonly check: string | undefined;
}

/**
 * `tagger export`: write a bundle to `--out` and check that stock tfjs loads it and tags identically.
 *
 * @example
 * yargs(args).command(exportCommand)
 */
export const exportCommand: CommandModule<CommonArgs, ExportArgs> = {
  command: 'export',
  describe: 'export a bundle to --out; reloads it with stock tf.loadLayersModel and checks identical tags',
  builder: (y) =>
    dataOptions(y, true)
      .option('model', { type: 'string', demandOption: true, describe: 'bundle directory (or a run directory holding bundle/)' })
      .option('check', { type: 'string', requiresArg: true, describe: 'tagged file whose sentences are tagged before and after export (default: a built-in probe)' })
      .example('$0 export --model runs/ner --out models/ner --check valid.txt', 'export and verify') as never,
  handler: async (argv) => {
    const logger = createCliLogger(argv);
    await setupBackend(argv, logger);
    const from = bundleDirOf(argv.model);
    const flags = explicitFlags(argv as unknown as Record<string, unknown>);
    const dataOptions = argv.check === undefined ? undefined : await bundleDataOptions(from, flags);
    const result = await exportTagger(from, argv.out, { checkPath: argv.check, dataOptions, logger });
    logger.info(`exported ${result.files.length} files to ${argv.out}; stock tfjs reload: ${result.sentences} sentences, ${result.tokens} tokens, tags identical, max |Δ emission| ${result.maxDiff}`);
  },
};
