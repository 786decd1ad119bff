import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { createCliLogger, explicitFlags, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { loadTaggedCorpus } from '../../data.js';
import { evaluateTagger, formatEvaluation } from '../../evaluate.js';
import { formatConfusionTable } from '../../confusion-table.js';
import { loadTagger } from '../../tagger-bundle.js';
import { dataOptions, type DataArgs } from '../data-options.js';
import { bundleDirOf, dataOptionsFor, type ModelArgs } from '../model-options.js';

interface EvalArgs extends ModelArgs, DataArgs {
  readonly data: string;
  readonly json: boolean;
}

/**
 * `tagger eval`: score a bundle on a tagged file; report (with confusion matrix) in `<out>`.
 *
 * @example
 * yargs(args).command(evalCommand)
 */
export const evalCommand: CommandModule<CommonArgs, EvalArgs> = {
  command: 'eval',
  describe: 'score a model: accuracy (POS) or conlleval P/R/F1 per type (chunk/NER); writes <out>/eval-report.txt and eval.json',
  builder: (y) =>
    dataOptions(y, true)
      .option('model', { type: 'string', demandOption: true, describe: 'bundle directory (or a run directory holding bundle/)' })
      .option('data', { type: 'string', demandOption: true, describe: 'tagged file to score (- = stdin)' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object with the metrics on stdout' })
      .example('$0 eval --model runs/ner --data valid.txt --json', 'conlleval scores as JSON') as never,
  handler: async (argv) => {
    const logger = createCliLogger(argv);
    const backend = await setupBackend(argv, logger);
    const tagger = await loadTagger(bundleDirOf(argv.model));
    try {
      const options = dataOptionsFor(tagger, explicitFlags(argv as unknown as Record<string, unknown>));
      const corpus = await loadTaggedCorpus(argv.data, options);
      const evaluation = await evaluateTagger(tagger, corpus);
      const report = `${formatEvaluation(evaluation)}\n\nconfusion matrix (rows gold, columns predicted)\n${formatConfusionTable(evaluation.confusion)}`;
      await mkdir(argv.out, { recursive: true });
      const summary = {
        data: argv.data,
        sentences: corpus.sentences.length,
        tokens: evaluation.tokens,
        metrics: evaluation.metrics,
        perType: evaluation.conlleval?.perType ?? null,
        backend: backend.name,
      };
      await writeFile(join(argv.out, 'eval.json'), `${JSON.stringify({ ...summary, confusion: evaluation.confusion }, null, 2)}\n`);
      await writeFile(join(argv.out, 'eval-report.txt'), report);
      if (argv.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else process.stdout.write(`${formatEvaluation(evaluation).trimEnd()}\n`);
      logger.info(`report with confusion matrix: ${join(argv.out, 'eval-report.txt')}`);
    } finally {
      tagger.model.dispose();
    }
  },
};
