import type { BackendInfo } from '@recurrent/backend';
import { SILENT_LOGGER, type Logger } from '@recurrent/core';

/**
 * Initialises the tfjs backend named by `--backend`, with `--kernel-threads` (through `@recurrent/backend`'s
 * `initBackend`, which logs the choice). `@recurrent/backend` is imported only here, so a CLI
 * that fails on its arguments never loads tfjs.
 *
 * @example
 * const info = await setupBackend(argv, logger); // logs e.g. "backend: wasm (…)"
 */
export async function setupBackend(
  args: { readonly backend?: string; readonly kernelThreads?: string },
  logger: Logger = SILENT_LOGGER,
): Promise<BackendInfo> {
  const { initBackend, parseKernelThreads } = await import('@recurrent/backend');
  return initBackend({
    ...(args.backend === undefined || args.backend === 'auto' ? {} : { prefer: args.backend }),
    // `auto` (the flag's default) defers to RECURRENT_KERNEL_THREADS, then to the core count.
    ...(args.kernelThreads === undefined || args.kernelThreads === 'auto' ? {} : { kernelThreads: parseKernelThreads(args.kernelThreads, '--kernel-threads') }),
    logger,
  });
}
