import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConllColumns } from './conll/conll-reader.js';
import { CONLL_2003_COLUMNS } from './conll/conll-sentence.js';
import { convertTags, detectTagScheme } from './conll/tag-scheme.js';
import { tagsToSpans } from './conll/tag-spans.js';
import { loadConllu } from './conllu/conllu-reader.js';
import { loadLabelledSentences } from './sst/labelled-sentence-reader.js';
import { loadSstTrees } from './sst/sst-tree-reader.js';

// Every count below is copied from the README.md of the dataset folder.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DATASETS = resolve(repoRoot, '../shared/datasets');
const exists = existsSync(DATASETS);
const data = (...parts: string[]): string => join(DATASETS, ...parts);

describe('shared datasets', () => {
  it.skipIf(!exists)('UD English EWT: counts equal the README', async () => {
    const train = await loadConllu(data('ud_english_ewt', 'en_ewt-ud-train.conllu.gz'));
    expect(train.summary).toMatchObject({
      sentences: 12_544,
      words: 204_577,
      surfaceTokens: 201_962,
      multiwordTokens: 2_614,
      emptyNodes: 37,
      documents: 540,
    });
    const dev = await loadConllu(data('ud_english_ewt', 'en_ewt-ud-dev.conllu'));
    expect(dev.summary).toMatchObject({
      sentences: 2_001,
      words: 25_147,
      surfaceTokens: 24_787,
      multiwordTokens: 359,
      emptyNodes: 4,
      documents: 318,
    });
    expect(dev.sentences[0]?.text).toBe('From the AP comes this story :');
    expect(dev.sentences.every((s) => s.sentId !== undefined && s.text !== undefined)).toBe(true);
  });

  const conll: [string, number, number, number, Record<string, number>][] = [
    ['train.txt', 14_041, 203_621, 946, { PER: 6_600, LOC: 7_140, ORG: 6_321, MISC: 3_438 }],
    ['valid.txt', 3_250, 51_362, 216, { PER: 1_842, LOC: 1_837, ORG: 1_341, MISC: 922 }],
  ];
  it.skipIf(!exists).each(conll)(
    'CoNLL-2003 %s: counts and entities equal the README',
    async (file, sentences, tokens, documents, entities) => {
      const { sentences: read, summary } = await loadConllColumns(data('conll2003_en', file), {
        columns: CONLL_2003_COLUMNS,
        separator: 'space',
        tags: { ner: { scheme: 'IOB2' }, chunk: { scheme: 'IOB2' } },
      });
      expect(summary).toMatchObject({ sentences, tokens, documents, columnCount: 4 });
      const ner = read.map((s) => s.columns.ner as string[]);
      const found: Record<string, number> = {};
      for (const tags of ner)
        for (const span of tagsToSpans(tags, 'IOB2')) found[span.type] = (found[span.type] ?? 0) + 1;
      expect(found).toEqual(entities);
      expect(detectTagScheme(ner)).toBe('IOB2');
      const roundTrips = ner.every(
        (tags) =>
          JSON.stringify(convertTags(convertTags(tags, 'IOB2', 'IOB1'), 'IOB1', 'IOB2')) ===
            JSON.stringify(tags) &&
          JSON.stringify(convertTags(convertTags(tags, 'IOB2', 'IOBES'), 'IOBES', 'IOB2')) ===
            JSON.stringify(tags),
      );
      expect(roundTrips).toBe(true);
    },
  );

  const sst2: [string, number[], number][] = [
    ['stsa.binary.train', [3_310, 3_610], 133_555],
    ['stsa.binary.dev', [428, 444], 17_046],
  ];
  it.skipIf(!exists).each(sst2)('SST-2 %s: counts equal the README', async (file, labelCounts, tokens) => {
    const { summary } = await loadLabelledSentences(data('sst2', file), { labels: ['0', '1'] });
    expect(summary).toMatchObject({ sentences: labelCounts[0]! + labelCounts[1]!, labelCounts, tokens });
  });

  const sst5: [string, string, number[], number, number][] = [
    ['train', 'stsa.fine.train', [1_092, 2_218, 1_624, 2_322, 1_288], 163_563, 163_566],
    ['dev', 'stsa.fine.dev', [139, 289, 229, 279, 165], 21_274, 21_274],
  ];
  it.skipIf(!exists).each(sst5)(
    'SST-5 %s trees and flat file: counts equal the README',
    async (split, flat, roots, leaves, words) => {
      const trees = await loadSstTrees(data('sst5', 'trees', `${split}.txt`));
      const total = roots.reduce((a, b) => a + b, 0);
      expect(trees.summary).toMatchObject({
        trees: total,
        sentences: total,
        rootLabels: roots,
        tokens: leaves,
      });
      const fine = await loadLabelledSentences(data('sst5', flat));
      expect(fine.summary).toMatchObject({ sentences: total, labelCounts: roots, tokens: words });
    },
  );

  it.skipIf(!exists)('SST-2 equals the binarised SST-5 trees as (label, lowercased text) sets', async () => {
    for (const [split, flat] of [
      ['train', 'stsa.binary.train'],
      ['dev', 'stsa.binary.dev'],
    ] as const) {
      const trees = await loadSstTrees(data('sst5', 'trees', `${split}.txt`), { binary: true });
      const binary = await loadLabelledSentences(data('sst2', flat), { labels: ['0', '1'] });
      const fromTrees = new Set(trees.trees.map((t) => `${t.label} ${t.text.toLowerCase()}`));
      const fromFlat = new Set(binary.sentences.map((s) => `${s.label} ${s.text}`));
      expect(trees.summary.droppedNeutral).toBe(split === 'train' ? 1_624 : 229);
      expect(fromTrees).toEqual(fromFlat);
    }
  });
});
