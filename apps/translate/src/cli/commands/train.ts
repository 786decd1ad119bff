import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { withTrainRun, type CommonArgs, type TrainRunArgs } from '@recurrent/cli-kit';
import { ATTENTIONS, CELLS, DEFAULT_TRANSLATE_CONFIG as D, resolveTranslateConfig, TOKENIZERS } from '../../config.js';
import { runTrain } from '../../train.js';
import { pairFileOptions, withDataOptions, type DataArgs } from '../data-options.js';

interface TrainArgs extends TrainRunArgs, DataArgs {
  readonly train: string;
  readonly dev: string;
}

/** `translate train --train <data> --dev <data> --out <runDir>`. @example `yargs.command(trainCommand)` */
export const trainCommand: CommandModule<CommonArgs, TrainArgs> = {
  command: 'train',
  describe: 'train with teacher forcing; the best dev-BLEU model is left in <out>/bundle',
  builder: (y: Argv<CommonArgs>) =>
    withDataOptions(y)
      .option('train', { type: 'string', demandOption: true, describe: 'training pairs: TSV file or prefix of aligned files' })
      .option('dev', { type: 'string', demandOption: true, describe: 'dev pairs, same layout; BLEU drives model selection' })
      .option('cell', { type: 'string', choices: CELLS, default: D.cell, describe: 'recurrent cell of encoder and decoder' })
      .option('bidirectional', { type: 'boolean', default: D.bidirectional, describe: 'bidirectional encoder (final states bridged by a dense tanh layer)' })
      .option('layers', { type: 'number', default: D.layers, describe: 'stacked recurrent layers in encoder and decoder (1 or 2)' })
      .option('embedding-dim', { type: 'number', default: D.embeddingDim, describe: 'embedding size (both sides)' })
      .option('hidden', { type: 'number', default: D.hidden, describe: 'recurrent units' })
      .option('attention', { type: 'string', choices: ATTENTIONS, default: D.attention, describe: "none (initial state only), cho (summary at every step), Luong dot/general, additive (Bahdanau score, Luong placement), bahdanau (true Bahdanau: per-step loop)" })
      .option('reverse-source', { type: 'boolean', default: D.reverseSource, describe: 'feed the source reversed (Sutskever et al.)' })
      .option('lowercase', { type: 'boolean', default: D.lowercase, describe: 'lowercase both sides (BLEU is then lowercased too)' })
      .option('tokenizer', { type: 'string', choices: TOKENIZERS, default: D.tokenizer, describe: 'tokeniser of both sides' })
      .option('min-freq', { type: 'number', default: D.minFreq, describe: 'keep training words seen at least this often' })
      .option('max-length', { type: 'number', default: D.maxLength, describe: 'drop training pairs longer than this (tokens)' })
      .option('dropout', { type: 'number', default: D.dropout, describe: 'dropout on RNN inputs and before the output layer' })
      .option('label-smoothing', { type: 'number', default: D.labelSmoothing, describe: 'label smoothing of the cross-entropy' })
      .option('teacher-forcing', { type: 'number', default: D.teacherForcing, describe: 'teacher-forcing ratio in epoch 1 (< 1: scheduled sampling, per-step loop)' })
      .option('teacher-forcing-decay', { type: 'number', default: D.teacherForcingDecay, describe: 'subtracted from the ratio after each epoch' })
      .option('teacher-forcing-min', { type: 'number', default: D.teacherForcingMin, describe: 'lowest teacher-forcing ratio' })
      .option('batch-size', { type: 'number', default: D.batchSize, describe: 'pairs per (length-bucketed) batch' })
      .option('epochs', { type: 'number', default: D.epochs, describe: 'passes over the training data' })
      .option('learning-rate', { type: 'number', default: D.learningRate, describe: 'Adam learning rate' })
      .option('clip-norm', { type: 'number', default: D.clipNorm, describe: 'global gradient-norm clip (0 = off)' })
      .option('dev-beam', { type: 'number', default: D.devBeam, describe: 'beam size of the per-epoch dev BLEU (1 = greedy)' })
      .option('dev-sentences', { type: 'number', default: D.devSentences, describe: 'score the first N dev pairs each epoch (0 = all)' })
      .option('train-pairs', { type: 'number', default: D.trainPairs, describe: 'use only the first N training pairs (0 = all)' })
      .option('patience', { type: 'number', default: D.patience, describe: 'stop after N epochs without better dev BLEU (0 = never)' })
      .option('max-minutes', { type: 'number', default: D.maxMinutes, describe: 'stop after this many minutes; the cut epoch is still evaluated (0 = no limit)' })
      .option('log-every', { type: 'number', default: D.logEvery, describe: 'progress line every N steps' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue from the latest checkpoint in --out' })
      .example('$0 train --train datasets/multi30k/sample/train --dev datasets/multi30k/sample/val --hidden 32 --embedding-dim 32 --epochs 3 --out runs/sample', 'train on the Multi30k sample')
      .example('$0 train --train /work/shared/datasets/multi30k_de_en/train --dev /work/shared/datasets/multi30k_de_en/val --lowercase --out runs/m30k', 'Multi30k de→en') as unknown as Argv<TrainArgs>,
  handler: (argv: ArgumentsCamelCase<TrainArgs>) =>
    withTrainRun(argv, { defaults: D, resolve: resolveTranslateConfig }, async ({ config, backend, logger, run }) => {
      const result = await runTrain(config, { trainPath: argv.train, devPath: argv.dev, data: pairFileOptions(argv), ...run });
      logger.info(result.train.message);
      logger.info(`dev BLEU ${result.devBleu.toFixed(2)} (greedy; ${result.seconds.toFixed(0)} s on ${backend.name})`);
      logger.info(
        result.bundleMatches === null
          ? `bundle ${result.bundleDir}: holds the best epoch (not compared: the run was interrupted)`
          : `bundle ${result.bundleDir}: reloaded translations ${result.bundleMatches ? 'equal' : 'DIFFER FROM'} the in-memory ones`,
      );
      logger.info(`report: ${argv.out}/report.html`);
    }),
};
