import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadTaggedCorpus } from './data.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NER = { format: 'conll', column: 'ner', columns: ['text', 'pos', 'chunk', 'ner'], scheme: 'IOBES' } as const;

describe('loadTaggedCorpus', () => {
  it('detects IOB1 in the CoNLL-2003 sample and converts to IOBES for training and IOB2 for scoring', async () => {
    const corpus = await loadTaggedCorpus(`${ROOT}datasets/conll2003/sample/train.txt`, NER);
    expect(corpus.sourceScheme).toBe('IOB1');
    const first = corpus.sentences[0]!;
    expect(first.words.slice(0, 2)).toEqual(['VALLETTA', '1996-08-01']);
    expect(first.tags.slice(0, 2)).toEqual(['S-LOC', 'O']);
    expect(first.iob2!.slice(0, 2)).toEqual(['B-LOC', 'O']);
  });

  it('reads UPOS from CoNLL-U', async () => {
    const corpus = await loadTaggedCorpus(`${ROOT}datasets/ud-english-ewt/sample/dev.conllu`, { format: 'conllu', column: 'UPOS', columns: ['text'], scheme: 'none' });
    expect(corpus.sentences[0]!.words.slice(0, 3)).toEqual(['We', 'will', 'move']);
    expect(corpus.sentences[0]!.tags.slice(0, 3)).toEqual(['PRON', 'AUX', 'VERB']);
  });

  it('reports a bad tag with file:line:col', async () => {
    const text = 'EU NNP B-NP B-ORG\nrejects VBZ B-VP X-BAD\n';
    await expect(loadTaggedCorpus('bad.txt', NER, text)).rejects.toMatchObject({ code: 'DATA_FORMAT', message: expect.stringMatching(/^bad\.txt:2:4: /) });
  });
});
