import type { CommandModule } from 'yargs';
import { explicitFlags, withTrainRun, type CommonArgs, type TrainRunArgs } from '@recurrent/cli-kit';
import { CHAR_ENCODERS, DEFAULT_TAGGER_CONFIG, resolveTaggerConfig } from '../../config.js';
import { formatEvaluation } from '../../evaluate.js';
import { runTrainTagger } from '../../train.js';
import { dataFlags, dataOptions, type DataArgs } from '../data-options.js';

interface TrainArgs extends TrainRunArgs, DataArgs {
  readonly train: string;
  readonly dev: string;
}

const d = DEFAULT_TAGGER_CONFIG;
/** Numeric and boolean model/training flags, by config key. */
const MODEL_FLAGS = {
  lowercase: { type: 'boolean', default: d.lowercase, describe: 'lower-case words for the word embedding' },
  'normalize-digits': { type: 'boolean', default: d.normalizeDigits, describe: 'map digits to 0 for the word embedding' },
  'min-freq': { type: 'number', default: d.minFreq, describe: 'keep training words seen at least this often' },
  'word-dim': { type: 'number', default: d.wordDim, describe: 'word embedding size' },
  pretrained: { type: 'string', default: d.pretrained, describe: 'GloVe/word2vec text file to initialise word embeddings ("" = none)' },
  'char-encoder': { type: 'string', choices: CHAR_ENCODERS, default: d.charEncoder, describe: 'character-level word features' },
  'char-dim': { type: 'number', default: d.charDim, describe: 'char embedding size' },
  'char-filters': { type: 'number', default: d.charFilters, describe: 'char CNN filters' },
  'char-kernel': { type: 'number', default: d.charKernel, describe: 'char CNN window' },
  'char-hidden': { type: 'number', default: d.charHidden, describe: 'char BiLSTM units per direction (--char-encoder lstm)' },
  'max-word-length': { type: 'number', default: d.maxWordLength, describe: 'characters per word seen by the char encoder' },
  'case-dim': { type: 'number', default: d.caseDim, describe: 'capitalisation feature size (0 = off)' },
  hidden: { type: 'number', default: d.hidden, describe: 'BiLSTM units per direction' },
  layers: { type: 'number', default: d.layers, describe: 'BiLSTM layers (1 or 2)' },
  dropout: { type: 'number', default: d.dropout, describe: 'dropout on embeddings and BiLSTM outputs' },
  'word-dropout': { type: 'number', default: d.wordDropout, describe: 'probability of replacing a training word by <unk>' },
  crf: { type: 'boolean', default: d.crf, describe: 'CRF output layer (--no-crf: per-token softmax)' },
  constraints: { type: 'boolean', default: d.constraints, describe: 'forbid invalid IOB transitions in the CRF' },
  'batch-size': { type: 'number', default: d.batchSize, describe: 'sentences per batch (length-bucketed)' },
  epochs: { type: 'number', default: d.epochs, describe: 'passes over the training data' },
  'learning-rate': { type: 'number', default: d.learningRate, describe: 'Adam learning rate' },
  'lr-decay': { type: 'number', default: d.lrDecay, describe: 'multiply the learning rate by this after an epoch without dev improvement (1 = constant)' },
  'clip-norm': { type: 'number', default: d.clipNorm, describe: 'clip gradients to this global norm (0 = off)' },
  'aux-column': { type: 'string', default: d.auxColumn, describe: 'second tag column learnt alongside (multi-task), e.g. XPOS when tagging UPOS ("" = none)' },
  'aux-weight': { type: 'number', default: d.auxWeight, describe: 'weight of the auxiliary task\'s loss' },
  ema: { type: 'number', default: d.ema, describe: 'evaluate and export a moving average of the weights with this decay, e.g. 0.999 (0 = off)' },
  patience: { type: 'number', default: d.patience, describe: 'early stop after this many epochs without dev improvement (0 = never)' },
  'max-sentences': { type: 'number', default: d.maxSentences, describe: 'use only the first N training sentences (0 = all)' },
  'max-minutes': { type: 'number', default: d.maxMinutes, describe: 'stop after this many minutes; the cut epoch is still evaluated (0 = no limit)' },
} as const;

/**
 * `tagger train`: train on a file, evaluate on dev each epoch, leave the best bundle in `<out>/bundle`.
 *
 * @example
 * yargs(args).command(trainCommand)
 */
export const trainCommand: CommandModule<CommonArgs, TrainArgs> = {
  command: 'train',
  describe: 'train a tagger; the best dev checkpoint is exported to <out>/bundle',
  builder: (y) =>
    dataOptions(y, false)
      .option('train', { type: 'string', demandOption: true, describe: 'training file' })
      .option('dev', { type: 'string', demandOption: true, describe: 'dev file (early stopping, best checkpoint)' })
      .option('resume', { type: 'boolean', default: false, describe: 'continue from the latest checkpoint in --out' })
      .options(MODEL_FLAGS)
      .example('$0 train --train datasets/ud-english-ewt/sample/train.conllu --dev datasets/ud-english-ewt/sample/dev.conllu --epochs 5 --out runs/pos', 'UPOS tagger on the sample')
      .example('$0 train --format conll --column ner --scheme IOBES --train train.txt --dev valid.txt --out runs/ner', 'NER (any input scheme, trained in IOBES)') as never,
  handler: (argv) => {
    const flags = explicitFlags(argv as unknown as Record<string, unknown>);
    const options = { defaults: DEFAULT_TAGGER_CONFIG, resolve: resolveTaggerConfig, flags: { ...flags, ...dataFlags(flags) } };
    return withTrainRun(argv, options, async ({ config, backend, logger, run }) => {
      const result = await runTrainTagger(config, { trainPath: argv.train, devPath: argv.dev, ...run, backend: backend.name });
      logger.info(result.train.message);
      logger.info(formatEvaluation(result.dev).trimEnd());
      const score = Object.entries(result.dev.metrics).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
      logger.info(`dev (${result.devWeights === 'best' ? 'best model' : 'last weights; the bundle holds the best epoch'}): ${score}; ${result.seconds.toFixed(0)} s on ${backend.name}; bundle: ${result.bundleDir}; report: ${argv.out}/report.html`);
    });
  },
};
