import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createMemoryLogger } from '@recurrent/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from './resolve-config.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-resolve-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DEFAULTS = { epochs: 10, learningRate: 0.01, model: { hidden: 64, layers: 1 } };

async function configFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('resolveConfig', () => {
  it('applies defaults < config file < flags, merging nested objects key by key', async () => {
    const file = await configFile('run.json', JSON.stringify({ epochs: 5, model: { hidden: 128 } }));
    const logger = createMemoryLogger();
    const config = await resolveConfig({
      defaults: DEFAULTS,
      configFile: file,
      flags: { model: { layers: 2 }, learningRate: 0.5, backend: 'cpu', verbose: true },
      logger,
    });
    expect(config).toEqual({ epochs: 5, learningRate: 0.5, model: { hidden: 128, layers: 2 } });
    expect(logger.lines).toEqual([
      `config (defaults < ${file} < flags): {"epochs":5,"learningRate":0.5,"model":{"hidden":128,"layers":2}}`,
    ]);
    expect(DEFAULTS.model.hidden).toBe(64);
  });

  it('passes the merged object to resolve and returns what it returns', async () => {
    const seen: unknown[] = [];
    const config = await resolveConfig({
      defaults: DEFAULTS,
      flags: { epochs: 2 },
      resolve: (input) => {
        seen.push(input);
        return { ...(input as typeof DEFAULTS), epochs: 99 };
      },
    });
    expect(seen).toEqual([{ ...DEFAULTS, epochs: 2 }]);
    expect(config.epochs).toBe(99);
  });

  it('names file:line:col and the key path for an unknown key, nested too', async () => {
    const file = await configFile('unknown.json', '{\n  "model": {\n    "hiden": 3\n  }\n}');
    const error = await resolveConfig({ defaults: DEFAULTS, configFile: file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      code: 'CONFIG',
      message: `${file}:3:5: model.hiden is not a known config key; allowed: hidden, layers`,
    });
  });

  it('rejects a scalar where the defaults hold an object', async () => {
    const file = await configFile('scalar.json', '{"model": 3}');
    await expect(resolveConfig({ defaults: DEFAULTS, configFile: file })).rejects.toThrow(
      `${file}:1:2: model must be an object, got 3`,
    );
  });

  it('reports invalid JSON at file:line:col and a missing file as IO', async () => {
    const file = await configFile('broken.json', '{\n  "epochs": 3,\n}');
    await expect(resolveConfig({ defaults: DEFAULTS, configFile: file })).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringMatching(new RegExp(`^${file.replace(/[.]/g, '\\.')}:3:1: invalid JSON`)),
    });
    const list = await configFile('list.json', '[1]');
    await expect(resolveConfig({ defaults: DEFAULTS, configFile: list })).rejects.toThrow(
      `${list}:1:1: must hold a JSON object of config keys, got [1]`,
    );
    await expect(
      resolveConfig({ defaults: DEFAULTS, configFile: join(dir, 'none.json') }),
    ).rejects.toMatchObject({
      code: 'IO',
      message: `${join(dir, 'none.json')}: cannot read config file: file not found`,
    });
  });
});
