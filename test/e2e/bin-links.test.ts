import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';
import { runProcess } from './run-cli.js';

/** Every app's `bin` command, as package.json declares it. */
const BINS = readdirSync(join(REPO_ROOT, 'apps')).flatMap((app) => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', app, 'package.json'), 'utf8')) as {
    bin?: Record<string, string>;
  };
  return Object.keys(pkg.bin ?? {});
});

describe('app commands (npx <app>)', () => {
  it('every app declares a bin', () => {
    expect(BINS).toEqual(expect.arrayContaining(['quickstart', 'sentiment', 'tagger', 'translate']));
  });

  it.each(BINS)('%s --help runs through its node_modules/.bin link and prints its usage', async (name) => {
    // The link npm made in node_modules/.bin, run directly as `npx <name>` does: needs the x bit and the shebang.
    const { code, stdout, stderr } = await runProcess(join(REPO_ROOT, 'node_modules', '.bin', name), [
      '--help',
    ]);
    expect(stderr).not.toContain('Permission denied');
    expect(code).toBe(0);
    expect(stdout).toContain(name);
  });
});
