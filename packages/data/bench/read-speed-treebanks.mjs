// Reading speed of the CoNLL-U, CoNLL column and SST readers on the real files in the shared
// datasets folder (bench/read-speed.mjs covers parallel text, captions and plain lines).
// Run after a build:
//   npx turbo run build --filter=@recurrent/data && node packages/data/bench/read-speed-treebanks.mjs
// Set RECURRENT_SHARED_DATASETS to read another copy, RUNS for the passes per file (default 7).
// Prints one line per file: records, best and median records/s; the readers stream (nothing kept).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CONLL_2003_COLUMNS,
  readConllColumns,
  readConllu,
  readLabelledSentences,
  readLabelledTable,
  readSstTrees,
} from '../dist/index.js';

const SHARED = process.env.RECURRENT_SHARED_DATASETS ?? '/work/shared/datasets';
const RUNS = Number(process.env.RUNS ?? 7);
const conll2003 = { columns: CONLL_2003_COLUMNS, separator: 'space' };

const CASES = [
  ['ud_english_ewt/en_ewt-ud-train.conllu.gz', '', (p) => readConllu(p)],
  ['ud_english_ewt/en_ewt-ud-dev.conllu', '', (p) => readConllu(p)],
  ['conll2003_en/train.txt', '', (p) => readConllColumns(p, conll2003)],
  [
    'conll2003_en/train.txt',
    ' (NER checked, IOB2→IOBES)',
    (p) => readConllColumns(p, { ...conll2003, tags: { ner: { scheme: 'IOB2', convertTo: 'IOBES' } } }),
  ],
  ['conll2003_en/valid.txt', '', (p) => readConllColumns(p, conll2003)],
  ['sst5/trees/train.txt', '', (p) => readSstTrees(p)],
  ['sst5/trees/dev.txt', '', (p) => readSstTrees(p)],
  ['sst5/stsa.fine.train', '', (p) => readLabelledSentences(p)],
  ['sst2/stsa.binary.train', '', (p) => readLabelledSentences(p, { labels: ['0', '1'] })],
  // No labelled TSV of ours is in the shared folder; tatoeba's `English<TAB>French` rows measure the papaparse path.
  [
    'tatoeba_fra_eng/fra.txt.gz',
    ' (as a TSV table via papaparse)',
    (p) => readLabelledTable(p, { text: 0, label: 1, header: false, delimiter: '\t', quoted: false }),
  ],
];

if (!existsSync(SHARED)) {
  console.log(`no datasets at ${SHARED}; set RECURRENT_SHARED_DATASETS`);
} else {
  console.log(`node ${process.version}, ${RUNS} passes per file, records/s best / median`);
  for (const [file, note, open] of CASES) {
    const path = join(SHARED, file);
    const rates = [];
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      count = 0;
      for await (const record of open(path)) if (record) count++;
      rates.push(count / ((performance.now() - start) / 1000));
    }
    rates.sort((a, b) => a - b);
    const best = Math.round(rates[rates.length - 1]).toLocaleString('en');
    const median = Math.round(rates[Math.floor(rates.length / 2)]).toLocaleString('en');
    console.log(
      `${(file + note).padEnd(56)} ${String(count).padStart(6)} records ${best.padStart(9)} / ${median.padStart(9)}`,
    );
  }
}
