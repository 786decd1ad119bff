import { ConfigError, assertOneOf } from '@recurrent/core';

/** How a downloaded file becomes the files we keep. */
export type UnpackKind = 'plain' | 'gz' | 'zip' | 'tar.gz';

/** The allowed values of {@link UnpackKind}. */
export const UNPACK_KINDS: readonly UnpackKind[] = ['plain', 'gz', 'zip', 'tar.gz'];

/** One file kept after unpacking: archive member `from` (for gz, ignored) saved as `to`. */
export interface KeptFile {
  readonly from: string;
  readonly to: string;
  /** sha256 of the kept file's bytes, or null when unknown (then only the download is checked). */
  readonly sha256: string | null;
}

/** One file to download. */
export interface ManifestFile {
  readonly url: string;
  /** Name the download is saved under inside the dataset folder's `downloads/`. */
  readonly name: string;
  /**
   * sha256 of the downloaded bytes. `null` when no trusted digest is known: the first download
   * records it in `SHA256SUMS` and every later download must match that record.
   */
  readonly sha256: string | null;
  /** Size in bytes, or null when unknown. */
  readonly size: number | null;
  readonly unpack: UnpackKind;
  /** Files to keep. For `plain` and `gz` one entry; for archives, the members to extract (others are ignored). */
  readonly keep: readonly KeptFile[];
}

/** Everything needed to fetch one public dataset. */
export interface DatasetManifest {
  readonly name: string;
  readonly description: string;
  readonly license: string;
  readonly citation: string;
  readonly files: readonly ManifestFile[];
}

const SHA256 = /^[0-9a-f]{64}$/;
const SAFE_NAME = /^[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/**
 * Checks a manifest: https URLs, well-formed sha256 or null, a known unpack kind, safe relative
 * output names (no `..`, no absolute paths), unique outputs. Throws a ConfigError naming the key path.
 *
 * @example
 * validateManifest(DATASET_MANIFESTS['tiny-shakespeare']);
 */
export function validateManifest(manifest: DatasetManifest, allowHttp = false): DatasetManifest {
  const outputs = new Set<string>();
  const safe = (value: string, path: string): void => {
    if (!SAFE_NAME.test(value) || value.split('/').some((part) => part === '..' || part === '.')) {
      throw new ConfigError(
        path,
        `must be a relative path of letters, digits, . _ - and /, got ${JSON.stringify(value)}`,
      );
    }
  };
  const digest = (value: string | null, path: string): void => {
    if (value !== null && !SHA256.test(value))
      throw new ConfigError(path, `must be 64 lower-case hex digits or null, got ${JSON.stringify(value)}`);
  };
  if (manifest.files.length === 0)
    throw new ConfigError(`${manifest.name}.files`, 'must list at least one file');
  manifest.files.forEach((file, i) => {
    const at = `${manifest.name}.files[${i}]`;
    const protocol = /^(https?):\/\//.exec(file.url)?.[1];
    if (protocol !== 'https' && !(allowHttp && protocol === 'http')) {
      throw new ConfigError(`${at}.url`, `must be an https URL, got ${JSON.stringify(file.url)}`);
    }
    safe(file.name, `${at}.name`);
    digest(file.sha256, `${at}.sha256`);
    if (file.size !== null && !(Number.isInteger(file.size) && file.size > 0)) {
      throw new ConfigError(`${at}.size`, `must be a positive integer or null, got ${String(file.size)}`);
    }
    assertOneOf(file.unpack, `${at}.unpack`, UNPACK_KINDS);
    if (
      file.keep.length === 0 ||
      ((file.unpack === 'plain' || file.unpack === 'gz') && file.keep.length !== 1)
    ) {
      throw new ConfigError(
        `${at}.keep`,
        `must list ${file.unpack === 'plain' || file.unpack === 'gz' ? 'exactly one' : 'at least one'} file for unpack ${file.unpack}, got ${file.keep.length}`,
      );
    }
    file.keep.forEach((kept, j) => {
      safe(kept.to, `${at}.keep[${j}].to`);
      digest(kept.sha256, `${at}.keep[${j}].sha256`);
      if (outputs.has(kept.to))
        throw new ConfigError(`${at}.keep[${j}].to`, `must be unique, ${kept.to} is kept twice`);
      outputs.add(kept.to);
    });
  });
  return manifest;
}
