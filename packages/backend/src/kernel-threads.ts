import { ConfigError } from '@recurrent/core';
import { nodeBuiltin } from './kernels/kernel-helper-thread.js';
import { loadRecurrenceModule } from './kernels/recurrence-module.js';

/** Thread counts the fused recurrence kernels accept; `auto` is 2 on a machine with two or more cores. */
export type KernelThreads = 1 | 2 | 'auto';

/** The environment variable read when `initBackend` gets no `kernelThreads`. */
export const KERNEL_THREADS_ENV_VAR = 'RECURRENT_KERNEL_THREADS';

/**
 * Checks a thread count given by a user (`--kernel-threads`, `RECURRENT_KERNEL_THREADS`); absent or
 * empty is `auto`.
 *
 * @throws ConfigError (code `CONFIG`) naming the allowed values.
 * @example
 * parseKernelThreads('2'); // 2
 * parseKernelThreads(undefined); // 'auto'
 */
export function parseKernelThreads(value: unknown, source = KERNEL_THREADS_ENV_VAR): KernelThreads {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : value;
  if (text === undefined || text === '' || text === 'auto') return 'auto';
  if (text === '1' || text === '2') return Number(text) as 1 | 2;
  throw new ConfigError(source, `must be 1, 2 or auto, got ${JSON.stringify(value)}`);
}

/** Cores this process may use: Node's `availableParallelism`, a browser's `hardwareConcurrency`, else 1. */
async function availableCores(): Promise<number> {
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    const os = await nodeBuiltin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  const hardware = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof hardware === 'number' && hardware > 0 ? hardware : 1;
}

/**
 * The thread count to ask the fused kernels for: `auto` is 2 with two or more cores, else 1.
 *
 * @example
 * await resolveKernelThreads('auto'); // 2 on this 2-core machine
 */
export async function resolveKernelThreads(requested: KernelThreads): Promise<1 | 2> {
  if (requested !== 'auto') return requested;
  return (await availableCores()) >= 2 ? 2 : 1;
}

/**
 * Threads the fused kernels really run on when asked for `requested`: 2 only where a helper
 * thread could start (Node with shared memory).
 *
 * @example
 * await recurrenceKernelThreads(2); // 2 in Node, 1 in a browser
 */
export async function recurrenceKernelThreads(requested: 1 | 2): Promise<1 | 2> {
  return requested === 1 ? 1 : ((await loadRecurrenceModule({ threads: requested })).threads as 1 | 2);
}
