import { readFlickr8kCaptions, type CaptionReadSummary } from './flickr8k-captions-reader.js';
import { readImageList } from './image-list-reader.js';

/** One split of Flickr8k: the listed images in list order, each with its captions in `#k` order. */
export interface Flickr8kSplit {
  readonly images: readonly string[];
  readonly captions: ReadonlyMap<string, readonly string[]>;
  readonly summary: Readonly<CaptionReadSummary> & {
    readonly listedImages: number;
    /** Listed images that have no caption in the token file (kept, with an empty list). */
    readonly imagesWithoutCaptions: number;
  };
}

/**
 * Reads a split list and the captions of its images from a token file in one call.
 *
 * @example
 * const split = await loadFlickr8kSplit('captions.train.txt', 'Flickr_8k.trainImages.txt');
 * console.log(split.summary.captions, split.captions.get(split.images[0] ?? '')?.length); // 30000 5
 */
export async function loadFlickr8kSplit(captionsPath: string, listPath: string): Promise<Flickr8kSplit> {
  const list = await readImageList(listPath);
  const byImage = new Map<string, { index: number; caption: string }[]>();
  for (const image of list.images) byImage.set(image, []);
  const stream = readFlickr8kCaptions(captionsPath, { images: new Set(list.images) });
  for await (const { image, index, caption } of stream) byImage.get(image)?.push({ index, caption });
  const captions = new Map<string, readonly string[]>();
  let imagesWithoutCaptions = 0;
  for (const [image, entries] of byImage) {
    if (entries.length === 0) imagesWithoutCaptions++;
    captions.set(
      image,
      entries.sort((a, b) => a.index - b.index).map((e) => e.caption),
    );
  }
  return {
    images: list.images,
    captions,
    summary: { ...stream.summary, listedImages: list.images.length, imagesWithoutCaptions },
  };
}
