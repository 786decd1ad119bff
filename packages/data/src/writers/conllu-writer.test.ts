import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConllu, loadConlluString } from '../conllu/conllu-reader.js';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { writeConllu } from './conllu-writer.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

const KEEP = { keepMultiwordTokens: true, keepEmptyNodes: true } as const;
const TEXT = [
  '# sent_id = t-1',
  "# text = We don't sail.",
  '1\tWe\twe\tPRON\tPRP\tCase=Nom|Number=Plur|Person=1|PronType=Prs\t4\tnsubj\t4:nsubj\t_',
  "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '2\tdo\tdo\tAUX\tVBP\tMood=Ind|Tense=Pres|VerbForm=Fin\t4\taux\t4:aux\t_',
  "3\tn't\tnot\tPART\tRB\tPolarity=Neg\t4\tadvmod\t4:advmod\t_",
  '4\tsail\tsail\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No',
  '4.1\tsail\tsail\tVERB\tVB\t_\t_\t_\t4:conj\tCopyOf=4',
  '5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_',
  '',
  '1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_',
  '',
  '',
].join('\n');

describe('writeConllu', () => {
  it('writes back exactly the text it read, ranges and empty nodes in place', async () => {
    const { sentences } = await loadConlluString(TEXT, 'mem.conllu', KEEP);
    const out = tmp.path('same.conllu');
    expect(await writeConllu(out, sentences)).toEqual({ path: out, records: 2 });
    expect(await readFile(out, 'utf8')).toBe(TEXT);
    expect((await loadConllu(out, KEEP)).sentences).toEqual(sentences);
  });

  it('replaces a field with predictions and reads them back', async () => {
    const { sentences } = await loadConlluString(TEXT, 'mem.conllu', KEEP);
    const values = [['PRON', 'VERB', 'ADV', 'VERB', 'PUNCT'], ['NOUN']];
    const out = tmp.path('upos.conllu');
    await writeConllu(out, sentences, { prediction: { field: 'UPOS', values } });
    const back = await loadConllu(out, KEEP);
    expect(back.sentences.map((s) => s.words.map((w) => w.upos))).toEqual(values);
    expect(back.sentences.map((s) => s.words.map((w) => w.xpos))).toEqual(
      sentences.map((s) => s.words.map((w) => w.xpos)),
    );
  });

  it('appends predictions to MISC as key=value', async () => {
    const { sentences } = await loadConlluString(TEXT, 'mem.conllu', KEEP);
    const out = tmp.path('misc.conllu');
    await writeConllu(out, sentences, {
      prediction: { miscKey: 'PredUPOS', values: [['A', 'B', 'C', 'D', 'E'], ['F']] },
    });
    const back = await loadConllu(out, KEEP);
    expect(back.sentences[0]?.words.map((w) => w.misc)).toEqual([
      'PredUPOS=A',
      'PredUPOS=B',
      'PredUPOS=C',
      'SpaceAfter=No|PredUPOS=D',
      'PredUPOS=E',
    ]);
  });

  it('refuses a prediction count that differs from the words and leaves no file behind', async () => {
    const { sentences } = await loadConlluString(TEXT, 'mem.conllu', KEEP);
    const out = tmp.path('bad.conllu');
    await expect(
      writeConllu(out, sentences, { prediction: { field: 'UPOS', values: [['X'], ['Y']] } }),
    ).rejects.toThrow(`${out}: sentence 1 (line 1) has 5 words but 1 predicted values`);
    expect(existsSync(out)).toBe(false);
    await expect(
      writeConllu(out, sentences, { prediction: { field: 'ID' as never, values: [] } }),
    ).rejects.toMatchObject({ code: 'CONFIG' });
    await expect(
      writeConllu(out, sentences, {
        prediction: { field: 'UPOS', values: [['A', 'B', 'C\tD', 'E', 'F'], ['G']] },
      }),
    ).rejects.toThrow(/sentence 1 word 3 must be a non-empty string without tabs/);
  });

  const dev = `${process.env['RECURRENT_SHARED_DATASETS'] ?? '/work/shared/datasets'}/ud_english_ewt/en_ewt-ud-dev.conllu`;
  it.runIf(existsSync(dev))('round-trips UD English EWT dev byte for byte', async () => {
    const { sentences, summary } = await loadConllu(dev, KEEP);
    const out = tmp.path('ewt-dev.conllu');
    await writeConllu(out, sentences);
    expect(summary.sentences).toBe(2001);
    expect(await readFile(out, 'utf8')).toBe(await readFile(dev, 'utf8'));
  });
});
