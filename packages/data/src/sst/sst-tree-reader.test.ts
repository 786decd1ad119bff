import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectRecords } from '../record-stream.js';
import { parseSentimentTree, treeNodes, treeTokens } from './sentiment-tree.js';
import { binariseSst } from './sst-labels.js';
import { loadSstTrees, readSstTreesString } from './sst-tree-reader.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/sst');
const fixture = (name: string): string => join(FIXTURES, name);

describe('parseSentimentTree', () => {
  it('reads labels, tokens and token spans of every node', () => {
    const tree = parseSentimentTree("(3 (2 It) (4 (2 's) (3 great)))", { file: 'x', line: 1 });
    expect(tree.label).toBe(3);
    expect(treeTokens(tree)).toEqual(['It', "'s", 'great']);
    expect(treeNodes(tree).map((n) => [n.label, n.start, n.end, n.token ?? null])).toEqual([
      [3, 0, 3, null],
      [2, 0, 1, 'It'],
      [4, 1, 3, null],
      [2, 1, 2, "'s"],
      [3, 2, 3, 'great'],
    ]);
  });
});

describe('binariseSst', () => {
  it('maps 0,1 to 0 and 3,4 to 1 and drops 2', () => {
    expect([0, 1, 2, 3, 4].map(binariseSst)).toEqual([0, 0, undefined, 1, 1]);
  });
});

describe('readSstTrees', () => {
  it('gives the root label, the sentence and every phrase with its text', async () => {
    const { trees, summary } = await loadSstTrees(fixture('trees-valid.txt'));
    expect(trees.map((t) => [t.line, t.label, t.text])).toEqual([
      [1, 3, "It 's great"],
      [2, 2, 'Just fine'],
      [3, 1, 'Awful but well acted'],
    ]);
    expect(trees[0]?.phrases).toEqual([
      { label: 3, start: 0, end: 3, text: "It 's great" },
      { label: 2, start: 0, end: 1, text: 'It' },
      { label: 4, start: 1, end: 3, text: "'s great" },
      { label: 2, start: 1, end: 2, text: "'s" },
      { label: 3, start: 2, end: 3, text: 'great' },
    ]);
    expect(summary).toEqual({
      lines: 3,
      trees: 3,
      sentences: 3,
      tokens: 9,
      phrases: 15,
      rootLabels: [0, 1, 1, 1, 0],
      droppedNeutral: 0,
      droppedNeutralPhrases: 0,
      blankLines: 0,
    });
  });

  it('binarises for SST-2, dropping and counting neutral trees and phrases', async () => {
    const { trees, summary } = await loadSstTrees(fixture('trees-valid.txt'), { binary: true });
    expect(trees.map((t) => [t.label, t.text])).toEqual([
      [1, "It 's great"],
      [0, 'Awful but well acted'],
    ]);
    expect(trees[0]?.phrases.map((p) => [p.label, p.text])).toEqual([
      [1, "It 's great"],
      [1, "'s great"],
      [1, 'great'],
    ]);
    expect(summary).toMatchObject({
      trees: 3,
      sentences: 2,
      droppedNeutral: 1,
      phrases: 3 + 4,
      droppedNeutralPhrases: 2 + 3,
    });
  });

  it('accepts CRLF, a BOM and a trailing blank line, counting the blank', async () => {
    const text = readFileSync(fixture('trees-valid.txt'), 'utf8');
    const stream = readSstTreesString(`\uFEFF${text.replace(/\n/g, '\r\n')}\r\n`, 'crlf.txt');
    const { records, summary } = await collectRecords(stream);
    expect(records.map((r) => r.text)).toEqual(["It 's great", 'Just fine', 'Awful but well acted']);
    expect(summary.blankLines).toBe(1);
  });
});

describe('readSstTrees errors', () => {
  const cases: [string, string][] = [
    [
      'unbalanced.txt',
      'unbalanced.txt:1:31: expected ")" to close the node opened at column 1, got the end of the line',
    ],
    ['extra-paren.txt', 'extra-paren.txt:2:21: expected the end of the line after the tree, got ")"'],
    ['bad-label.txt', 'bad-label.txt:1:12: expected a sentiment label 0-4, got "7"'],
    ['missing-token.txt', 'missing-token.txt:1:14: expected a token or "(", got ")"'],
  ];
  it.each(cases)('reports %s with file:line:col', async (name, message) => {
    const stream = readSstTreesString(readFileSync(fixture(name), 'utf8'), name);
    await expect(collectRecords(stream)).rejects.toMatchObject({ code: 'DATA_FORMAT', message });
  });
});
