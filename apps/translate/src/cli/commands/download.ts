import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, type CommonArgs } from '@recurrent/cli-kit';
import { ConfigError } from '@recurrent/core';
import { DATASET_MANIFESTS, fetchDataset } from '@recurrent/data';

/** Data sets this app trains on. */
const DATASETS = ['multi30k', 'tatoeba'] as const;

interface DownloadArgs extends CommonArgs {
  readonly dataset: (typeof DATASETS)[number];
}

/** `translate download --dataset multi30k --out <dir>`, sha256-verified. @example `yargs.command(downloadCommand)` */
export const downloadCommand: CommandModule<CommonArgs, DownloadArgs> = {
  command: 'download',
  describe: 'download Multi30k (de-en, line-aligned) or Tatoeba eng-fra (TSV) into --out, sha256-verified',
  builder: (y: Argv<CommonArgs>) =>
    y
      .option('dataset', { type: 'string', choices: DATASETS, default: 'multi30k' as const, describe: 'which corpus' })
      .example('$0 download --dataset multi30k --out data/multi30k', 'fetch Multi30k') as unknown as Argv<DownloadArgs>,
  handler: async (argv: ArgumentsCamelCase<DownloadArgs>) => {
    const logger = createCliLogger(argv);
    const manifest = DATASET_MANIFESTS[argv.dataset];
    if (manifest === undefined) throw new ConfigError('dataset', `has no download manifest: ${argv.dataset}`);
    const result = await fetchDataset(manifest, argv.out, { logger });
    for (const file of result.files) logger.info(`${file.path}  sha256 ${file.sha256}`);
  },
};
