import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { commonOptions } from './common-options.js';
import { explicitFlags } from './explicit-flags.js';
import { usageFailHandler } from './run-cli.js';

async function parse(args: string[]) {
  return commonOptions(yargs(args))
    .option('epochs', { type: 'number', default: 3, describe: 'passes' })
    .option('learning-rate', { type: 'number', default: 0.1, describe: 'step' })
    .strict()
    .fail(usageFailHandler)
    .parseAsync();
}

describe('commonOptions', () => {
  it('adds the shared options with their defaults', async () => {
    const argv = await parse([]);
    expect({
      backend: argv.backend,
      seed: argv.seed,
      config: argv.config,
      out: argv.out,
      logLevel: argv.logLevel,
      quiet: argv.quiet,
      verbose: argv.verbose,
    }).toEqual({
      backend: 'auto',
      seed: 1234,
      config: undefined,
      out: 'runs/latest',
      logLevel: 'info',
      quiet: false,
      verbose: false,
    });
  });

  it('rejects a backend outside the choices and --quiet with --verbose', async () => {
    await expect(parse(['--backend', 'gpu'])).rejects.toThrow(
      /Invalid values:\s+Argument: backend, Given: "gpu"/,
    );
    await expect(parse(['--quiet', '--verbose'])).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('explicitFlags', () => {
  it('returns only the flags typed on the command line, camelCase', async () => {
    expect(explicitFlags(await parse(['--learning-rate', '0.5', '--seed', '7']))).toEqual({
      learningRate: 0.5,
      seed: 7,
    });
    expect(explicitFlags(await parse([]))).toEqual({});
    expect(explicitFlags(await parse(['--epochs=3']))).toEqual({ epochs: 3 });
  });

  it('refuses argv that was not parsed with commonOptions', () => {
    expect(() => explicitFlags({ _: [], $0: 'x', epochs: 3 })).toThrow(
      /needs argv parsed by a yargs instance set up with commonOptions/,
    );
  });
});
