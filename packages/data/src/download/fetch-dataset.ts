import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataFormatError, SILENT_LOGGER, type Logger } from '@recurrent/core';
import { writeFileAtomic } from '../writers/atomic-file.js';
import { validateManifest, type DatasetManifest } from './dataset-manifest.js';
import { downloadFile, type DownloadProgress, type DownloadResult } from './download-file.js';
import { unpack, type UnpackedFile } from './unpack.js';

/** Options of {@link fetchDataset}. */
export interface FetchDatasetOptions {
  readonly onProgress?: (progress: DownloadProgress & { readonly file: string }) => void;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
  readonly retries?: number;
  /** Accept `http://` URLs (tests against a local server); default false. */
  readonly allowHttp?: boolean;
}

/** What {@link fetchDataset} did. */
export interface FetchDatasetResult {
  readonly downloads: readonly DownloadResult[];
  readonly files: readonly UnpackedFile[];
  /** Downloads whose manifest sha256 was null and whose digest was recorded now in SHA256SUMS. */
  readonly recorded: readonly string[];
}

/** File (in the dataset folder) recording digests for manifest entries whose sha256 is null. */
export const SHA256SUMS = 'SHA256SUMS';

async function readSums(path: string): Promise<Map<string, string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const sums = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (match === null)
      throw new DataFormatError(
        { file: path, line: i + 1, column: 1 },
        `expected "<sha256>  <file>", found ${JSON.stringify(line)}`,
      );
    sums.set(match[2] as string, match[1] as string);
  });
  return sums;
}

/**
 * Downloads every file of a manifest into `dir/downloads/` (resumable, verified, atomic — see
 * {@link downloadFile}) and unpacks the kept files into `dir`. For a file whose manifest sha256 is
 * null, the first download's digest is recorded in `dir/SHA256SUMS` and later downloads must match it.
 *
 * @example
 * const result = await fetchDataset(DATASET_MANIFESTS['tiny-shakespeare'], 'data/tiny-shakespeare', {
 *   onProgress: ({ file, received, total }) => logger.info(`${file}: ${received}/${total ?? '?'}`),
 * });
 * result.files; // [{ path: 'data/tiny-shakespeare/input.txt', sha256: '86c4e6aa…' }]
 */
export async function fetchDataset(
  manifest: DatasetManifest,
  dir: string,
  options: FetchDatasetOptions = {},
): Promise<FetchDatasetResult> {
  validateManifest(manifest, options.allowHttp === true);
  const logger = options.logger ?? SILENT_LOGGER;
  const downloadsDir = join(dir, 'downloads');
  await mkdir(downloadsDir, { recursive: true });
  const sumsPath = join(dir, SHA256SUMS);
  const sums = await readSums(sumsPath);
  const downloads: DownloadResult[] = [];
  const files: UnpackedFile[] = [];
  const recorded: string[] = [];
  for (const file of manifest.files) {
    const key = `downloads/${file.name}`;
    const expected = file.sha256 ?? sums.get(key) ?? null;
    logger.info(`${manifest.name}: ${file.url} → ${key}`);
    await mkdir(dirname(join(dir, key)), { recursive: true });
    const result = await downloadFile(file.url, join(dir, key), {
      sha256: expected,
      size: file.size,
      logger,
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.onProgress === undefined
        ? {}
        : { onProgress: (p: DownloadProgress) => options.onProgress?.({ ...p, file: file.name }) }),
    });
    downloads.push(result);
    if (expected === null) {
      sums.set(key, result.sha256);
      recorded.push(key);
      await writeFileAtomic(sumsPath, [...sums].map(([name, sha]) => `${sha}  ${name}\n`).join(''));
      logger.warn(`${key}: no published sha256; recorded ${result.sha256} in ${SHA256SUMS}`);
    }
    files.push(...(await unpack(result.path, file.unpack, file.keep, dir)));
  }
  return { downloads, files, recorded };
}
