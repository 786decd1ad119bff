import cliProgress from 'cli-progress';
import type { Logger } from '@recurrent/core';
import type { ProgressMode } from './train-config.js';

/** What the loop reports at each logged step. */
export interface ProgressUpdate {
  readonly epoch: number;
  readonly epochs: number;
  /** Batches done in this epoch, and its number of batches. */
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly lr: number;
  readonly tokensPerSecond?: number;
}

/** Shows training progress; `createProgress` picks the implementation. */
export interface Progress {
  update(update: ProgressUpdate): void;
  /** Ends the current bar (epoch end) so log lines do not interleave with it. */
  stop(): void;
}

/** Options of `createProgress`. */
export interface ProgressOptions {
  readonly mode: ProgressMode;
  readonly logger: Logger;
  /** Where the bar is drawn; its `isTTY` decides `auto`. Defaults to process.stderr. */
  readonly stream?: NodeJS.WriteStream;
}

/** `1m05s`-style duration. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One plain progress line, as printed when stderr is not a TTY. */
export function formatProgressLine(u: ProgressUpdate, etaSeconds: number): string {
  const pct = u.batches === 0 ? 100 : Math.round((100 * u.batch) / u.batches);
  const tps = u.tokensPerSecond === undefined ? '' : ` | ${Math.round(u.tokensPerSecond)} tok/s`;
  return (
    `epoch ${u.epoch + 1}/${u.epochs} | batch ${u.batch}/${u.batches} (${pct}%) | loss ${u.loss.toFixed(4)}` +
    ` | lr ${u.lr.toExponential(2)}${tps} | ETA ${formatDuration(etaSeconds)}`
  );
}

/**
 * Progress display: a cli-progress bar with loss, tokens/s and ETA on a TTY (`bar`, or `auto` on a
 * TTY), plain lines through the logger otherwise (`lines`), or nothing (`quiet`).
 *
 * @example
 * ```ts
 * const progress = createProgress({ mode: 'auto', logger });
 * progress.update({ epoch: 0, epochs: 3, batch: 10, batches: 100, loss: 0.7, lr: 1e-3 });
 * progress.stop();
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const mode = options.mode === 'auto' ? (stream.isTTY ? 'bar' : 'lines') : options.mode;
  if (mode === 'quiet') return { update: () => {}, stop: () => {} };
  if (mode === 'lines') {
    let start = { time: Date.now(), batch: 0, epoch: -1 };
    return {
      update(u) {
        if (u.epoch !== start.epoch) start = { time: Date.now(), batch: u.batch, epoch: u.epoch };
        const elapsed = (Date.now() - start.time) / 1000;
        const done = u.batch - start.batch;
        const eta = done > 0 ? (elapsed / done) * (u.batches - u.batch) : NaN;
        options.logger.info(formatProgressLine(u, eta));
      },
      stop: () => {},
    };
  }
  let bar: cliProgress.SingleBar | null = null;
  return {
    update(u) {
      const payload = {
        ep: `${u.epoch + 1}/${u.epochs}`,
        loss: u.loss.toFixed(4),
        tps: u.tokensPerSecond === undefined ? '-' : String(Math.round(u.tokensPerSecond)),
      };
      if (bar === null) {
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: 'epoch {ep} [{bar}] {value}/{total} | loss {loss} | {tps} tok/s | ETA {eta_formatted}',
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(u.batches, u.batch, payload);
      } else {
        bar.update(u.batch, payload);
      }
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
