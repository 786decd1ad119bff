import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { usageFailHandler } from './run-cli.js';

// yargs may throw synchronously from parseAsync; the async wrapper turns that into a rejection.
describe('usageFailHandler', () => {
  it('turns a .check() that returns a message into a USAGE error', async () => {
    const parse = (async () =>
      yargs(['--a', '--b'])
        .option('a', { type: 'boolean', default: false })
        .option('b', { type: 'boolean', default: false })
        .check((args) => !(args.a && args.b) || '--a and --b cannot be used together')
        .fail(usageFailHandler)
        .parseAsync())();
    await expect(parse).rejects.toMatchObject({
      code: 'USAGE',
      message: '--a and --b cannot be used together',
    });
  });

  it('lets an exception thrown by a command handler through unchanged', async () => {
    const boom = new TypeError('boom');
    const parse = (async () =>
      yargs(['go'])
        .command('go', 'fails', {}, () => {
          throw boom;
        })
        .fail(usageFailHandler)
        .parseAsync())();
    await expect(parse).rejects.toBe(boom);
  });

  it('turns an unknown flag under strict() into a USAGE error', async () => {
    const parse = (async () => yargs(['--nope']).strict().fail(usageFailHandler).parseAsync())();
    await expect(parse).rejects.toMatchObject({ code: 'USAGE', message: 'Unknown argument: nope' });
  });
});
