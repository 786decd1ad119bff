import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { loadTranslateBundle } from '../../translate-bundle.js';

interface InspectArgs extends CommonArgs {
  readonly model: string;
}

/** `translate inspect --model <bundle>`: config, vocabularies, layers, metrics as JSON. @example `yargs.command(inspectCommand)` */
export const inspectCommand: CommandModule<CommonArgs, InspectArgs> = {
  command: 'inspect',
  describe: 'print a bundle’s hyper-parameters, vocabulary sizes, layers and metrics as JSON',
  builder: (y: Argv<CommonArgs>) =>
    y.option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' }).example('$0 inspect --model runs/m30k', 'describe a trained model') as unknown as Argv<InspectArgs>,
  handler: async (argv: ArgumentsCamelCase<InspectArgs>) => {
    const logger = createCliLogger(argv);
    await setupBackend(argv, logger);
    const bundle = await loadTranslateBundle(argv.model, logger);
    try {
      const out = {
        dir: bundle.dir,
        config: bundle.config,
        vocab: { source: bundle.vocabs.source.size, target: bundle.vocabs.target.size },
        parameters: bundle.model.countParams(),
        layers: bundle.model.layers.map((l) => ({ name: l.name, className: l.getClassName(), parameters: l.countParams() })),
        metrics: bundle.metrics,
      };
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } finally {
      bundle.model.dispose();
    }
  },
};
