import type { CommandModule } from 'yargs';
import { createCliLogger, explicitFlags, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { INPUT_FORMATS, OUTPUT_FORMATS, predictToFile, readPredictInput, type InputFormat, type OutputFormat } from '../../predict.js';
import { loadTagger } from '../../tagger-bundle.js';
import { dataOptions, type DataArgs } from '../data-options.js';
import { bundleDirOf, dataOptionsFor, type ModelArgs } from '../model-options.js';

interface PredictArgs extends ModelArgs, DataArgs {
  readonly input: string;
  readonly inputFormat: string;
  readonly output: string;
  readonly outputFormat: string | undefined;
}

const DEFAULT_OUTPUT: Readonly<Record<InputFormat, OutputFormat>> = { text: 'json', conllu: 'conllu', conll: 'conll' };

/**
 * `tagger predict`: tag raw text, CoNLL-U or a column file (or stdin); write CoNLL-U, columns or JSON lines.
 *
 * @example
 * yargs(args).command(predictCommand)
 */
export const predictCommand: CommandModule<CommonArgs, PredictArgs> = {
  command: 'predict',
  describe: 'tag text (one sentence per line, tokenised), CoNLL-U or a column file; - reads stdin / writes stdout',
  builder: (y) =>
    dataOptions(y, true)
      .option('model', { type: 'string', demandOption: true, describe: 'bundle directory (or a run directory holding bundle/)' })
      .option('input', { type: 'string', default: '-', describe: 'input file (- = stdin)' })
      .option('input-format', { type: 'string', choices: INPUT_FORMATS, default: 'text', describe: 'text, conllu or conll' })
      .option('output', { type: 'string', default: '-', describe: 'output file (- = stdout)' })
      .option('output-format', { type: 'string', choices: OUTPUT_FORMATS, defaultDescription: 'json for text, else the input format', describe: 'conllu, conll (prediction as last column) or json (lines)' })
      .example('echo "Mira flew to Paris ." | $0 predict --model runs/ner', 'JSON lines with IOB2 tags')
      .example('$0 predict --model runs/pos --input dev.conllu --input-format conllu --output dev.pred.conllu', 'CoNLL-U with predicted UPOS') as never,
  handler: async (argv) => {
    const logger = createCliLogger(argv);
    await setupBackend(argv, logger);
    const tagger = await loadTagger(bundleDirOf(argv.model));
    try {
      const inputFormat = argv.inputFormat as InputFormat;
      const input = await readPredictInput(argv.input, inputFormat, dataOptionsFor(tagger, explicitFlags(argv as unknown as Record<string, unknown>)));
      const format = (argv.outputFormat as OutputFormat | undefined) ?? DEFAULT_OUTPUT[inputFormat];
      const result = await predictToFile(tagger, input, format, argv.output);
      if (result.text !== null) await new Promise<void>((resolve) => process.stdout.write(result.text ?? '', () => resolve()));
      logger.info(`tagged ${result.sentences} sentences, ${result.tokens} tokens${argv.output === '-' ? '' : ` → ${argv.output}`}`);
    } finally {
      tagger.model.dispose();
    }
  },
};
