import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, type CommonArgs } from '@recurrent/cli-kit';
import { DATASET_MANIFESTS, fetchDataset } from '@recurrent/data';

/** `sentiment download --out <dir>`: the SST trees and flat files, verified. @example `yargs.command(downloadCommand)` */
export const downloadCommand: CommandModule<CommonArgs, CommonArgs> = {
  command: 'download',
  describe: 'download SST (PTB trees and the Kim 2014 flat SST-2/SST-5 files) into --out, sha256-verified',
  builder: (y: Argv<CommonArgs>) => y.example('$0 download --out data/sst', 'fetch SST into data/sst'),
  handler: async (argv: ArgumentsCamelCase<CommonArgs>) => {
    const logger = createCliLogger(argv);
    const result = await fetchDataset(DATASET_MANIFESTS['sst'] as NonNullable<(typeof DATASET_MANIFESTS)['sst']>, argv.out, { logger });
    for (const file of result.files) logger.info(`${file.path}  sha256 ${file.sha256}`);
  },
};
