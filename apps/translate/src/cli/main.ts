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
  commonOptions(yargs(hideBin(process.argv)).scriptName('translate'), { out: 'runs/translate' })
    .usage('$0 <command> [options]\n\nEncoder-decoder translation (embedding → GRU/LSTM encoder → attention decoder), greedy/beam search, BLEU.')
    .command(trainCommand)
    .command(evalCommand)
    .command(predictCommand)
    .command(exportCommand)
    .command(inspectCommand)
    .command(downloadCommand)
    .demandCommand(1, 'give a command: train, eval, predict, export, inspect or download')
    .strict()
    .fail(usageFailHandler)
    .help()
    .parseAsync(),
);
