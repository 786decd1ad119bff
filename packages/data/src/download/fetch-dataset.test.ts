import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '@recurrent/core';
import { makeTmpDir, type TmpDir } from '../parallel/test-tmp.js';
import { validateManifest, type DatasetManifest } from './dataset-manifest.js';
import { DATASET_MANIFESTS } from './dataset-manifests.js';
import { fetchDataset } from './fetch-dataset.js';
import { startTestServer, type TestServer } from './test-server.js';

const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const TEXT = 'To sleep, perchance to code.\n';
const PAIRS = 'Go.\tVa !\n';
const routes = {
  '/input.txt': { body: strToU8(TEXT) },
  '/pairs.zip': { body: zipSync({ 'd/pairs.txt': strToU8(PAIRS) }) },
};

let tmp: TmpDir;
let server: TestServer;
beforeAll(async () => {
  tmp = await makeTmpDir();
  server = await startTestServer(routes);
});
afterAll(async () => {
  await server.close();
  await tmp.cleanup();
});

const manifest = (zipSha: string | null): DatasetManifest => ({
  name: 'toy',
  description: 'a toy dataset',
  license: 'CC0',
  citation: 'none',
  files: [
    {
      url: `${server.url}/input.txt`,
      name: 'input.txt',
      sha256: sha(TEXT),
      size: TEXT.length,
      unpack: 'plain',
      keep: [{ from: 'input.txt', to: 'input.txt', sha256: sha(TEXT) }],
    },
    {
      url: `${server.url}/pairs.zip`,
      name: 'pairs.zip',
      sha256: zipSha,
      size: null,
      unpack: 'zip',
      keep: [{ from: 'd/pairs.txt', to: 'pairs.tsv', sha256: null }],
    },
  ],
});

describe('fetchDataset', () => {
  it('downloads, unpacks, records unknown digests, and checks them on the next fetch', async () => {
    const dir = tmp.path('toy');
    const seen: string[] = [];
    const result = await fetchDataset(manifest(null), dir, {
      allowHttp: true,
      onProgress: (p) => seen.push(p.file),
    });
    expect(result.files.map((f) => f.path)).toEqual([join(dir, 'input.txt'), join(dir, 'pairs.tsv')]);
    expect(await readFile(join(dir, 'pairs.tsv'), 'utf8')).toBe(PAIRS);
    expect(result.recorded).toEqual(['downloads/pairs.zip']);
    const zipSha = sha(routes['/pairs.zip'].body);
    expect(await readFile(join(dir, 'SHA256SUMS'), 'utf8')).toBe(`${zipSha}  downloads/pairs.zip\n`);
    expect(new Set(seen)).toEqual(new Set(['input.txt', 'pairs.zip']));

    const again = await fetchDataset(manifest(null), dir, { allowHttp: true });
    expect(again.downloads.map((d) => d.cached)).toEqual([true, true]);
    expect(again.recorded).toEqual([]);

    routes['/pairs.zip'] = { body: zipSync({ 'd/pairs.txt': strToU8('Hi.\tSalut !\n') }) };
    await server.close();
    server = await startTestServer(routes);
    const fresh = tmp.path('toy2');
    await fetchDataset(manifest(null), fresh, { allowHttp: true });
    await expect(fetchDataset(manifest(zipSha), fresh, { allowHttp: true })).rejects.toThrow(
      /sha256 mismatch/,
    );
  });

  it('refuses http URLs unless allowHttp is set', async () => {
    await expect(fetchDataset(manifest(null), tmp.path('no'))).rejects.toThrow(/url must be an https URL/);
  });
});

describe('DATASET_MANIFESTS', () => {
  it('has a valid https manifest for each of the six public datasets', () => {
    expect(Object.keys(DATASET_MANIFESTS).sort()).toEqual([
      'flickr8k',
      'multi30k',
      'sst',
      'tatoeba',
      'tiny-shakespeare',
      'ud-english-ewt',
    ]);
    for (const m of Object.values(DATASET_MANIFESTS)) expect(validateManifest(m)).toBe(m);
  });

  it('matches datasets/<name>/manifest.json, so the files cannot drift from the code', async () => {
    for (const [name, m] of Object.entries(DATASET_MANIFESTS)) {
      const file = fileURLToPath(new URL(`../../../../datasets/${name}/manifest.json`, import.meta.url));
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(m);
    }
  });

  it('counts which digests are known and which the first download records', () => {
    const files = Object.values(DATASET_MANIFESTS).flatMap((m) => m.files);
    expect([files.length, files.filter((f) => f.sha256 === null).length]).toEqual([21, 8]);
  });
});

describe('validateManifest', () => {
  const base = DATASET_MANIFESTS['tiny-shakespeare'] as DatasetManifest;
  const withFile = (patch: object): DatasetManifest => ({
    ...base,
    files: [{ ...(base.files[0] as object), ...patch } as never],
  });
  it('names the key path of a bad field', () => {
    expect(() => validateManifest(withFile({ sha256: 'ABC' }))).toThrow(
      new ConfigError(
        'tiny-shakespeare.files[0].sha256',
        'must be 64 lower-case hex digits or null, got "ABC"',
      ),
    );
    expect(() => validateManifest(withFile({ keep: [{ from: 'a', to: '../a', sha256: null }] }))).toThrow(
      /files\[0\]\.keep\[0\]\.to must be a relative path/,
    );
    expect(() => validateManifest(withFile({ unpack: 'rar' }))).toThrow(
      /unpack must be one of the allowed values, got "rar"; allowed: plain, gz, zip, tar.gz/,
    );
    expect(() => validateManifest(withFile({ keep: [] }))).toThrow(
      /keep must list exactly one file for unpack plain, got 0/,
    );
  });
});
