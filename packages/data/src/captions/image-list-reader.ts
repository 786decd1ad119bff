import { DataFormatError } from '@recurrent/core';
import { readLines } from '../line-reader.js';

/** A split list: image file names in file order, with counts. */
export interface ImageList {
  readonly images: readonly string[];
  readonly summary: { readonly lines: number; readonly images: number; readonly blankLines: number };
}

/**
 * Reads a split list such as `Flickr_8k.trainImages.txt`: one image file name per line.
 * Blank lines are counted and skipped; a name with whitespace inside or a repeated name throws
 * `file:line:col`.
 *
 * @example
 * const { images, summary } = await readImageList('Flickr_8k.devImages.txt');
 * console.log(summary.images); // 1000 for the real dev list
 */
export async function readImageList(path: string): Promise<ImageList> {
  const images: string[] = [];
  const firstLine = new Map<string, number>();
  let lines = 0;
  let blankLines = 0;
  for await (const { text, line } of readLines(path)) {
    lines++;
    const name = text.trim();
    if (name === '') {
      blankLines++;
      continue;
    }
    const space = name.search(/\s/);
    if (space >= 0) {
      throw new DataFormatError(
        { file: path, line, column: text.indexOf(name) + space + 1 },
        `expected one image file name per line, found whitespace inside ${JSON.stringify(name)}`,
      );
    }
    const before = firstLine.get(name);
    if (before !== undefined) {
      throw new DataFormatError(
        { file: path, line, column: 1 },
        `image ${name} is listed twice (first at line ${before})`,
      );
    }
    firstLine.set(name, line);
    images.push(name);
  }
  return { images, summary: { lines, images: images.length, blankLines } };
}
