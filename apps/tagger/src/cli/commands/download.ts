import type { CommandModule } from 'yargs';
import { RecurrentError } from '@recurrent/core';
import { createCliLogger, type CommonArgs } from '@recurrent/cli-kit';
import { DATASET_MANIFESTS, fetchDataset } from '@recurrent/data';

/**
 * Public datasets the tagger trains on that can be fetched (CoNLL-2003 has no public download).
 *
 * @example
 * TAGGER_DATASETS.includes('ud-english-ewt'); // true
 */
export const TAGGER_DATASETS = ['ud-english-ewt'] as const;

interface DownloadArgs extends CommonArgs {
  readonly dataset: string;
}

/**
 * `tagger download <dataset>`: fetch and verify (sha256) a public tagging dataset into `--out`.
 *
 * @example
 * yargs(args).command(downloadCommand)
 */
export const downloadCommand: CommandModule<CommonArgs, DownloadArgs> = {
  command: 'download <dataset>',
  describe: `download a public dataset (${TAGGER_DATASETS.join(', ')}) into --out, checking sha256`,
  builder: (y) =>
    y
      .positional('dataset', { type: 'string', choices: TAGGER_DATASETS, demandOption: true, describe: 'dataset name' })
      .example('$0 download ud-english-ewt --out data/ud-english-ewt', 'UD English EWT train/dev/test') as never,
  handler: async (argv) => {
    const logger = createCliLogger(argv);
    const manifest = DATASET_MANIFESTS[argv.dataset];
    if (manifest === undefined) throw new RecurrentError('USAGE', `dataset must be one of: ${TAGGER_DATASETS.join(', ')}, got ${argv.dataset}`);
    const result = await fetchDataset(manifest, argv.out, { logger });
    for (const file of result.files) logger.info(`${JSON.stringify(file)}`);
    logger.info(`${manifest.name} (${manifest.license}) in ${argv.out}: ${result.files.length} files`);
  },
};
