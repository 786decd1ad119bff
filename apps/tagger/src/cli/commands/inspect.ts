import type { CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { describeTagger } from '../../inspect.js';
import { loadTagger } from '../../tagger-bundle.js';
import { bundleDirOf, type ModelArgs } from '../model-options.js';

interface InspectArgs extends ModelArgs {
  readonly json: boolean;
}

/**
 * `tagger inspect`: what a bundle holds (config, labels, vocab sizes, layers, metrics, CRF transitions).
 *
 * @example
 * yargs(args).command(inspectCommand)
 */
export const inspectCommand: CommandModule<CommonArgs, InspectArgs> = {
  command: 'inspect',
  describe: 'show what a bundle holds: config, tags, vocabularies, layers, metrics, strongest CRF transitions',
  builder: (y) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'bundle directory (or a run directory holding bundle/)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' })
      .example('$0 inspect --model runs/ner', 'summary of the NER bundle') as never,
  handler: async (argv) => {
    const logger = createCliLogger(argv);
    await setupBackend(argv, logger);
    const dir = bundleDirOf(argv.model);
    const tagger = await loadTagger(dir);
    try {
      const summary = await describeTagger(tagger, dir);
      process.stdout.write(argv.json ? `${JSON.stringify(summary)}\n` : summary.text);
    } finally {
      tagger.model.dispose();
    }
  },
};
