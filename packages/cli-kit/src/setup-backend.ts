import type { BackendInfo } from '@recurrent/backend';
import { SILENT_LOGGER, type Logger } from '@recurrent/core';

/**
 * Initialises the tfjs backend named by `--backend` (through `@recurrent/backend`'s
 * `initBackend`, which logs the choice). `@recurrent/backend` is imported only here, so a CLI
 * that fails on its arguments never loads tfjs.
 *
 * @example
 * const info = await setupBackend(argv, logger); // logs e.g. "backend: wasm (…)"
 */
export async function setupBackend(
  args: { readonly backend?: string },
  logger: Logger = SILENT_LOGGER,
): Promise<BackendInfo> {
  const { initBackend } = await import('@recurrent/backend');
  return initBackend({
    ...(args.backend === undefined || args.backend === 'auto' ? {} : { prefer: args.backend }),
    logger,
  });
}
