import { afterEach, describe, expect, it } from 'vitest';
import type { CommandModule } from 'yargs';
import { appMain } from './app-main.js';
import type { CommonArgs } from './common-options.js';

const seen: string[] = [];
const show: CommandModule<CommonArgs, CommonArgs> = {
  command: 'show',
  describe: 'record --out and --seed',
  handler: (argv) => {
    seen.push(`${argv.out} ${argv.seed}`);
  },
};
const fail: CommandModule<CommonArgs, CommonArgs> = {
  command: 'fail',
  describe: 'throw from the handler',
  handler: () => {
    throw new TypeError('boom');
  },
};

const greet: CommandModule<CommonArgs, CommonArgs> = {
  command: ['greet <who>', 'hello'],
  describe: 'a command with a positional argument and an alias',
  handler: () => {},
};

/** Runs the demo app on `args`; returns its exit code and what it printed. */
async function run(
  args: string[],
  options: { out?: string; noCommand?: string } = {},
): Promise<{ code: number; printed: string }> {
  let printed = '';
  const code = await appMain({
    name: 'demo',
    usage: 'A demo app.',
    commands: [show, fail, greet],
    wrap: 100,
    ...options,
    args,
    write: (text) => (printed += text),
  });
  return { code, printed };
}

afterEach(() => {
  seen.length = 0;
  process.exitCode = undefined;
});

describe('appMain', () => {
  it('runs the named command with the common options and the app default of --out', async () => {
    expect(await run(['show'])).toEqual({ code: 0, printed: '' });
    expect(await run(['show', '--out', 'elsewhere', '--seed', '7'])).toEqual({ code: 0, printed: '' });
    expect(await run(['show'], { out: 'runs/other' })).toEqual({ code: 0, printed: '' });
    expect(seen).toEqual(['runs/demo 1234', 'elsewhere 7', 'runs/other 1234']);
  });

  it('rejects an unknown command, an unknown flag and a missing command through the usage handler (exit 2)', async () => {
    expect(await run(['bogus'])).toEqual({
      code: 2,
      printed: 'error: Unknown argument: bogus\nRun with --help for usage.\n',
    });
    expect(process.exitCode).toBe(2);
    expect(await run(['show', '--frob'])).toEqual({
      code: 2,
      printed: 'error: Unknown argument: frob\nRun with --help for usage.\n',
    });
    expect(await run([])).toEqual({
      code: 2,
      printed: 'error: give a command: show, fail or greet\nRun with --help for usage.\n',
    });
    expect(await run([], { noCommand: 'name a command' })).toEqual({
      code: 2,
      printed: 'error: name a command: show, fail or greet\nRun with --help for usage.\n',
    });
    expect(seen).toEqual([]);
  });

  it("prints a handler's exception as an internal error (exit 1), with the stack only under --verbose", async () => {
    expect(await run(['fail'])).toEqual({
      code: 1,
      printed: 'internal error: boom\nRun with --verbose for the stack trace.\n',
    });
    const verbose = await run(['fail', '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.printed).toMatch(
      /^internal error: boom\nTypeError: boom\n {4}at .*app-main\.test\.ts:\d+:\d+/,
    );
  });
});
