import { afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { bundleExportCommand, type LoadedBundle } from './bundle-export-command.js';
import { commonOptions } from './common-options.js';
import { usageFailHandler } from './run-cli.js';

interface DemoBundle extends LoadedBundle {
  readonly vocab: readonly string[];
}

/** An export command over a fake bundle; `calls` records what the callbacks saw, in order. */
function demo(options: { failWrite?: boolean } = {}) {
  const calls: string[] = [];
  const command = bundleExportCommand<DemoBundle>({
    example: ['$0 export --model runs/a --out models/a', 'export run a'],
    load: async (model, logger) => {
      calls.push(`load ${model}`);
      logger.info(`loading ${model}`);
      return { dir: `${model}/bundle`, vocab: ['a', 'b'], model: { dispose: () => calls.push('dispose') } };
    },
    write: async (bundle, out) => {
      calls.push(`write ${bundle.dir} ${bundle.vocab.join('')} ${out}`);
      if (options.failWrite === true) throw new Error('disk full');
      return { dir: out, files: ['model.json', 'weights.bin', 'vocab.json'] };
    },
  });
  const parse = (args: string[]) =>
    (async () =>
      commonOptions(yargs(args), { out: 'runs/demo' })
        .command(command)
        .strict()
        .fail(usageFailHandler)
        .parseAsync())();
  return { calls, parse };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bundleExportCommand', () => {
  it('refuses a missing --out (its default is the run folder) with a USAGE error, before loading', async () => {
    const { calls, parse } = demo();
    await expect(parse(['export', '--model', 'runs/a'])).rejects.toMatchObject({
      code: 'USAGE',
      message: 'export needs --out <dir> (the folder to write the bundle into)',
    });
    await expect(parse(['export', '--out', 'models/a'])).rejects.toMatchObject({
      code: 'USAGE',
      message: 'Missing required argument: model',
    });
    expect(calls).toEqual([]);
  });

  it('sets up the backend, loads, writes, logs one line and disposes the model', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      lines.push(String(text));
      return true;
    });
    const { calls, parse } = demo();
    await parse(['export', '--model', 'runs/a', '--out', 'models/a', '--backend', 'cpu']);
    expect(calls).toEqual(['load runs/a', 'write runs/a/bundle ab models/a', 'dispose']);
    // The backend line comes first, then the callbacks log through the same CLI logger.
    expect(lines.filter((line) => !line.startsWith('backend: cpu'))).toEqual([
      'loading runs/a\n',
      'exported runs/a/bundle → models/a (3 files)\n',
    ]);
    expect(lines.some((line) => line.startsWith('backend: cpu'))).toBe(true);
  });

  it('disposes the model when writing fails and lets the error through', async () => {
    const { calls, parse } = demo({ failWrite: true });
    await expect(
      parse(['export', '--model', 'runs/a', '--out', 'models/a', '--backend', 'cpu', '--quiet']),
    ).rejects.toThrow('disk full');
    expect(calls).toEqual(['load runs/a', 'write runs/a/bundle ab models/a', 'dispose']);
  });
});
