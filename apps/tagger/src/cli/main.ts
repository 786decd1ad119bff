#!/usr/bin/env node
import { appMain } from '@recurrent/cli-kit';
import { downloadCommand } from './commands/download.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { predictCommand } from './commands/predict.js';
import { trainCommand } from './commands/train.js';

await appMain({
  name: 'tagger',
  usage: 'BiLSTM-CRF sequence labelling: POS tagging (CoNLL-U) and chunking/NER (CoNLL column files).',
  commands: [trainCommand, evalCommand, predictCommand, exportCommand, inspectCommand, downloadCommand],
  noCommand: 'name a command',
});
