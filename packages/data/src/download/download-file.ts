import { open, rename, rm, stat } from 'node:fs/promises';
import { RecurrentError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { sha256File } from './sha256-file.js';

/** Progress of one download, reported after every chunk. */
export interface DownloadProgress {
  readonly url: string;
  /** Bytes on disk so far, including any resumed part. */
  readonly received: number;
  /** Expected total, or null when neither the manifest nor the server says. */
  readonly total: number | null;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Expected sha256 of the whole file; null or absent skips the check (the digest is still returned). */
  readonly sha256?: string | null;
  /** Expected size in bytes, if known. */
  readonly size?: number | null;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Further attempts after a dropped connection, each resuming from the `.part` file; default 3. */
  readonly retries?: number;
  readonly signal?: AbortSignal;
  readonly logger?: Logger;
}

/** What {@link downloadFile} did. */
export interface DownloadResult {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
  /** True when the file was already in place with the expected digest and nothing was fetched. */
  readonly cached: boolean;
  /** HTTP requests made (1 for a clean download; more after drops). */
  readonly requests: number;
  /** Bytes that came from an earlier partial download instead of the network. */
  readonly resumedBytes: number;
}

const fileSize = (path: string): Promise<number> =>
  stat(path).then(
    (s) => s.size,
    () => -1,
  );

class Dropped extends Error {}

/** One HTTP request continuing `part` from `offset`; returns the new size of `part`. */
async function fetchInto(
  url: string,
  part: string,
  offset: number,
  options: DownloadOptions,
  total: { value: number | null },
): Promise<{ size: number; resumed: boolean }> {
  const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
  const init: RequestInit = options.signal === undefined ? { headers } : { headers, signal: options.signal };
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (cause) {
    if (options.signal?.aborted === true)
      throw new RecurrentError('IO', `${url}: download aborted`, { cause });
    throw new Dropped(`cannot connect: ${(cause as Error).message}`, { cause });
  }
  if (response.status === 416 && offset > 0) {
    await response.body?.cancel();
    return { size: -416, resumed: false };
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw new RecurrentError(
      'IO',
      `${url}: server answered HTTP ${response.status} ${response.statusText}; expected 200 or 206`,
    );
  }
  const resumed = response.status === 206 && offset > 0;
  if (
    response.status === 206 &&
    !(response.headers.get('content-range') ?? '').startsWith(`bytes ${offset}-`)
  ) {
    await response.body?.cancel();
    throw new RecurrentError(
      'IO',
      `${url}: server sent Content-Range ${response.headers.get('content-range')} for a request from byte ${offset}`,
    );
  }
  let size = resumed ? offset : 0;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (total.value === null && Number.isFinite(length)) total.value = size + length;
  const handle = await open(part, resumed ? 'a' : 'w');
  try {
    if (response.body === null) return { size, resumed };
    const reader = response.body.getReader();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (cause) {
        if (options.signal?.aborted === true)
          throw new RecurrentError('IO', `${url}: download aborted`, { cause });
        throw new Dropped(`connection dropped after ${size} bytes: ${(cause as Error).message}`, { cause });
      }
      if (chunk.done) break;
      await handle.write(chunk.value);
      size += chunk.value.length;
      options.onProgress?.({ url, received: size, total: total.value });
    }
  } finally {
    await handle.close();
  }
  return { size, resumed };
}

/**
 * Downloads `url` to `dest`, resumably and atomically. Bytes go to `dest.part`; a later call (or a
 * retry after a dropped connection) continues it with an HTTP `Range` request, and starts over when
 * the server ignores Range. Only when the sha256 (and size) match is the part renamed to `dest`; on a
 * mismatch the part is deleted and an IO error names both digests. A `dest` that already has the
 * expected digest is not fetched again.
 *
 * @example
 * await downloadFile('https://example.org/input.txt', 'downloads/input.txt', {
 *   sha256: '86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed',
 *   onProgress: ({ received, total }) => bar.update(received, { total }),
 * });
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const logger = options.logger ?? SILENT_LOGGER;
  const expected = options.sha256 ?? null;
  if (expected !== null && (await fileSize(dest)) >= 0) {
    const have = await sha256File(dest);
    if (have === expected)
      return {
        path: dest,
        sha256: have,
        bytes: await fileSize(dest),
        cached: true,
        requests: 0,
        resumedBytes: 0,
      };
    logger.warn(`${dest}: sha256 ${have} differs from the expected ${expected}; downloading again`);
  }
  const part = `${dest}.part`;
  const retries = options.retries ?? 3;
  const total = { value: options.size ?? null };
  let requests = 0;
  let resumedBytes = 0;
  let size = Math.max(0, await fileSize(part));
  for (;;) {
    requests++;
    try {
      const got = await fetchInto(url, part, size, options, total);
      if (got.size === -416) {
        logger.info(`${url}: server refused the range from byte ${size}; checking the part as complete`);
      } else {
        if (got.resumed) resumedBytes += size;
        size = got.size;
        if (!got.resumed && requests > 1)
          logger.info(`${url}: server ignored Range; downloaded from the start`);
      }
      const digest = await sha256File(part);
      return await finish(url, part, dest, digest, size, expected, options.size ?? null, {
        requests,
        resumedBytes,
      });
    } catch (error) {
      if (!(error instanceof Dropped)) throw error;
      if (requests > retries) {
        throw new RecurrentError(
          'IO',
          `${url}: ${error.message}; gave up after ${requests} requests (the part file ${part} is kept for the next attempt)`,
          { cause: error },
        );
      }
      size = Math.max(0, await fileSize(part));
      logger.warn(`${url}: ${error.message}; resuming from byte ${size}`);
    }
  }
}

async function finish(
  url: string,
  part: string,
  dest: string,
  digest: string,
  size: number,
  expected: string | null,
  expectedSize: number | null,
  counts: { requests: number; resumedBytes: number },
): Promise<DownloadResult> {
  if (expectedSize !== null && size !== expectedSize) {
    await rm(part, { force: true });
    throw new RecurrentError(
      'IO',
      `${url}: downloaded ${size} bytes but expected ${expectedSize}; the download was deleted`,
    );
  }
  if (expected !== null && digest !== expected) {
    await rm(part, { force: true });
    throw new RecurrentError(
      'IO',
      `${url}: sha256 mismatch: expected ${expected}, got ${digest}; the download was deleted and nothing was put in place`,
    );
  }
  await rename(part, dest);
  return { path: dest, sha256: digest, bytes: size, cached: false, ...counts };
}
