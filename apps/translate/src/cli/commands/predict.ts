import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { RecurrentError } from '@recurrent/core';
import { loadTranslateBundle } from '../../translate-bundle.js';
import { translate } from '../../translator.js';
import { withSearchOptions, type SearchArgs } from './search-options.js';

interface PredictArgs extends CommonArgs, SearchArgs {
  readonly model: string;
  readonly input: string | undefined;
  readonly sentences: string[] | undefined;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `translate predict --model <bundle> [sentences…] [--input file] [--beam 5]`. @example `yargs.command(predictCommand)` */
export const predictCommand: CommandModule<CommonArgs, PredictArgs> = {
  command: 'predict [sentences..]',
  describe: 'translate sentences given as arguments, one per line of --input, or one per line of stdin',
  builder: (y: Argv<CommonArgs>) =>
    withSearchOptions(y)
      .positional('sentences', { type: 'string', array: true, describe: 'sentences to translate' })
      .option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' })
      .option('input', { type: 'string', default: undefined, describe: "file with one source sentence per line ('-' = stdin)" })
      .example('$0 predict --model runs/m30k "Zwei Hunde spielen im Schnee."', 'translate one sentence')
      .example('$0 predict --model runs/m30k --input val.de --beam 5 > val.hyp', 'translate a file') as unknown as Argv<PredictArgs>,
  handler: async (argv: ArgumentsCamelCase<PredictArgs>) => {
    const logger = createCliLogger(argv);
    let sentences = argv.sentences ?? [];
    if (sentences.length > 0 && argv.input !== undefined) throw new RecurrentError('USAGE', 'give sentences as arguments or --input, not both');
    if (sentences.length === 0) {
      const text = argv.input === undefined || argv.input === '-' ? await readStdin() : await readFile(argv.input, 'utf8');
      sentences = text.split(/\r?\n/);
      if (sentences[sentences.length - 1] === '') sentences.pop();
    }
    await setupBackend(argv, logger);
    const bundle = await loadTranslateBundle(argv.model, logger);
    try {
      const search = { beam: argv.beam, lengthPenalty: argv.lengthPenalty, alpha: argv.alpha, batchSize: argv.batchSize };
      const out = await translate(bundle, sentences, search);
      process.stdout.write(out.map((t) => `${t.text}\n`).join(''));
    } finally {
      bundle.model.dispose();
    }
  },
};
