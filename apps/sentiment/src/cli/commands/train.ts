import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withTrainRun, type CommonArgs, type TrainRunArgs } from '@recurrent/cli-kit';
import { DEFAULT_SENTIMENT_CONFIG as D, ENCODERS, POOLINGS, resolveSentimentConfig } from '../../config.js';
import { runTrain } from '../../train.js';
import { formatConfusion } from '../../format-confusion.js';
import { withDataOptions, type DataArgs } from '../data-options.js';

interface TrainArgs extends TrainRunArgs, DataArgs {
  readonly train: string;
  readonly dev: string;
}

/** `sentiment train --train <file> --dev <file> --out <runDir>`. @example `yargs.command(trainCommand)` */
export const trainCommand: CommandModule<CommonArgs, TrainArgs> = {
  command: 'train',
  describe: 'train a classifier; the best dev-accuracy model is left in <out>/bundle',
  builder: (y: Argv<CommonArgs>) =>
    withDataOptions(y)
      .option('train', {
        type: 'string',
        demandOption: true,
        describe: 'training file (trees, label-sentence lines, or TSV/CSV)',
      })
      .option('dev', {
        type: 'string',
        demandOption: true,
        describe: 'dev file, same format; drives early stopping',
      })
      .option('encoder', {
        type: 'string',
        choices: ENCODERS,
        default: D.encoder,
        describe:
          'recurrent cell: Elman rnn, gru, lstm, or the parallel-scan mingru, minlstm (Feng et al. 2024)',
      })
      .option('bidirectional', {
        type: 'boolean',
        default: D.bidirectional,
        describe: 'read both directions (--no-bidirectional for one)',
      })
      .option('layers', { type: 'number', default: D.layers, describe: 'stacked recurrent layers (1 or 2)' })
      .option('embedding-dim', { type: 'number', default: D.embeddingDim, describe: 'embedding size' })
      .option('hidden', { type: 'number', default: D.hidden, describe: 'recurrent units per direction' })
      .option('pooling', {
        type: 'string',
        choices: POOLINGS,
        default: D.pooling,
        describe: 'sentence vector: last state, masked mean, max, or both',
      })
      .option('dropout', {
        type: 'number',
        default: D.dropout,
        describe: 'dropout on embeddings and sentence vector',
      })
      .option('pretrained', {
        type: 'string',
        default: D.pretrained,
        describe: "word vectors text file (GloVe/word2vec); '' = none",
      })
      .option('min-freq', {
        type: 'number',
        default: D.minFreq,
        describe: 'keep training words seen at least this often',
      })
      .option('max-length', {
        type: 'number',
        default: D.maxLength,
        describe: 'cut sentences to this many tokens',
      })
      .option('phrases', {
        type: 'boolean',
        default: D.phrases,
        describe: 'also train on every labelled phrase of the trees',
      })
      .option('phrases-per-epoch', {
        type: 'number',
        default: D.phrasesPerEpoch,
        describe: 'with --phrases: phrases sampled per epoch (0 = all)',
      })
      .option('batch-size', {
        type: 'number',
        default: D.batchSize,
        describe: 'examples per batch (length-bucketed)',
      })
      .option('epochs', { type: 'number', default: D.epochs, describe: 'passes over the training data' })
      .option('learning-rate', { type: 'number', default: D.learningRate, describe: 'Adam learning rate' })
      .option('clip-norm', {
        type: 'number',
        default: D.clipNorm,
        describe: 'global gradient norm clip (0 = off)',
      })
      .option('patience', {
        type: 'number',
        default: D.patience,
        describe: 'stop after this many epochs without better dev accuracy (0 = never)',
      })
      .option('max-minutes', {
        type: 'number',
        default: D.maxMinutes,
        describe: 'stop after this many minutes, keeping the best bundle (0 = no limit)',
      })
      .option('log-every', {
        type: 'number',
        default: D.logEvery,
        describe: 'progress line every this many steps',
      })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'continue from the latest checkpoint in --out',
      })
      .example(
        '$0 train --train datasets/sst/sample/stsa.binary.train --dev datasets/sst/sample/stsa.binary.dev --hidden 16 --embedding-dim 16 --epochs 3 --out runs/sample',
        'train on the sample',
      ) as unknown as Argv<TrainArgs>,
  handler: (argv: ArgumentsCamelCase<TrainArgs>) =>
    withTrainRun(
      argv,
      { defaults: D, resolve: resolveSentimentConfig },
      async ({ config, backend, logger, run }) => {
        const result = await runTrain(config, {
          trainFile: argv.train,
          devFile: argv.dev,
          data: {
            format: argv.format,
            binary: argv.binary ?? false,
            textColumn: argv.textColumn,
            labelColumn: argv.labelColumn,
          },
          ...run,
        });
        logger.info(result.train.message);
        logger.info(
          `dev accuracy ${(100 * result.dev.accuracy).toFixed(2)}%, macro-F1 ${(100 * result.dev.macroF1).toFixed(2)}% ` +
            `(${result.dev.examples} sentences; ${result.seconds.toFixed(0)} s on ${backend.name})`,
        );
        logger.info(`dev confusion (best model):\n${formatConfusion(result.dev.confusion)}`);
        const check =
          result.bundleMatches === null
            ? 'not compared (run interrupted)'
            : result.bundleMatches
              ? 'equal the in-memory ones'
              : 'DIFFER FROM the in-memory ones';
        logger.info(`bundle ${result.bundleDir}: reloaded dev predictions ${check}`);
        logger.info(`report: ${argv.out}/report.html`);
      },
    ),
};
