import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { loadSentimentBundle } from '../../sentiment-bundle.js';

interface InspectArgs extends CommonArgs {
  readonly model: string;
  readonly json: boolean;
}

/** `sentiment inspect --model <bundle> [--json]`. @example `yargs.command(inspectCommand)` */
export const inspectCommand: CommandModule<CommonArgs, InspectArgs> = {
  command: 'inspect',
  describe: 'show a bundle: labels, vocabulary, hyper-parameters, layers, metrics',
  builder: (y: Argv<CommonArgs>) =>
    y
      .option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' })
      .example('$0 inspect --model runs/sst2', 'describe the SST-2 model') as unknown as Argv<InspectArgs>,
  handler: async (argv: ArgumentsCamelCase<InspectArgs>) => {
    const logger = createCliLogger(argv);
    await setupBackend(argv, logger);
    const bundle = await loadSentimentBundle(argv.model, logger);
    try {
      const layers = bundle.model.layers.map((layer) => ({
        name: layer.name,
        className: layer.getClassName(),
        outputShape: layer.outputShape,
        parameters: layer.countParams(),
      }));
      const info = {
        model: bundle.dir,
        labels: bundle.labels,
        vocabularySize: bundle.vocab.size,
        parameters: bundle.model.countParams(),
        hyperParameters: bundle.hyperParameters,
        metrics: bundle.metrics,
        layers,
      };
      if (argv.json) {
        process.stdout.write(`${JSON.stringify(info)}\n`);
        return;
      }
      const lines = [
        `bundle      ${info.model}`,
        `labels      ${info.labels.join(', ')}`,
        `vocabulary  ${info.vocabularySize} words`,
        `parameters  ${info.parameters}`,
        `hyper-parameters ${JSON.stringify(info.hyperParameters)}`,
        `metrics     ${JSON.stringify(info.metrics)}`,
        'layers:',
        ...layers.map((l) => `  ${l.name.padEnd(20)} ${l.className.padEnd(18)} ${JSON.stringify(l.outputShape).padEnd(18)} ${l.parameters}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    } finally {
      bundle.model.dispose();
    }
  },
};
