import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, explicitFlags, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { RecurrentError } from '@recurrent/core';
import { exportTranslateBundle, loadTranslateBundle } from '../../translate-bundle.js';

interface ExportArgs extends CommonArgs {
  readonly model: string;
}

/** `translate export --model <runDir|bundle> --out <dir>`. @example `yargs.command(exportCommand)` */
export const exportCommand: CommandModule<CommonArgs, ExportArgs> = {
  command: 'export',
  describe: 'write the best model of a run (or a bundle) as a stand-alone bundle folder in --out',
  builder: (y: Argv<CommonArgs>) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'run folder (its bundle/) or bundle folder' })
      .example('$0 export --model runs/m30k --out models/m30k-de-en', 'export the best Multi30k model') as unknown as Argv<ExportArgs>,
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const logger = createCliLogger(argv);
    if (!('out' in explicitFlags(argv))) throw new RecurrentError('USAGE', 'export needs --out <dir> (the folder to write the bundle into)');
    await setupBackend(argv, logger);
    const bundle = await loadTranslateBundle(argv.model, logger);
    try {
      const written = await exportTranslateBundle(bundle.model, argv.out, {
        config: bundle.config,
        vocabs: bundle.vocabs,
        metrics: bundle.metrics,
        description: `exported from ${bundle.dir}`,
        logger,
      });
      logger.info(`exported ${bundle.dir} → ${written.dir} (${written.files.length} files)`);
    } finally {
      bundle.model.dispose();
    }
  },
};
