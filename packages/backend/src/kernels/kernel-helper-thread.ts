import { RecurrentError } from '@recurrent/core';

/** Control-block slots (Int32Array over a SharedArrayBuffer). */
const STATE = 0;
const EXPORT = 1;
const ARGC = 2;
const ARGS = 3;
const MAX_ARGS = 32;
/** States: idle, job posted, job done, job failed. */
const IDLE = 0;
const POSTED = 1;
const DONE = 2;
const FAILED = 3;
/** A job that takes longer than this is taken for a dead helper. */
const JOB_TIMEOUT_MS = 60_000;

/**
 * The helper thread's program (a Node worker, `eval: true`): instantiates the kernels' module on
 * the shared memory and runs each posted export call, flagging completion in the control block.
 */
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, names } = workerData;
const instance = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error('abort'); } } });
const ctl = new Int32Array(control);
for (;;) {
  let state;
  while ((state = Atomics.load(ctl, ${STATE})) !== ${POSTED}) Atomics.wait(ctl, ${STATE}, state);
  try {
    const args = [];
    for (let i = 0; i < ctl[${ARGC}]; i++) args.push(ctl[${ARGS} + i]);
    instance.exports[names[ctl[${EXPORT}]]](...args);
    Atomics.store(ctl, ${STATE}, ${DONE});
  } catch (error) {
    Atomics.store(ctl, ${STATE}, ${FAILED});
  }
  Atomics.notify(ctl, ${STATE});
}
`;

/**
 * A second thread running exports of the kernels' module on the same shared memory: the fused
 * recurrences split their batch rows (independent until the weight gradients are summed) between
 * the calling thread and this one. {@link KernelHelperThread.post} starts a call,
 * {@link KernelHelperThread.join} blocks until it is done (`Atomics.wait`, allowed on Node's main
 * thread). Node only; the worker is `unref`'d, so it never keeps a process alive.
 *
 * @example
 * const helper = await startKernelHelperThread(module, memory, ['lstmForward']);
 * helper?.post('lstmForward', args); // rows b0… on the helper
 * // … the calling thread runs the other rows …
 * helper?.join();
 */
export class KernelHelperThread {
  private busy = false;

  constructor(
    private readonly control: Int32Array,
    private readonly names: readonly string[],
  ) {}

  /** Starts `exportName(...args)` (int32 arguments) on the helper thread. */
  post(exportName: string, args: readonly number[]): void {
    const index = this.names.indexOf(exportName);
    if (index < 0 || args.length > MAX_ARGS || this.busy) {
      throw new RecurrentError('INTERNAL', `kernel helper thread: cannot post ${exportName} (${args.length} arguments, busy: ${this.busy})`);
    }
    this.control[EXPORT] = index;
    this.control[ARGC] = args.length;
    args.forEach((a, i) => (this.control[ARGS + i] = a));
    this.busy = true;
    Atomics.store(this.control, STATE, POSTED);
    Atomics.notify(this.control, STATE);
  }

  /** Waits for the posted call; throws if it failed or the helper stopped answering. */
  join(): void {
    if (!this.busy) return;
    const started = Date.now();
    let state = Atomics.load(this.control, STATE);
    while (state === POSTED) {
      if (Date.now() - started > JOB_TIMEOUT_MS) throw new RecurrentError('BACKEND', 'kernel helper thread did not answer within 60 s');
      Atomics.wait(this.control, STATE, POSTED, 1000);
      state = Atomics.load(this.control, STATE);
    }
    this.busy = false;
    Atomics.store(this.control, STATE, IDLE);
    if (state === FAILED) throw new RecurrentError('INTERNAL', 'a fused recurrence kernel failed on the helper thread');
  }
}

/**
 * Loads a Node built-in by a name bundlers leave alone (call it only in Node).
 *
 * @example
 * const os = await nodeBuiltin<typeof import('node:os')>('node:os');
 */
export async function nodeBuiltin<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

interface WorkerLike {
  unref(): void;
  on(event: 'error', listener: (error: unknown) => void): void;
}

/**
 * Starts the helper thread when this is Node with shared memory (else resolves null: one thread).
 *
 * @example
 * const helper = await startKernelHelperThread(module, memory, ['lstmForward', 'lstmBackward']);
 */
export async function startKernelHelperThread(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  names: readonly string[],
): Promise<KernelHelperThread | null> {
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  if (!isNode || typeof SharedArrayBuffer === 'undefined' || !(memory.buffer instanceof SharedArrayBuffer)) return null;
  const { Worker } = await nodeBuiltin<{ Worker: new (source: string, options: object) => WorkerLike }>('node:worker_threads');
  const control = new SharedArrayBuffer(4 * (ARGS + MAX_ARGS));
  const worker = new Worker(HELPER_SOURCE, { eval: true, workerData: { module, memory, control, names: [...names] } });
  worker.on('error', () => {
    // A dead helper makes join() time out with a BACKEND error; nothing else to do here.
  });
  worker.unref();
  return new KernelHelperThread(new Int32Array(control), names);
}
