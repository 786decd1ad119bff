import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { RecurrentError } from '@recurrent/core';
import { evaluateFile } from '../../evaluate-file.js';
import { classifySentences, type SentimentPrediction } from '../../predict.js';
import { loadSentimentBundle } from '../../sentiment-bundle.js';
import { dataOverrides, withDataOptions, type DataArgs } from '../data-options.js';

interface PredictArgs extends CommonArgs, DataArgs {
  readonly model: string;
  readonly sentences: string[] | undefined;
  readonly input: string | undefined;
  readonly data: string | undefined;
  readonly json: boolean;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const nonBlankLines = (text: string): string[] => text.split(/\r?\n/).filter((line) => line.trim() !== '');

function formatLine(p: SentimentPrediction): string {
  const probs = Object.entries(p.probabilities).map(([label, value]) => `${label}=${value.toFixed(4)}`).join(' ');
  return `${p.label}\t${probs}\t${p.text}`;
}

/** `sentiment predict --model <bundle> [sentences..] | --input <file|-> | --data <labelled file>`. @example `yargs.command(predictCommand)` */
export const predictCommand: CommandModule<CommonArgs, PredictArgs> = {
  command: 'predict [sentences..]',
  describe: 'label and class probabilities of sentences (arguments, --input file, stdin, or a labelled --data file)',
  builder: (y: Argv<CommonArgs>) =>
    withDataOptions(y)
      .positional('sentences', { type: 'string', array: true, describe: 'sentences to classify' })
      .option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' })
      .option('input', { type: 'string', default: undefined, defaultDescription: 'stdin when no sentences are given', describe: "raw text file, one sentence per line ('-' = stdin)" })
      .option('data', { type: 'string', default: undefined, defaultDescription: 'none', describe: 'labelled file (read like eval); output adds gold labels' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' })
      .example('$0 predict --model runs/sst2 "A warm, generous film."', 'classify one sentence')
      .example('echo "A tedious mess." | $0 predict --model runs/sst2 --json', 'from stdin, as JSON') as unknown as Argv<PredictArgs>,
  handler: async (argv: ArgumentsCamelCase<PredictArgs>) => {
    const logger = createCliLogger(argv);
    const given = [argv.sentences !== undefined && argv.sentences.length > 0, argv.input !== undefined, argv.data !== undefined].filter(Boolean).length;
    if (given > 1) throw new RecurrentError('USAGE', 'give sentences as arguments, --input or --data, not several');
    const backend = await setupBackend(argv, logger);
    const bundle = await loadSentimentBundle(argv.model, logger);
    try {
      let predictions: readonly (SentimentPrediction & { gold?: string; line?: number })[];
      if (argv.data !== undefined) {
        predictions = (await evaluateFile(bundle, argv.data, dataOverrides(argv))).predictions;
      } else {
        const sentences =
          argv.sentences !== undefined && argv.sentences.length > 0
            ? argv.sentences.map(String)
            : nonBlankLines(argv.input === undefined || argv.input === '-' ? await readStdin() : await readFile(argv.input, 'utf8'));
        if (sentences.length === 0) throw new RecurrentError('USAGE', 'no sentences to classify: give them as arguments, --input <file> or on stdin');
        predictions = await classifySentences(bundle, sentences);
      }
      if (argv.json) {
        process.stdout.write(`${JSON.stringify({ model: bundle.dir, backend: backend.name, labels: bundle.labels, predictions })}\n`);
      } else {
        process.stdout.write(`${predictions.map(formatLine).join('\n')}\n`);
      }
    } finally {
      bundle.model.dispose();
    }
  },
};
