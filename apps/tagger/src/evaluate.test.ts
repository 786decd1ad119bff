import { describe, expect, it } from 'vitest';
import { conllevalText } from '@recurrent/metrics';
import { formatConfusionTable } from './confusion-table.js';
import { scoreTags, toReportScheme } from './evaluate.js';

describe('scoreTags', () => {
  const words = [['Mira', 'Lee', 'left', 'Oslo'], ['EU', 'rules']];
  const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['B-ORG', 'O']];
  const pred = [['B-PER', 'I-PER', 'O', 'B-ORG'], ['B-ORG', 'O']];

  it('gives conlleval P/R/F1 equal to conlleval on the same token/gold/pred file', () => {
    const scores = scoreTags(gold, pred, words, true);
    const text = words.map((s, i) => s.map((w, t) => `${w} ${gold[i]![t]} ${pred[i]![t]}`).join('\n')).join('\n\n');
    const reference = conllevalText(`${text}\n`);
    expect(scores.metrics['f1']).toBeCloseTo(reference.fb1, 10);
    expect(scores.metrics['precision']).toBeCloseTo(200 / 3, 6); // 2 of 3 found phrases correct
    expect(scores.metrics['accuracy']).toBeCloseTo(500 / 6, 6);
    expect(scores.confusion.labels).toEqual(['B-LOC', 'B-ORG', 'B-PER', 'I-PER', 'O']);
    expect(formatConfusionTable(scores.confusion).split('\n')[1]).toBe('B-LOC         0     1     0     0     0');
  });

  it('scores POS tags by accuracy only', () => {
    expect(scoreTags([['DET', 'NOUN']], [['DET', 'VERB']], [['the', 'cat']], false).metrics).toEqual({ accuracy: 50 });
  });
});

describe('toReportScheme', () => {
  it('converts IOBES output tag by tag to IOB2', () => {
    expect(toReportScheme(['S-PER', 'B-LOC', 'E-LOC', 'O'], { scheme: 'IOBES' })).toEqual(['B-PER', 'B-LOC', 'I-LOC', 'O']);
  });
});
