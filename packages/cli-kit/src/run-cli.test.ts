import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const demo = fileURLToPath(new URL('../test/fixtures/demo-cli.ts', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the demo CLI through tsx; `onStdout` may send signals to the child. */
function runDemo(
  args: string[],
  onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', demo, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStdout?.(`${stdout}\n${stderr}`, (s) => child.kill(s));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-cli-kit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runCli (end to end through a CLI)', () => {
  it('prints each error kind once and exits 65, 2, 1, 2, 0', async () => {
    const [data, config, crash, usage, flag, ok] = await Promise.all([
      runDemo(['data']),
      runDemo(['config']),
      runDemo(['crash']),
      runDemo(['bogus']),
      runDemo(['ok', '--frob']),
      runDemo(['ok']),
    ]);
    expect(data).toEqual({
      code: 65,
      stdout: '',
      stderr: 'train.tsv:12:3: expected 2 tab-separated columns, got 3\n',
    });
    expect(config).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: model.hidden must be a positive integer, got -3\n',
    });
    expect(crash).toEqual({
      code: 1,
      stdout: '',
      stderr: 'internal error: boom\nRun with --verbose for the stack trace.\n',
    });
    expect(usage).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: Unknown argument: bogus\nRun with --help for usage.\n',
    });
    expect(flag).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: Unknown argument: frob\nRun with --help for usage.\n',
    });
    expect(ok).toEqual({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it('prints the stack only with --verbose', async () => {
    const [crash, data] = await Promise.all([
      runDemo(['crash', '--verbose']),
      runDemo(['data', '--verbose']),
    ]);
    expect(crash.code).toBe(1);
    expect(crash.stderr).toMatch(/^internal error: boom\nError: boom\n {4}at .*demo-cli\.ts:\d+:\d+/);
    expect(crash.stderr).not.toContain('Run with --verbose');
    expect(data.code).toBe(65);
    expect(data.stderr).toMatch(
      /^train\.tsv:12:3: expected 2 tab-separated columns, got 3\nDataFormatError: train\.tsv:12:3/,
    );
  });

  it('resolves defaults < --config file < flags and logs the resolved config', async () => {
    const file = join(dir, 'run.json');
    await writeFile(file, JSON.stringify({ epochs: 7, hidden: 16 }));
    const [defaults, fromFile, both] = await Promise.all([
      runDemo(['train']),
      runDemo(['train', '--config', file]),
      runDemo(['train', '--config', file, '--hidden', '32', '--learning-rate', '0.5']),
    ]);
    expect(defaults).toEqual({
      code: 0,
      stdout: '{"epochs":3,"learningRate":0.1,"hidden":8}\n',
      stderr: 'config (defaults < flags): {"epochs":3,"learningRate":0.1,"hidden":8}\n',
    });
    expect(fromFile.stdout).toBe('{"epochs":7,"learningRate":0.1,"hidden":16}\n');
    expect(both.stdout).toBe('{"epochs":7,"learningRate":0.5,"hidden":32}\n');
    expect(both.stderr).toBe(
      `config (defaults < ${file} < flags): {"epochs":7,"learningRate":0.5,"hidden":32}\n`,
    );
  });

  it('exits 2 naming the key for an unknown config-file key or a bad value, and --quiet hides the config line', async () => {
    const unknown = join(dir, 'unknown.json');
    await writeFile(unknown, '{\n  "epochs": 2,\n  "lerningRate": 0.3\n}\n');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"epochs": 0}');
    const [u, b, q] = await Promise.all([
      runDemo(['train', '--config', unknown]),
      runDemo(['train', '--config', bad]),
      runDemo(['train', '--quiet']),
    ]);
    expect(u).toEqual({
      code: 2,
      stdout: '',
      stderr: `${unknown}:3:3: lerningRate is not a known config key; allowed: epochs, learningRate, hidden\n`,
    });
    expect(b).toEqual({ code: 2, stdout: '', stderr: 'error: epochs must be a positive integer, got 0\n' });
    expect(q).toEqual({ code: 0, stdout: '{"epochs":3,"learningRate":0.1,"hidden":8}\n', stderr: '' });
  });

  it('aborts on the first SIGINT and exits 130 at once on the second', async () => {
    let sent = 0;
    const run = await runDemo(['wait'], (text, kill) => {
      if (sent === 0 && text.includes('ready')) {
        sent = 1;
        kill('SIGINT');
      } else if (sent === 1 && text.includes('stopping')) {
        sent = 2;
        kill('SIGINT');
      }
    });
    expect(run).toEqual({ code: 130, stdout: 'ready\n', stderr: 'SIGINT: stopping after this step\n' });
  });
});
