import { DataFormatError } from '@recurrent/core';
import { openTextStream } from '../line-reader.js';
import type { ImageCaption } from './flickr8k-captions-reader.js';
import { JsonLocator, formatJsonPath, type JsonPath } from './json-locator.js';

/** One entry of COCO's `images` array. */
export interface CocoImage {
  readonly id: number;
  readonly fileName: string;
}

/** A COCO captions file, read whole (JSON cannot be streamed record by record without a parser). */
export interface CocoCaptions {
  readonly images: readonly CocoImage[];
  /** In file order; `image` is the file name, `index` the caption's order within its image, `line` where the annotation starts. */
  readonly captions: readonly ImageCaption[];
  readonly summary: {
    readonly images: number;
    readonly captions: number;
    /** Images listed with no caption at all (kept in `images`, counted here). */
    readonly imagesWithoutCaptions: number;
  };
}

async function readText(path: string): Promise<string> {
  const stream = await openTextStream(path);
  stream.setEncoding('utf8');
  let text = '';
  for await (const chunk of stream) text += chunk as string;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const message = (cause as Error).message;
    const position = /position (\d+)/.exec(message);
    const offset = position === null ? text.length : Number(position[1]);
    const { line, column } = new JsonLocator(text).lineColumn(offset);
    throw new DataFormatError({ file: path, line, column }, `expected valid JSON: ${message}`, { cause });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads COCO captions JSON (`{images:[{id,file_name}], annotations:[{image_id, caption}]}`, gzip
 * allowed). Every structural problem — a missing array, a field of the wrong type, an annotation whose
 * `image_id` names no image, a duplicate image id, an empty caption — throws `file:line:col` at the
 * offending value.
 *
 * @example
 * const { captions, summary } = await readCocoCaptions('captions_train2017.json');
 * console.log(summary.captions, captions[0]?.image, captions[0]?.caption);
 */
export async function readCocoCaptions(path: string): Promise<CocoCaptions> {
  const text = await readText(path);
  const root = parseJson(path, text);
  let locator: JsonLocator | undefined;
  const fail = (at: JsonPath, detail: string): never => {
    locator ??= new JsonLocator(text);
    const { line, column } = locator.lineColumn(locator.offsetOf(at));
    throw new DataFormatError({ file: path, line, column }, `${formatJsonPath(at) || 'document'}: ${detail}`);
  };
  const describe = (value: unknown): string =>
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;

  if (!isObject(root))
    return fail([], `expected an object with "images" and "annotations", found ${describe(root)}`);
  const rawImages = root['images'];
  const rawAnnotations = root['annotations'];
  if (!Array.isArray(rawImages))
    return fail(['images'], `expected an array of {id, file_name}, found ${describe(rawImages)}`);
  if (!Array.isArray(rawAnnotations)) {
    return fail(
      ['annotations'],
      `expected an array of {image_id, caption}, found ${describe(rawAnnotations)}`,
    );
  }

  const images: CocoImage[] = [];
  const byId = new Map<number, { fileName: string; count: number }>();
  rawImages.forEach((entry: unknown, i) => {
    if (!isObject(entry))
      return fail(['images', i], `expected an object {id, file_name}, found ${describe(entry)}`);
    const { id, file_name: fileName } = entry;
    if (typeof id !== 'number' || !Number.isInteger(id))
      return fail(['images', i, 'id'], `expected an integer id, found ${describe(id)}`);
    if (typeof fileName !== 'string' || fileName === '') {
      return fail(['images', i, 'file_name'], `expected a non-empty file name, found ${describe(fileName)}`);
    }
    if (byId.has(id)) return fail(['images', i, 'id'], `image id ${id} appears twice; expected unique ids`);
    byId.set(id, { fileName, count: 0 });
    images.push({ id, fileName });
  });

  const starts = new JsonLocator(text);
  const offsets = starts.elementOffsets(['annotations']);
  const captions: ImageCaption[] = [];
  rawAnnotations.forEach((entry: unknown, i) => {
    if (!isObject(entry))
      return fail(['annotations', i], `expected an object {image_id, caption}, found ${describe(entry)}`);
    const { image_id: imageId, caption } = entry;
    const image = typeof imageId === 'number' ? byId.get(imageId) : undefined;
    if (image === undefined) {
      return fail(
        ['annotations', i, 'image_id'],
        `expected the id of an entry in "images", found ${describe(imageId)}`,
      );
    }
    if (typeof caption !== 'string' || caption.trim() === '') {
      return fail(
        ['annotations', i, 'caption'],
        `expected a non-empty caption string, found ${describe(caption)}`,
      );
    }
    const line = starts.lineColumn(offsets[i] ?? 0).line;
    captions.push({ image: image.fileName, index: image.count, caption, line });
    image.count++;
  });

  let imagesWithoutCaptions = 0;
  for (const { count } of byId.values()) if (count === 0) imagesWithoutCaptions++;
  return {
    images,
    captions,
    summary: { images: images.length, captions: captions.length, imagesWithoutCaptions },
  };
}
