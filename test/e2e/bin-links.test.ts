import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';

/** Every app's `bin` command, as package.json declares it. */
const BINS = readdirSync(join(REPO_ROOT, 'apps')).flatMap((app) => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', app, 'package.json'), 'utf8')) as {
    bin?: Record<string, string>;
  };
  return Object.keys(pkg.bin ?? {});
});

function runBin(
  name: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The link npm made in node_modules/.bin, run directly as `npx <name>` does: needs the x bit and the shebang.
    const child = spawn(join(REPO_ROOT, 'node_modules', '.bin', name), args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('app commands (npx <app>)', () => {
  it('every app declares a bin', () => {
    expect(BINS).toEqual(expect.arrayContaining(['quickstart', 'sentiment', 'tagger', 'translate']));
  });

  it.each(BINS)('%s --help runs through its node_modules/.bin link and prints its usage', async (name) => {
    const { code, stdout, stderr } = await runBin(name, ['--help']);
    expect(stderr).not.toContain('Permission denied');
    expect(code).toBe(0);
    expect(stdout).toContain(name);
  });
});
