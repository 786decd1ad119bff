/** Options of {@link createAbortOnSignal}. */
export interface AbortOnSignalOptions {
  /** Signals to watch; default SIGINT and SIGTERM. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Called on the first signal (e.g. to log "stopping after this step; press Ctrl-C again to quit"). */
  readonly onFirst?: (signal: NodeJS.Signals) => void;
  /** Called on the second signal; default exits at once with 128 + signal number (130 for SIGINT). */
  readonly onSecond?: (signal: NodeJS.Signals) => void;
}

/** What {@link createAbortOnSignal} returns. */
export interface AbortOnSignal {
  /** Aborted on the first signal, with the signal name as reason. */
  readonly signal: AbortSignal;
  /** Removes the process listeners. */
  dispose(): void;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/**
 * An AbortSignal that fires on the first SIGINT/SIGTERM, so a training loop can save a
 * checkpoint and stop; the second signal exits immediately.
 *
 * @example
 * const stop = createAbortOnSignal({ onFirst: () => logger.warn('stopping after this step') });
 * try { await runTrain(config, { logger, signal: stop.signal }); } finally { stop.dispose(); }
 */
export function createAbortOnSignal(options: AbortOnSignalOptions = {}): AbortOnSignal {
  const signals = options.signals ?? (['SIGINT', 'SIGTERM'] as const);
  const controller = new AbortController();
  const onSecond =
    options.onSecond ?? ((signal: NodeJS.Signals) => process.exit(128 + (SIGNAL_NUMBERS[signal] ?? 0)));
  const listener = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      onSecond(signal);
      return;
    }
    controller.abort(signal);
    options.onFirst?.(signal);
  };
  for (const s of signals) process.on(s, listener);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of signals) process.off(s, listener);
    },
  };
}
