import type * as tf from '@tensorflow/tfjs';

/**
 * Where a bundle is read from: a directory (Node, `node:fs`) or a base URL (`fetch`).
 * Each implementation names files by their full path or URL in errors.
 *
 * @example
 * const source: BundleSource = await openBundleSource('runs/pos/bundle');
 * const text = await source.readText('config.json');
 */
export interface BundleSource {
  /** The directory path or the base URL (ending in `/`). */
  readonly location: string;
  /** Full path or URL of a file of the bundle, as used in error messages. */
  where(name: string): string;
  /** Reads a text file of the bundle; a missing or unreadable file is an `IO` RecurrentError naming it. */
  readText(name: string): Promise<string>;
  /** A tfjs load handler for `model.json` and its weight shards. */
  modelHandler(): tf.io.IOHandler;
}

/** True when `source` is an http(s) URL rather than a file path. */
export function isHttpUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}
