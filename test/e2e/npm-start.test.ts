import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../architecture/workspace-graph.js';

describe('npm start (scripts/start.mjs)', () => {
  it('trains, evaluates, exports and tags the example sentence on the sample', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'start.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, RECURRENT_BACKEND: '' },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/processed 118 tokens; accuracy: \d+\.\d\d%/);
    expect(run.stderr).toMatch(/stock tfjs reload: .* tags identical, max \|Δ emission\| 0/);
    expect(run.stderr).toContain('tagged 1 sentences, 12 tokens');
    // one "token TAG" line per token of the example sentence, on stdout
    expect(run.stdout.trim().split('\n').filter((line) => /^\S+ [A-Z]+$/.test(line))).toHaveLength(12);
    expect(existsSync(join(REPO_ROOT, 'runs', 'quickstart-pos', 'report.html'))).toBe(true);
  });
});
