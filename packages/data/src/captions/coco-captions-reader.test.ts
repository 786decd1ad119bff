import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFormatError } from '@recurrent/core';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { readCocoCaptions } from './coco-captions-reader.js';
import { JsonLocator, formatJsonPath } from './json-locator.js';

let tmp: TmpDir;
beforeAll(async () => {
  tmp = await makeTmpDir();
});
afterAll(() => tmp.cleanup());

// Inline rather than a .json fixture: the expected lines and columns depend on this exact layout,
// which a formatter run over the repository would rewrite.
const COCO = `{
  "info": {"description": "made for a test"},
  "images": [
    {"id": 7, "file_name": "000007.jpg", "width": 640},
    {"id": 9, "file_name": "000009.jpg"},
    {"id": 3, "file_name": "000003.jpg"}
  ],
  "annotations": [
    {"id": 1, "image_id": 9, "caption": "A train waits at a platform."},
    {"id": 2, "image_id": 7, "caption": "Two dogs chase a ball."},
    {"id": 3, "image_id": 9, "caption": "A yellow train in a station."}
  ]
}
`;

async function error(run: () => Promise<unknown>): Promise<DataFormatError> {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DataFormatError);
  return e as DataFormatError;
}

describe('readCocoCaptions', () => {
  it('joins annotations to file names, numbers captions per image and gives each its line', async () => {
    const coco = await readCocoCaptions(await tmp.write('coco.json.gz', COCO));
    expect(coco.images).toEqual([
      { id: 7, fileName: '000007.jpg' },
      { id: 9, fileName: '000009.jpg' },
      { id: 3, fileName: '000003.jpg' },
    ]);
    expect(coco.captions).toEqual([
      { image: '000009.jpg', index: 0, caption: 'A train waits at a platform.', line: 9 },
      { image: '000007.jpg', index: 0, caption: 'Two dogs chase a ball.', line: 10 },
      { image: '000009.jpg', index: 1, caption: 'A yellow train in a station.', line: 11 },
    ]);
    expect(coco.summary).toEqual({ images: 3, captions: 3, imagesWithoutCaptions: 1 });
  });

  it('points at the image_id of an annotation whose image does not exist', async () => {
    const file = await tmp.write('orphan.json', COCO.replace('"image_id": 7', '"image_id": 8'));
    const e = await error(() => readCocoCaptions(file));
    expect(e.message).toBe(
      `${file}:10:27: annotations[1].image_id: expected the id of an entry in "images", found number 8`,
    );
  });

  it('points at a caption of the wrong type and at a duplicate image id', async () => {
    const wrongType = await tmp.write(
      'type.json',
      COCO.replace('"caption": "Two dogs chase a ball."', '"caption": 12'),
    );
    expect((await error(() => readCocoCaptions(wrongType))).location).toEqual({
      file: wrongType,
      line: 10,
      column: 41,
    });
    const dup = await tmp.write('dup.json', COCO.replace('"id": 3, "file_name"', '"id": 7, "file_name"'));
    expect((await error(() => readCocoCaptions(dup))).detail).toBe(
      'images[2].id: image id 7 appears twice; expected unique ids',
    );
  });

  it('reports a missing annotations array and a syntax error with their positions', async () => {
    const missing = await tmp.write('missing.json', '{"images": []}');
    expect((await error(() => readCocoCaptions(missing))).detail).toBe(
      'annotations: expected an array of {image_id, caption}, found undefined undefined',
    );
    const broken = await tmp.write(
      'broken.json',
      '{\n  "images": [\n    {"id": 1,, "file_name": "a.jpg"}\n  ]\n}',
    );
    const e = await error(() => readCocoCaptions(broken));
    expect(e.location).toEqual({ file: broken, line: 3, column: 14 });
    expect(e.detail).toMatch(/^expected valid JSON: /);
  });
});

describe('JsonLocator', () => {
  it('finds nested values and array elements with escaped strings in the way', () => {
    const text = '{"a\\"b": "x]}", "list": [ {"k": [1, 2]}, "s\\\\", 3 ]}';
    const where = new JsonLocator(text);
    expect(where.offsetOf(['list', 1])).toBe(text.indexOf('"s'));
    expect(where.offsetOf(['list', 0, 'k', 1])).toBe(text.indexOf('2'));
    expect(where.elementOffsets(['list'])).toEqual([
      text.indexOf('{"k"'),
      text.indexOf('"s'),
      text.lastIndexOf('3'),
    ]);
    expect(formatJsonPath(['annotations', 3, 'caption'])).toBe('annotations[3].caption');
  });
});
