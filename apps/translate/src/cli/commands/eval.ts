import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createCliLogger, setupBackend, type CommonArgs } from '@recurrent/cli-kit';
import { formatBleu } from '@recurrent/metrics';
import { readPairs } from '../../data.js';
import { evaluateBleu } from '../../evaluate.js';
import { loadTranslateBundle } from '../../translate-bundle.js';
import { pairFileOptions, withDataOptions, type DataArgs } from '../data-options.js';
import { withSearchOptions, type SearchArgs } from './search-options.js';

interface EvalArgs extends CommonArgs, DataArgs, SearchArgs {
  readonly model: string;
  readonly data: string;
  readonly json: boolean;
  readonly perSentence: boolean;
}

/** `translate eval --model <bundle> --data <pairs> [--beam 5] [--json]`. @example `yargs.command(evalCommand)` */
export const evalCommand: CommandModule<CommonArgs, EvalArgs> = {
  command: 'eval',
  describe: 'corpus BLEU (sacreBLEU-compatible, with its signature) of a bundle on sentence pairs',
  builder: (y: Argv<CommonArgs>) =>
    withSearchOptions(withDataOptions(y))
      .option('model', { type: 'string', demandOption: true, describe: 'bundle folder (or a run folder holding bundle/)' })
      .option('data', { type: 'string', demandOption: true, describe: 'pairs to score: TSV file or prefix of aligned files' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object on stdout' })
      .option('per-sentence', { type: 'boolean', default: false, describe: 'also print each output with its sentence BLEU' })
      .example('$0 eval --model runs/m30k --data /work/shared/datasets/multi30k_de_en/val --beam 5', 'Multi30k val BLEU') as unknown as Argv<EvalArgs>,
  handler: async (argv: ArgumentsCamelCase<EvalArgs>) => {
    const logger = createCliLogger(argv);
    const backend = await setupBackend(argv, logger);
    const bundle = await loadTranslateBundle(argv.model, logger);
    try {
      const pairs = await readPairs(argv.data, pairFileOptions(argv));
      const search = { beam: argv.beam, lengthPenalty: argv.lengthPenalty, alpha: argv.alpha, batchSize: argv.batchSize };
      const { bleu, translations, sentenceScores } = await evaluateBleu(bundle, pairs, search);
      if (argv.json) {
        const out = {
          file: argv.data,
          model: bundle.dir,
          backend: backend.name,
          sentences: pairs.length,
          beam: argv.beam,
          bleu: bleu.score,
          signature: bleu.signature,
          bp: bleu.bp,
          precisions: bleu.precisions,
          ...(argv.perSentence ? { outputs: translations.map((t, i) => ({ line: pairs[i]?.line, output: t.text, bleu: sentenceScores[i] })) } : {}),
        };
        process.stdout.write(`${JSON.stringify(out)}\n`);
        return;
      }
      if (argv.perSentence) {
        translations.forEach((t, i) => process.stdout.write(`${pairs[i]?.line}\t${(sentenceScores[i] ?? 0).toFixed(2)}\t${t.text}\n`));
      }
      process.stdout.write(`${argv.data}: ${pairs.length} sentences, beam ${argv.beam}\n${formatBleu(bleu, { withSignature: true })}\n`);
    } finally {
      bundle.model.dispose();
    }
  },
};
