import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { writeFile } from 'node:fs/promises';
import { evaluateFile } from '../../evaluate-file.js';
import { renderEvalReport } from '../../eval-report.js';
import { formatConfusion } from '../../format-confusion.js';
import { loadSentimentBundle } from '../../sentiment-bundle.js';
import { dataOverrides, withDataOptions, type DataArgs } from '../data-options.js';

interface EvalArgs extends CommonArgs, DataArgs {
  readonly model: string;
  readonly data: string;
  readonly json: boolean;
  readonly report: string | undefined;
}

/** `sentiment eval --model <bundle> --data <file> [--json]`. @example `yargs.command(evalCommand)` */
export const evalCommand: CommandModule<CommonArgs, EvalArgs> = {
  command: 'eval',
  describe: 'accuracy, macro-F1 and confusion matrix of a bundle on a labelled file',
  builder: (y: Argv<CommonArgs>) =>
    withDataOptions(y)
      .option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' })
      .option('data', { type: 'string', demandOption: true, describe: 'labelled file to score' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' })
      .option('report', { type: 'string', default: undefined, defaultDescription: 'none', describe: 'also write an HTML page with the confusion-matrix heatmap here' })
      .example('$0 eval --model runs/sst2 --data /work/shared/datasets/sst2/stsa.binary.dev --json', 'score SST-2 dev') as unknown as Argv<EvalArgs>,
  handler: async (argv: ArgumentsCamelCase<EvalArgs>) => {
    const logger = createCliLogger(argv);
    const backend = await setupBackend(argv, logger);
    const bundle = await loadSentimentBundle(argv.model, logger);
    try {
      const { scores } = await evaluateFile(bundle, argv.data, dataOverrides(argv));
      if (argv.report !== undefined) {
        await writeFile(argv.report, renderEvalReport(argv.data, bundle.dir, scores));
        logger.info(`report: ${argv.report}`);
      }
      if (argv.json) {
        const out = { file: argv.data, model: bundle.dir, backend: backend.name, examples: scores.examples, accuracy: scores.accuracy, macroF1: scores.macroF1, confusion: scores.confusion };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      process.stdout.write(
        `${argv.data}: ${scores.examples} sentences\naccuracy ${(100 * scores.accuracy).toFixed(2)}%\nmacro-F1 ${(100 * scores.macroF1).toFixed(2)}%\n` +
          `${formatConfusion(scores.confusion)}\n`,
      );
    } finally {
      bundle.model.dispose();
    }
  },
};
