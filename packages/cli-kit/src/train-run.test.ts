import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { commonOptions } from './common-options.js';
import { withTrainRun, type TrainRun, type TrainRunArgs } from './train-run.js';

const DEFAULTS = { epochs: 3, hidden: 8 };
type DemoConfig = typeof DEFAULTS;
const resolveDemo = (input: unknown): DemoConfig => input as DemoConfig;

/** Parses `args` the way an app's train command does (common options, --resume, config flags). */
async function parse(args: string[]): Promise<TrainRunArgs> {
  return (await commonOptions(yargs(args), { out: 'runs/demo' })
    .option('resume', { type: 'boolean', default: false })
    .option('epochs', { type: 'number', default: DEFAULTS.epochs })
    .option('hidden', { type: 'number', default: DEFAULTS.hidden })
    .strict()
    .parseAsync()) as unknown as TrainRunArgs;
}

const dir = mkdtempSync(join(tmpdir(), 'rc-train-run-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('withTrainRun', () => {
  it('resolves defaults < --config < flags, sets up the backend and hands over the run options', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, JSON.stringify({ epochs: 7, hidden: 16 }));
    const lines: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => (lines.push(String(text)), true));
    const sigints = process.listenerCount('SIGINT');
    let seen: TrainRun<DemoConfig> | undefined;
    let listening = 0;
    const argv = await parse([
      '--config',
      file,
      '--hidden',
      '32',
      '--backend',
      'cpu',
      '--resume',
      '--out',
      'runs/x',
    ]);
    await withTrainRun(argv, { defaults: DEFAULTS, resolve: resolveDemo }, async (session) => {
      seen = session;
      listening = process.listenerCount('SIGINT');
    });
    expect(seen?.config).toEqual({ epochs: 7, hidden: 32 });
    expect(seen?.backend.name).toBe('cpu');
    expect(seen?.run).toMatchObject({ runDir: 'runs/x', resume: true, progress: 'auto' });
    expect(seen?.run.logger).toBe(seen?.logger);
    expect(seen?.run.signal.aborted).toBe(false);
    expect(listening).toBe(sigints + 1);
    expect(process.listenerCount('SIGINT')).toBe(sigints);
    expect(lines[0]).toBe(`config (defaults < ${file} < flags): {"epochs":7,"hidden":32}\n`);
  });

  it('aborts the signal on SIGINT, maps --quiet to quiet progress and uses the flags it is given', async () => {
    const argv = await parse(['--epochs', '5', '--backend', 'cpu', '--quiet']);
    let seen: TrainRun<DemoConfig> | undefined;
    await withTrainRun(
      argv,
      { defaults: DEFAULTS, resolve: resolveDemo, flags: { hidden: 4 } },
      async (session) => {
        seen = session;
        process.emit('SIGINT', 'SIGINT');
      },
    );
    expect(seen?.config).toEqual({ epochs: 3, hidden: 4 });
    expect(seen?.run).toMatchObject({ runDir: 'runs/demo', resume: false, progress: 'quiet' });
    expect(seen?.run.signal.aborted).toBe(true);
    expect(seen?.run.signal.reason).toBe('SIGINT');
  });

  it('fails on an unknown config-file key before training, and removes its listeners when training throws', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{\n  "epochs": 2,\n  "lerningRate": 0.3\n}\n');
    const train = vi.fn(async () => {});
    await expect(
      withTrainRun(
        await parse(['--config', file, '--quiet']),
        { defaults: DEFAULTS, resolve: resolveDemo },
        train,
      ),
    ).rejects.toMatchObject({
      code: 'CONFIG',
      message: `${file}:3:3: lerningRate is not a known config key; allowed: epochs, hidden`,
    });
    expect(train).not.toHaveBeenCalled();
    const sigints = process.listenerCount('SIGINT');
    const argv = await parse(['--backend', 'cpu', '--quiet']);
    await expect(
      withTrainRun(argv, { defaults: DEFAULTS, resolve: resolveDemo }, async () => {
        throw new Error('diverged');
      }),
    ).rejects.toThrow('diverged');
    expect(process.listenerCount('SIGINT')).toBe(sigints);
  });
});
