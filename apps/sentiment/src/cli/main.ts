#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commonOptions, runCli, usageFailHandler } from '@recurrent/cli-kit';
import { downloadCommand } from './commands/download.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';

await runCli(() =>
  commonOptions(yargs(hideBin(process.argv)).scriptName('sentiment'), { out: 'runs/sentiment' })
    .usage('$0 <command> [options]\n\nRecurrent sentence classifier (Embedding → RNN/GRU/LSTM → pooling → softmax) for SST-2, SST-5 and labelled TSV/CSV.')
    .command(trainCommand)
    .command(evalCommand)
    .command(predictCommand)
    .command(exportCommand)
    .command(inspectCommand)
    .command(downloadCommand)
    .demandCommand(1, 'give a command: train, eval, predict, export, inspect or download')
    .strict()
    .wrap(110)
    .fail(usageFailHandler)
    .help()
    .parseAsync(),
);
