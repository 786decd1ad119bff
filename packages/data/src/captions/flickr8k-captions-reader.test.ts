import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@recurrent/core';
import { collectRecords } from '../record-stream.js';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { readFlickr8kCaptions, readFlickr8kCaptionsString } from './flickr8k-captions-reader.js';
import { loadFlickr8kSplit } from './flickr8k-split.js';
import { readImageList } from './image-list-reader.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

const TOKENS = [
  'a.jpg#0\tA red kite over a beach .',
  'a.jpg#1\tSomeone flies a kite',
  'b.jpg#0\tTwo cats sleep on a sofa .',
  'c.jpg#0\tA man rides a bicycle .',
  '',
].join('\n');

async function error(run: () => Promise<unknown>): Promise<DataFormatError> {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DataFormatError);
  return e as DataFormatError;
}

describe('readFlickr8kCaptions', () => {
  it('yields image, k, caption and line for every caption, bytes unchanged', async () => {
    const stream = readFlickr8kCaptions(await tmp.write('tokens.txt', TOKENS));
    const all = (await collectRecords(stream)).records;
    expect(all[1]).toEqual({ image: 'a.jpg', index: 1, caption: 'Someone flies a kite', line: 2 });
    expect(all.map((c) => c.image)).toEqual(['a.jpg', 'a.jpg', 'b.jpg', 'c.jpg']);
    expect(stream.summary).toEqual({ lines: 4, captions: 4, images: 3, blankLines: 0, outsideSplit: 0 });
  });

  it('keeps one split and counts the captions outside it', async () => {
    const stream = readFlickr8kCaptions(await tmp.write('split.txt.gz', TOKENS), {
      images: new Set(['a.jpg', 'c.jpg']),
    });
    expect((await collectRecords(stream)).records.map((c) => c.line)).toEqual([1, 2, 4]);
    expect(stream.summary).toEqual({ lines: 4, captions: 3, images: 2, blankLines: 0, outsideSplit: 1 });
  });

  it('throws at the end of a line with no tab', async () => {
    const file = await tmp.write('notab.txt', 'a.jpg#0 A kite\n');
    const e = await error(() => collectRecords(readFlickr8kCaptions(file)));
    expect(e.location).toEqual({ file, line: 1, column: 15 });
    expect(e.detail).toMatch(/^expected "<image>#<k><TAB><caption>", found no tab/);
  });

  it('throws at column 1 for an id without #k and for a repeated id', async () => {
    const bad = await tmp.write('badid.txt', 'a.jpg#0\tok\na.jpg\tno index\n');
    expect((await error(() => collectRecords(readFlickr8kCaptions(bad)))).message).toBe(
      `${bad}:2:1: expected a caption id "<image>#<k>" with a number k, found "a.jpg"`,
    );
    const twice = await tmp.write('twice.txt', 'a.jpg#0\tone\na.jpg#0\tagain\n');
    expect((await error(() => collectRecords(readFlickr8kCaptions(twice)))).location).toEqual({
      file: twice,
      line: 2,
      column: 1,
    });
  });

  it('throws after the tab when the caption is empty', async () => {
    const file = await tmp.write('empty.txt', 'abc.jpg#3\t  \n');
    expect((await error(() => collectRecords(readFlickr8kCaptions(file)))).location).toEqual({
      file,
      line: 1,
      column: 11,
    });
  });
});

describe('readImageList', () => {
  it('reads names in order and counts blank lines', async () => {
    const list = await readImageList(await tmp.write('list.txt', 'b.jpg\r\n\r\na.jpg\r\n'));
    expect(list).toEqual({ images: ['b.jpg', 'a.jpg'], summary: { lines: 3, images: 2, blankLines: 1 } });
  });

  it('throws for whitespace inside a name and for a repeated name', async () => {
    const spaced = await tmp.write('spaced.txt', 'a.jpg\nb c.jpg\n');
    expect((await error(() => readImageList(spaced))).location).toEqual({ file: spaced, line: 2, column: 2 });
    const dup = await tmp.write('dup.txt', 'a.jpg\nb.jpg\na.jpg\n');
    expect((await error(() => readImageList(dup))).detail).toBe(
      'image a.jpg is listed twice (first at line 1)',
    );
  });
});

describe('loadFlickr8kSplit', () => {
  it('groups captions by listed image in #k order and counts images without captions', async () => {
    const tokens = await tmp.write('t.txt', 'a.jpg#1\tsecond\nb.jpg#0\tother\na.jpg#0\tfirst\n');
    const list = await tmp.write('l.txt', 'z.jpg\na.jpg\n');
    const split = await loadFlickr8kSplit(tokens, list);
    expect(split.images).toEqual(['z.jpg', 'a.jpg']);
    expect([...split.captions]).toEqual([
      ['z.jpg', []],
      ['a.jpg', ['first', 'second']],
    ]);
    expect(split.summary).toEqual({
      lines: 3,
      captions: 2,
      images: 1,
      blankLines: 0,
      outsideSplit: 1,
      listedImages: 2,
      imagesWithoutCaptions: 1,
    });
  });
});

describe('readFlickr8kCaptionsString', () => {
  it('reads captions from memory with the same checks', async () => {
    const { records, summary } = await collectRecords(
      readFlickr8kCaptionsString('x.jpg#0\tA dog .\r\nx.jpg#1\tA cat .\r\n', 'stdin'),
    );
    expect(records.map((r) => [r.image, r.index, r.caption])).toEqual([
      ['x.jpg', 0, 'A dog .'],
      ['x.jpg', 1, 'A cat .'],
    ]);
    expect(summary.images).toBe(1);
    await expect(collectRecords(readFlickr8kCaptionsString('x.jpg#z\tA dog .\n', 'stdin'))).rejects.toThrow(
      'stdin:1:1: expected a caption id',
    );
  });
});
