import { DataFormatError } from '@recurrent/core';
import { lineBatchesOfString, readLineBatches, type LineBatch } from '../line-reader.js';
import { recordStream, type RecordStream } from '../record-stream.js';

/** One caption of one image. `index` is the `k` of `image.jpg#k` (COCO: order within the image). */
export interface ImageCaption {
  readonly image: string;
  readonly index: number;
  readonly caption: string;
  readonly line: number;
}

/** Counts {@link readFlickr8kCaptions} reports; complete once iteration has finished. */
export interface CaptionReadSummary {
  lines: number;
  captions: number;
  /** Distinct images among the yielded captions. */
  images: number;
  blankLines: number;
  /** Captions skipped because their image is not in the `images` split list given. */
  outsideSplit: number;
}

/** Options of {@link readFlickr8kCaptions}. */
export interface Flickr8kCaptionsOptions {
  /** Keep only captions of these images (a split list); the others are counted in `outsideSplit`. */
  readonly images?: ReadonlySet<string>;
}

const CAPTION_ID = /^(.+)#(\d+)$/;

const emptySummary = (): CaptionReadSummary => ({
  lines: 0,
  captions: 0,
  images: 0,
  blankLines: 0,
  outsideSplit: 0,
});

async function* parseCaptions(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: Flickr8kCaptionsOptions,
  s: CaptionReadSummary,
): AsyncGenerator<ImageCaption> {
  const seen = new Map<string, Set<number>>();
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const line = first + i;
      s.lines++;
      if (text.trim() === '') {
        s.blankLines++;
        continue;
      }
      const tab = text.indexOf('\t');
      if (tab < 0) {
        throw new DataFormatError(
          { file, line, column: text.length + 1 },
          `expected "<image>#<k><TAB><caption>", found no tab in ${JSON.stringify(text.slice(0, 60))}`,
        );
      }
      const id = text.slice(0, tab);
      const match = CAPTION_ID.exec(id);
      if (match === null) {
        throw new DataFormatError(
          { file, line, column: 1 },
          `expected a caption id "<image>#<k>" with a number k, found ${JSON.stringify(id)}`,
        );
      }
      const caption = text.slice(tab + 1);
      if (caption.trim() === '') {
        throw new DataFormatError(
          { file, line, column: tab + 2 },
          `expected a caption after the tab, found nothing`,
        );
      }
      const image = match[1] as string;
      const index = Number(match[2]);
      if (options.images !== undefined && !options.images.has(image)) {
        s.outsideSplit++;
        continue;
      }
      let indices = seen.get(image);
      if (indices === undefined) {
        indices = new Set();
        seen.set(image, indices);
        s.images++;
      }
      if (indices.has(index)) {
        throw new DataFormatError(
          { file, line, column: 1 },
          `caption id ${id} appears twice; expected each id once`,
        );
      }
      indices.add(index);
      s.captions++;
      yield { image, index, caption, line };
    }
  }
}

/**
 * Streams a Flickr8k token file (`1000268201_693b08cb0e.jpg#0<TAB>A child in a pink dress …`), the
 * captions' bytes unchanged. Throws `file:line:col` for a line without a tab, a bad `image#k` id, an
 * empty caption or a repeated id. With `images` (from {@link readImageList}) it keeps one split and
 * counts the rest in `outsideSplit`.
 *
 * @example
 * const { images } = await readImageList('Flickr_8k.trainImages.txt');
 * const captions = readFlickr8kCaptions('Flickr8k.token.txt', { images: new Set(images) });
 * for await (const { image, caption } of captions) console.log(image, caption);
 * console.log(captions.summary); // { lines, captions, images, blankLines, outsideSplit }
 */
export function readFlickr8kCaptions(
  path: string,
  options: Flickr8kCaptionsOptions = {},
): RecordStream<ImageCaption, CaptionReadSummary> {
  return recordStream(emptySummary, (summary) =>
    parseCaptions(readLineBatches(path), path, options, summary),
  );
}

/**
 * {@link readFlickr8kCaptions} for text in memory; `name` appears in errors.
 *
 * @example
 * const { records } = await collectRecords(readFlickr8kCaptionsString('a.jpg#0\tA dog .\n', 'stdin'));
 */
export function readFlickr8kCaptionsString(
  content: string,
  name: string,
  options: Flickr8kCaptionsOptions = {},
): RecordStream<ImageCaption, CaptionReadSummary> {
  return recordStream(emptySummary, (summary) =>
    parseCaptions(lineBatchesOfString(content), name, options, summary),
  );
}
