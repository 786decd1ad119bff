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

await runCli(async () => {
  await commonOptions(yargs(hideBin(process.argv)).scriptName('tagger'), { out: 'runs/tagger' })
    .usage('$0 <command> [options]\n\nBiLSTM-CRF sequence labelling: POS tagging (CoNLL-U) and chunking/NER (CoNLL column files).')
    .command(trainCommand)
    .command(evalCommand)
    .command(predictCommand)
    .command(exportCommand)
    .command(inspectCommand)
    .command(downloadCommand)
    .demandCommand(1, 'name a command: train, eval, predict, export, inspect or download')
    .strict()
    .fail(usageFailHandler)
    .help()
    .parseAsync();
});
