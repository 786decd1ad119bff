import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGGER_CONFIG, resolveTaggerConfig } from './config.js';

describe('resolveTaggerConfig', () => {
  it('fills defaults and keeps given keys', () => {
    const config = resolveTaggerConfig({ format: 'conll', column: 'ner', scheme: 'IOBES', hidden: 64 });
    expect(config).toEqual({ ...DEFAULT_TAGGER_CONFIG, format: 'conll', column: 'ner', scheme: 'IOBES', hidden: 64 });
  });

  it('throws a ConfigError naming the key for unknown keys and bad values', () => {
    expect(() => resolveTaggerConfig({ hiden: 3 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/hiden.*is not a tagger option/) }));
    expect(() => resolveTaggerConfig({ layers: 3 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/layers.*\[1, 2\], got 3/) }));
    expect(() => resolveTaggerConfig({ column: 'ner' })).toThrow(expect.objectContaining({ message: expect.stringMatching(/UPOS or XPOS/) }));
    expect(() => resolveTaggerConfig({ scheme: 'IOB1' })).toThrow(expect.objectContaining({ message: expect.stringMatching(/allowed: none, IOB2, IOBES/) }));
  });
});
