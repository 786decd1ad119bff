import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadFlickr8kSplit } from '../captions/flickr8k-split.js';
import { readFlickr8kCaptions } from '../captions/flickr8k-captions-reader.js';
import { loadConllColumns } from '../conll/conll-reader.js';
import { CONLL_2003_COLUMNS } from '../conll/conll-sentence.js';
import { loadConllu } from '../conllu/conllu-reader.js';
import { readLines } from '../line-reader.js';
import { readAlignedPairs } from '../parallel/aligned-pairs-reader.js';
import { readTsvPairs } from '../parallel/tsv-pairs-reader.js';
import { collectRecords } from '../record-stream.js';
import { loadLabelledSentences } from '../sst/labelled-sentence-reader.js';
import { readSstTrees } from '../sst/sst-tree-reader.js';

// Every file under datasets/*/sample/ must parse with its reader; the counts are those the
// datasets/<name>/README.md files state.
const DATASETS = fileURLToPath(new URL('../../../../datasets/', import.meta.url));
const at = (path: string): string => `${DATASETS}${path}`;
const SHARED = process.env['RECURRENT_SHARED_DATASETS'] ?? '/work/shared/datasets';

describe('datasets/*/sample', () => {
  it.each([
    ['train', 48, 400, 7, 5],
    ['dev', 16, 118, 6, 2],
  ])(
    'ud-english-ewt %s.conllu: %i sentences, %i words, %i multiword tokens, %i documents',
    async (split, sentences, words, mwt, docs) => {
      const { summary } = await loadConllu(at(`ud-english-ewt/sample/${split}.conllu`), {
        keepMultiwordTokens: true,
      });
      expect([summary.sentences, summary.words, summary.multiwordTokens, summary.documents]).toEqual([
        sentences,
        words,
        mwt,
        docs,
      ]);
    },
  );

  it.each([
    ['train', 44, 412, 6],
    ['dev', 17, 158, 3],
  ])(
    'conll2003 %s.txt: %i sentences, %i tokens, %i documents, valid IOB1 with all four types',
    async (split, sentences, tokens, docs) => {
      const { sentences: all, summary } = await loadConllColumns(at(`conll2003/sample/${split}.txt`), {
        columns: CONLL_2003_COLUMNS,
        separator: 'space',
        tags: { ner: { scheme: 'IOB1' }, chunk: { scheme: 'IOB1' } },
      });
      expect([summary.sentences, summary.tokens, summary.documents]).toEqual([sentences, tokens, docs]);
      const types = new Set(
        all.flatMap((s) => (s.columns['ner'] ?? []).filter((t) => t !== 'O').map((t) => t.slice(2))),
      );
      expect([...types].sort()).toEqual(['LOC', 'MISC', 'ORG', 'PER']);
    },
  );

  it('sst flat files and trees have the README label counts', async () => {
    const fine = await loadLabelledSentences(at('sst/sample/stsa.fine.train'));
    expect(fine.summary.labelCounts).toEqual([5, 7, 6, 7, 5]);
    expect((await loadLabelledSentences(at('sst/sample/stsa.fine.dev'))).summary.labelCounts).toEqual([
      1, 2, 2, 2, 1,
    ]);
    expect(
      (await loadLabelledSentences(at('sst/sample/stsa.binary.train'), { labels: ['0', '1'] })).summary
        .labelCounts,
    ).toEqual([12, 12]);
    expect(
      (await loadLabelledSentences(at('sst/sample/stsa.binary.dev'), { labels: ['0', '1'] })).summary
        .labelCounts,
    ).toEqual([3, 3]);
    const train = await collectRecords(readSstTrees(at('sst/sample/trees/train.txt')));
    expect([train.summary.trees, ...train.summary.rootLabels]).toEqual([12, 2, 3, 2, 3, 2]);
    const dev = await collectRecords(readSstTrees(at('sst/sample/trees/dev.txt')));
    expect([dev.summary.trees, ...dev.summary.rootLabels]).toEqual([5, 1, 1, 1, 1, 1]);
  });

  it.each([
    ['train', 54],
    ['val', 12],
  ])('multi30k %s.{de,en}: %i aligned pairs', async (split, pairs) => {
    const stream = readAlignedPairs(at(`multi30k/sample/${split}.de`), at(`multi30k/sample/${split}.en`));
    await collectRecords(stream);
    expect(stream.summary).toEqual({ lines: pairs, pairs, blankLines: 0, skippedEmptySide: 0 });
  });

  it('tatoeba eng-fra.tsv: 40 pairs with an attribution column', async () => {
    const { records, summary } = await collectRecords(readTsvPairs(at('tatoeba/sample/eng-fra.tsv')));
    expect(summary.pairs).toBe(40);
    expect(records.every((p) => p.extra.length === 1)).toBe(true);
  });

  it('flickr8k: 12 images x 5 captions, split 8 / 2 / 2', async () => {
    const dir = at('flickr8k/sample/');
    const all = readFlickr8kCaptions(`${dir}Flickr8k.token.txt`);
    await collectRecords(all);
    expect([all.summary.captions, all.summary.images]).toEqual([60, 12]);
    for (const [list, images] of [
      ['trainImages', 8],
      ['devImages', 2],
      ['testImages', 2],
    ] as const) {
      const split = await loadFlickr8kSplit(`${dir}Flickr8k.token.txt`, `${dir}Flickr_8k.${list}.txt`);
      expect([
        split.summary.listedImages,
        split.summary.captions,
        split.summary.imagesWithoutCaptions,
      ]).toEqual([images, images * 5, 0]);
    }
  });

  it('tiny-shakespeare input.txt: 99 lines of speeches with speaker lines', async () => {
    let lines = 0;
    let speakers = 0;
    for await (const { text } of readLines(at('tiny-shakespeare/sample/input.txt'))) {
      lines++;
      if (/^[A-Z][A-Za-z' ]*:$/.test(text)) speakers++;
    }
    expect([lines, speakers]).toEqual([99, 20]);
  });

  it.runIf(existsSync(SHARED))(
    'shares no line with the real datasets (written for this project)',
    async () => {
      const lines = async (path: string): Promise<string[]> => {
        const bytes = await readFile(path);
        return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes)
          .toString('utf8')
          .split('\n')
          .filter((l) => l !== '');
      };
      const overlap = async (sample: string[], real: string[]): Promise<string[]> => {
        const set = new Set(real);
        return sample.filter((l) => set.has(l));
      };
      const m30k = await lines(`${SHARED}/multi30k_de_en/train.en.gz`);
      expect(await overlap(await lines(at('multi30k/sample/train.en')), m30k)).toEqual([]);
      const fra = (await lines(`${SHARED}/tatoeba_fra_eng/fra.txt.gz`)).map((l) => l.split('\t')[0]);
      expect(
        await overlap(
          (await lines(at('tatoeba/sample/eng-fra.tsv'))).map((l) => l.split('\t')[0] as string),
          fra as string[],
        ),
      ).toEqual([]);
      const captions = (await lines(`${SHARED}/flickr8k_captions/captions.train.txt`)).map(
        (l) => l.split('\t')[1] as string,
      );
      expect(
        await overlap(
          (await lines(at('flickr8k/sample/Flickr8k.token.txt'))).map((l) => l.split('\t')[1] as string),
          captions,
        ),
      ).toEqual([]);
      expect(
        await overlap(
          await lines(at('sst/sample/stsa.fine.train')),
          await lines(`${SHARED}/sst5/stsa.fine.train`),
        ),
      ).toEqual([]);
      const text = (path: string) => lines(path).then((all) => all.filter((l) => l.startsWith('# text = ')));
      expect(
        await overlap(
          await text(at('ud-english-ewt/sample/train.conllu')),
          await text(`${SHARED}/ud_english_ewt/en_ewt-ud-train.conllu.gz`),
        ),
      ).toEqual([]);
    },
  );
});
