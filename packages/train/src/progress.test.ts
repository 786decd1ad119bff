import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '@recurrent/core';
import { createProgress, formatDuration, formatProgressLine } from './progress.js';

const UPDATE = { epoch: 1, epochs: 3, batch: 25, batches: 100, loss: 0.123456, lr: 0.001, tokensPerSecond: 1234.4 };

describe('formatProgressLine', () => {
  it('shows epoch, batch, percentage, loss, lr, tokens/s and ETA', () => {
    expect(formatProgressLine(UPDATE, 95)).toBe('epoch 2/3 | batch 25/100 (25%) | loss 0.1235 | lr 1.00e-3 | 1234 tok/s | ETA 1m35s');
    expect(formatProgressLine({ ...UPDATE, tokensPerSecond: undefined }, NaN)).toBe('epoch 2/3 | batch 25/100 (25%) | loss 0.1235 | lr 1.00e-3 | ETA ?');
  });

  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(65), formatDuration(7260)]).toEqual(['5s', '1m05s', '2h01m']);
  });
});

describe('createProgress', () => {
  it('logs nothing in quiet mode and plain lines in lines mode', () => {
    const quiet = createMemoryLogger();
    createProgress({ mode: 'quiet', logger: quiet }).update(UPDATE);
    expect(quiet.lines).toEqual([]);
    const lines = createMemoryLogger();
    createProgress({ mode: 'lines', logger: lines }).update(UPDATE);
    expect(lines.lines).toHaveLength(1);
    expect(lines.lines[0]).toMatch(/^epoch 2\/3 \| batch 25\/100/);
  });

  it('draws a bar with loss and tokens/s on a TTY stream in auto mode, not through the logger', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let written = '';
    stream.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const logger = createMemoryLogger();
    const progress = createProgress({ mode: 'auto', logger, stream: stream as unknown as NodeJS.WriteStream });
    progress.update(UPDATE);
    progress.stop();
    expect(logger.lines).toEqual([]);
    expect(written).toMatch(/epoch 2\/3 \[.+\] 25\/100 \| loss 0\.1235 \| 1234 tok\/s \| ETA/);
  });
});
