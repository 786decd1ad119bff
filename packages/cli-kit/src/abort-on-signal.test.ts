import { describe, expect, it } from 'vitest';
import { createAbortOnSignal } from './abort-on-signal.js';

describe('createAbortOnSignal', () => {
  it('aborts on the first signal, calls onSecond on the next, and removes its listeners', () => {
    const seen: string[] = [];
    const before = process.listenerCount('SIGTERM');
    const stop = createAbortOnSignal({
      signals: ['SIGTERM'],
      onFirst: (s) => seen.push(`first ${s}`),
      onSecond: (s) => seen.push(`second ${s}`),
    });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(stop.signal.aborted).toBe(false);
    process.emit('SIGTERM', 'SIGTERM');
    expect(stop.signal.aborted).toBe(true);
    expect(stop.signal.reason).toBe('SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    expect(seen).toEqual(['first SIGTERM', 'second SIGTERM']);
    stop.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
