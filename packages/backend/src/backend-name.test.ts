import { describe, expect, it } from 'vitest';
import { parseBackendName } from './backend-name.js';

describe('parseBackendName', () => {
  it('accepts the allowed names in any case and with spaces', () => {
    expect(parseBackendName(' WASM ', '--backend')).toBe('wasm');
    expect(parseBackendName('tensorflow', '--backend')).toBe('tensorflow');
  });

  it('names the source and lists the allowed values when the name is unknown', () => {
    expect(() => parseBackendName('gpu', '--backend')).toThrowError(
      '--backend must be one of the allowed backends, got "gpu"; allowed: auto, tensorflow, wasm, cpu',
    );
  });
});
