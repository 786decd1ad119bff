// Reading speed of the @recurrent/data readers on the real files in the shared datasets folder.
// Plain node on the built package: `npx turbo run build --filter=@recurrent/data && node packages/data/bench/read-speed.mjs`
// Set RECURRENT_SHARED_DATASETS to read another copy. Prints one line per entry and a JSON summary.
// To add a reader, append an entry to ENTRIES: { name, folder, files, read(paths) → counts object }.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import {
  collectRecords,
  loadFlickr8kSplit,
  readAlignedPairs,
  readLines,
  readTsvPairs,
} from '../dist/index.js';

const SHARED = process.env.RECURRENT_SHARED_DATASETS ?? '/work/shared/datasets';

/** Each entry reads `files` (relative to SHARED/folder) and returns the counts it reports. */
export const ENTRIES = [
  ...['train', 'val'].map((split) => ({
    name: `multi30k ${split}`,
    folder: 'multi30k_de_en',
    files: [`${split}.de.gz`, `${split}.en.gz`],
    read: async ([de, en]) => (await collectRecords(readAlignedPairs(de, en))).summary,
  })),
  {
    name: 'tatoeba eng-fra',
    folder: 'tatoeba_fra_eng',
    files: ['fra.txt.gz'],
    read: async ([file]) => (await collectRecords(readTsvPairs(file))).summary,
  },
  ...[
    ['train', 'Flickr_8k.trainImages.txt'],
    ['dev', 'Flickr_8k.devImages.txt'],
  ].map(([split, list]) => ({
    name: `flickr8k ${split}`,
    folder: 'flickr8k_captions',
    files: [`captions.${split}.txt`, list],
    read: async ([captions, images]) => {
      const { summary } = await loadFlickr8kSplit(captions, images);
      return { images: summary.images, captions: summary.captions, outsideSplit: summary.outsideSplit };
    },
  })),
  {
    name: 'tiny-shakespeare (lines)',
    folder: 'tiny_shakespeare',
    files: ['input.txt'],
    read: async ([file]) => {
      let lines = 0;
      let chars = 0;
      for await (const { text } of readLines(file)) {
        lines++;
        chars += text.length + 1;
      }
      return { lines, chars };
    },
  },
  // CoNLL-U (ud_english_ewt), CoNLL columns (conll2003_en) and SST (sst2, sst5) entries go here.
];

const results = [];
for (const entry of ENTRIES) {
  const paths = entry.files.map((f) => join(SHARED, entry.folder, f));
  if (!existsSync(join(SHARED, entry.folder)) || !paths.every((p) => existsSync(p))) {
    console.log(`${entry.name.padEnd(26)} absent (${join(SHARED, entry.folder)})`);
    results.push({ name: entry.name, absent: true });
    continue;
  }
  let bytes = 0;
  let textBytes = 0;
  for (const p of paths) {
    bytes += (await stat(p)).size;
    textBytes += p.endsWith('.gz') ? gunzipSync(await readFile(p)).length : (await stat(p)).size;
  }
  await entry.read(paths); // warm-up: JIT and page cache
  const runs = [];
  let counts;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    counts = await entry.read(paths);
    runs.push(performance.now() - start);
  }
  const ms = runs.sort((a, b) => a - b)[1];
  const mbPerS = textBytes / 1e6 / (ms / 1000);
  console.log(
    `${entry.name.padEnd(26)} ${JSON.stringify(counts)}  ${ms.toFixed(0)} ms (median of 3), ${mbPerS.toFixed(1)} MB/s of text`,
  );
  results.push({
    name: entry.name,
    counts,
    ms: Math.round(ms),
    bytesOnDisk: bytes,
    textBytes,
    mbPerS: Number(mbPerS.toFixed(1)),
  });
}
console.log(JSON.stringify({ bench: 'data/read-speed', node: process.version, results }));
