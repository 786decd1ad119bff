import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../architecture/workspace-graph.js';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args…` as a child process from the repository root and collects its output.
 *
 * @example
 * const { code } = await runProcess('node_modules/.bin/tagger', ['--help']);
 */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
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

/**
 * Runs a built app CLI (`apps/<app>/dist/cli/main.js`) as a child process, as a user would.
 * `npm test` builds before vitest runs, so the dist is current.
 */
export function runAppCli(
  app: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return runProcess(process.execPath, [join(REPO_ROOT, 'apps', app, 'dist', 'cli', 'main.js'), ...args], env);
}
