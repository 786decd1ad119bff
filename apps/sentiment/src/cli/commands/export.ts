import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, explicitFlags, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { RecurrentError } from '@recurrent/core';
import { exportSentimentBundle, loadSentimentBundle } from '../../sentiment-bundle.js';
import { resolveSentimentConfig, DEFAULT_SENTIMENT_CONFIG } from '../../config.js';

interface ExportArgs extends CommonArgs {
  readonly model: string;
}

/** `sentiment export --model <runDir|bundle> --out <dir>`. @example `yargs.command(exportCommand)` */
export const exportCommand: CommandModule<CommonArgs, ExportArgs> = {
  command: 'export',
  describe: 'write the best model of a run (or a bundle) as a stand-alone bundle folder in --out',
  builder: (y: Argv<CommonArgs>) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'run folder (its bundle/) or bundle folder' })
      .example('$0 export --model runs/sst2 --out models/sst2', 'export the best SST-2 model') as unknown as Argv<ExportArgs>,
  handler: async (argv: ArgumentsCamelCase<ExportArgs>) => {
    const logger = createCliLogger(argv);
    if (!('out' in explicitFlags(argv))) throw new RecurrentError('USAGE', 'export needs --out <dir> (the folder to write the bundle into)');
    await setupBackend(argv, logger);
    const bundle = await loadSentimentBundle(argv.model, logger);
    try {
      const { data: _data, ...rest } = bundle.hyperParameters;
      const known = Object.fromEntries(Object.entries(rest).filter(([key]) => key in DEFAULT_SENTIMENT_CONFIG));
      const written = await exportSentimentBundle(bundle.model, argv.out, {
        config: resolveSentimentConfig(known),
        vocab: bundle.vocab,
        labels: bundle.labels,
        data: bundle.data,
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
