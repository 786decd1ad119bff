#!/usr/bin/env node
import { appMain } from '@recurrent/cli-kit';
import { downloadCommand } from './commands/download.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';

await appMain({
  name: 'sentiment',
  usage: 'Recurrent sentence classifier (Embedding → RNN/GRU/LSTM → pooling → softmax) for SST-2, SST-5 and labelled TSV/CSV.',
  commands: [trainCommand, evalCommand, predictCommand, exportCommand, inspectCommand, downloadCommand],
  wrap: 110,
});
