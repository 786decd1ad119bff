#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import {
  commonOptions,
  createAbortOnSignal,
  createCliLogger,
  resolveConfig,
  runCli,
  setupBackend,
  usageFailHandler,
} from '@recurrent/cli-kit';
import { DEFAULT_QUICKSTART_CONFIG, resolveQuickstartConfig, CELLS } from '../quickstart-config.js';
import { runQuickstart } from '../run-quickstart.js';

await runCli(async () => {
  const argv = await commonOptions(yargs(hideBin(process.argv)).scriptName('quickstart'), { out: 'runs/quickstart' })
    .usage('$0 [options]\n\nTrains Embedding → LSTM → Dense to tell whether a random sequence holds more a than b.')
    .option('epochs', { type: 'number', default: DEFAULT_QUICKSTART_CONFIG.epochs, describe: 'passes over the training data' })
    .option('cell', { type: 'string', choices: CELLS, default: DEFAULT_QUICKSTART_CONFIG.cell, describe: 'recurrent cell' })
    .option('hidden', { type: 'number', default: DEFAULT_QUICKSTART_CONFIG.hidden, describe: 'recurrent units' })
    .option('resume', { type: 'boolean', default: false, describe: 'continue from the latest checkpoint in --out' })
    .option('overwrite', { type: 'boolean', default: false, describe: 'delete an earlier run in --out first' })
    .check((args) => !(args.resume && args.overwrite) || '--resume and --overwrite cannot be used together')
    .example('$0 --epochs 4 --cell gru', 'train a GRU for 4 epochs')
    .strict()
    .fail(usageFailHandler)
    .help()
    .parseAsync();
  const logger = createCliLogger(argv);
  const config = await resolveConfig({
    defaults: DEFAULT_QUICKSTART_CONFIG,
    configFile: argv.config,
    flags: { epochs: argv.epochs, cell: argv.cell, hidden: argv.hidden, seed: argv.seed },
    resolve: resolveQuickstartConfig,
    logger,
  });
  if (argv.overwrite && existsSync(argv.out)) {
    logger.info(`overwrite: removing the earlier run in ${argv.out}`);
    await rm(argv.out, { recursive: true, force: true });
  }
  await setupBackend(argv, logger);
  const abort = createAbortOnSignal();
  const result = await runQuickstart(config, {
    runDir: argv.out,
    logger,
    signal: abort.signal,
    resume: argv.resume,
    progress: argv.quiet ? 'quiet' : 'auto',
  });
  abort.dispose();
  logger.info(result.train.message);
  logger.info(
    `dev accuracy ${(100 * result.devAccuracy).toFixed(1)}% (bundle reloaded from ${result.bundleDir}: ${(100 * result.bundleAccuracy).toFixed(1)}%)`,
  );
  logger.info(`report: ${argv.out}/report.html`);
});
