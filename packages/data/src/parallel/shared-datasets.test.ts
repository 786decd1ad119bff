import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFlickr8kSplit } from '../captions/flickr8k-split.js';
import { readAlignedPairs } from './aligned-pairs-reader.js';
import { readTsvPairs } from './tsv-pairs-reader.js';

// The real train/dev files of the project live outside the repository; the counts below are the
// ones their READMEs state (multi30k_de_en, tatoeba_fra_eng, flickr8k_captions).
// They sit beside the repository, as on CI: <repo>/../shared/datasets.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const SHARED = process.env['RECURRENT_SHARED_DATASETS'] ?? resolve(repoRoot, '../shared/datasets');

const words = (text: string): number => text.split(/\s+/).filter((w) => w !== '').length;

describe.runIf(existsSync(SHARED))('shared datasets (counts from their READMEs)', () => {
  it.each([
    ['train', 29_000, 345_020, 322_383],
    ['val', 1_014, 12_167, 11_568],
  ])(
    'multi30k %s has %i aligned pairs and the README token counts',
    async (split, pairs, enWords, deWords) => {
      const dir = join(SHARED, 'multi30k_de_en');
      const stream = readAlignedPairs(join(dir, `${split}.de.gz`), join(dir, `${split}.en.gz`));
      let en = 0;
      let de = 0;
      for await (const pair of stream) {
        de += words(pair.source);
        en += words(pair.target);
      }
      expect(stream.summary).toEqual({ lines: pairs, pairs, blankLines: 0, skippedEmptySide: 0 });
      expect([en, de]).toEqual([enWords, deWords]);
    },
  );

  it('tatoeba eng-fra has 167,130 pairs and 116,830 distinct English sentences', async () => {
    const stream = readTsvPairs(join(SHARED, 'tatoeba_fra_eng', 'fra.txt.gz'));
    const english = new Set<string>();
    let first = '';
    for await (const pair of stream) {
      if (pair.line === 1) first = `${pair.source}\t${pair.target}`;
      english.add(pair.source);
    }
    expect(stream.summary).toEqual({ lines: 167_130, pairs: 167_130, blankLines: 0, skippedEmptySide: 0 });
    expect(english.size).toBe(116_830);
    expect(first).toBe('Go.\tVa !');
  });

  it.each([
    ['train', 'Flickr_8k.trainImages.txt', 6_000, 30_000],
    ['dev', 'Flickr_8k.devImages.txt', 1_000, 5_000],
  ])('flickr8k %s has %i images with 5 captions each', async (split, list, images, captions) => {
    const dir = join(SHARED, 'flickr8k_captions');
    const data = await loadFlickr8kSplit(join(dir, `captions.${split}.txt`), join(dir, list));
    expect(data.summary).toEqual({
      lines: captions,
      captions,
      images,
      blankLines: 0,
      outsideSplit: 0,
      listedImages: images,
      imagesWithoutCaptions: 0,
    });
    expect([...data.captions.values()].every((c) => c.length === 5)).toBe(true);
  });
});
