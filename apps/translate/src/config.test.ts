import { describe, expect, it } from 'vitest';
import { DEFAULT_TRANSLATE_CONFIG, resolveTranslateConfig, teacherForcingRatio } from './config.js';

describe('resolveTranslateConfig', () => {
  it('fills defaults and keeps given values', () => {
    expect(resolveTranslateConfig({})).toEqual(DEFAULT_TRANSLATE_CONFIG);
    expect(resolveTranslateConfig({ attention: 'dot', layers: 2 })).toMatchObject({ attention: 'dot', layers: 2, hidden: 256 });
    expect(resolveTranslateConfig({ attention: 'bahdanau', maxMinutes: 170 })).toMatchObject({ attention: 'bahdanau', maxMinutes: 170 });
  });

  it('throws a CONFIG error naming the key for bad values and unknown keys', () => {
    expect(() => resolveTranslateConfig({ attention: 'luong' })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/attention.*allowed: none, cho, dot, general, additive, bahdanau/) }));
    expect(() => resolveTranslateConfig({ maxMinutes: -1 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/maxMinutes.*>= 0.*got -1/) }));
    expect(() => resolveTranslateConfig({ layers: 3 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/layers.*1 or 2, got 3/) }));
    expect(() => resolveTranslateConfig({ hiden: 3 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/hiden.*not a translate option/) }));
    expect(() => resolveTranslateConfig({ labelSmoothing: 1 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/labelSmoothing/) }));
  });

  it('schedules the teacher-forcing ratio linearly down to its floor', () => {
    const config = resolveTranslateConfig({ teacherForcing: 1, teacherForcingDecay: 0.1, teacherForcingMin: 0.75 });
    expect([0, 1, 2, 3, 9].map((epoch) => teacherForcingRatio(config, epoch))).toEqual([1, 0.9, 0.8, 0.75, 0.75]);
    expect(() => resolveTranslateConfig({ teacherForcing: 1.5 })).toThrow(expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/teacherForcing.*\[0, 1\], got 1.5/) }));
  });
});
