#!/usr/bin/env node
import { appMain } from '@recurrent/cli-kit';
import { downloadCommand } from './commands/download.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';

await appMain({
  name: 'translate',
  usage: 'Encoder-decoder translation (embedding → GRU/LSTM encoder → attention decoder), greedy/beam search, BLEU.',
  commands: [trainCommand, evalCommand, predictCommand, exportCommand, inspectCommand, downloadCommand],
});
