// `npm start`: the tagger quickstart on the bundled samples, as a new user would type it —
// train a BiLSTM-CRF POS tagger, evaluate it, export the bundle (checked against stock
// tf.loadLayersModel), and tag an example sentence. Runs in well under a minute.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tagger = join(root, 'apps', 'tagger', 'dist', 'cli', 'main.js');
const sample = join('datasets', 'ud-english-ewt', 'sample');
const run = join('runs', 'quickstart-pos');
const sentence = 'The quick brown fox jumped over the lazy dog near Boston .';

function step(title, args, input) {
  process.stderr.write(`\n== ${title}\n$ tagger ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [tagger, ...args], {
    cwd: root,
    stdio: [input === undefined ? 'inherit' : 'pipe', 'inherit', 'inherit'],
    input,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync(join(root, run), { recursive: true, force: true });
step('train a POS tagger on the UD English sample', [
  'train',
  '--train',
  join(sample, 'train.conllu'),
  '--dev',
  join(sample, 'dev.conllu'),
  '--epochs',
  '30',
  '--learning-rate',
  '0.01',
  '--batch-size',
  '8',
  '--patience',
  '3',
  '--out',
  run,
]);
step('evaluate the best model on the dev sample', [
  'eval',
  '--model',
  run,
  '--data',
  join(sample, 'dev.conllu'),
  '--out',
  join(run, 'eval-dev'),
]);
step('export the bundle and check stock tf.loadLayersModel tags identically', [
  'export',
  '--model',
  run,
  '--out',
  join(run, 'exported'),
]);
step(
  `tag: "${sentence}"`,
  ['predict', '--model', join(run, 'exported'), '--input-format', 'text', '--output-format', 'conll'],
  `${sentence}\n`,
);
process.stderr.write(`\nDone. Report: ${join(run, 'report.html')}; bundle: ${join(run, 'exported')}\n`);
