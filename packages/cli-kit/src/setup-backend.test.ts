import { createMemoryLogger } from '@recurrent/core';
import { describe, expect, it } from 'vitest';
import { setupBackend } from './setup-backend.js';

describe('setupBackend', () => {
  it('initialises the backend named by --backend and logs the choice', async () => {
    const logger = createMemoryLogger();
    const info = await setupBackend({ backend: 'cpu' }, logger);
    expect(info.name).toBe('cpu');
    expect(logger.lines.some((line) => line.includes('cpu'))).toBe(true);
  });
});
