import { lineBatchesOfString, readLineBatches, type LineBatch } from '../line-reader.js';
import { collectRecords, recordStream, type RecordStream } from '../record-stream.js';
import { type SentimentTree, parseSentimentTree, treeNodes } from './sentiment-tree.js';
import { binariseSst } from './sst-labels.js';

/** A labelled phrase of a tree: tokens `start` to `end` (exclusive) and their text. */
export interface SstPhrase {
  readonly label: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One tree of an SST file. */
export interface SstTreeRecord {
  /** 1-based line of the tree. */
  readonly line: number;
  /** Root label: 0–4, or 0–1 with `binary`. */
  readonly label: number;
  readonly tokens: readonly string[];
  /** The tokens joined by single spaces. */
  readonly text: string;
  /** Every node in pre-order (root first, leaves included); with `binary`, neutral ones are left out. */
  readonly phrases: readonly SstPhrase[];
  /** The parsed tree with the original 0–4 labels. */
  readonly tree: SentimentTree;
}

/** Options of {@link readSstTrees}. */
export interface SstTreeOptions {
  /** SST-2: map 0,1 → 0 and 3,4 → 1, drop (and count) neutral trees and phrases. */
  readonly binary?: boolean;
}

/** Counts of what an SST tree reader read and dropped. */
export interface SstTreeSummary {
  lines: number;
  /** Trees parsed (including dropped neutral ones). */
  trees: number;
  /** Trees yielded. */
  sentences: number;
  /** Leaves of all parsed trees. */
  tokens: number;
  /** Phrases yielded. */
  phrases: number;
  /** Root labels 0–4 of all parsed trees. */
  rootLabels: number[];
  /** Trees dropped by `binary` because the root is neutral. */
  droppedNeutral: number;
  /** Phrases of yielded trees dropped by `binary` because they are neutral. */
  droppedNeutralPhrases: number;
  /** Blank lines, skipped. */
  blankLines: number;
}

function emptySummary(): SstTreeSummary {
  return {
    lines: 0,
    trees: 0,
    sentences: 0,
    tokens: 0,
    phrases: 0,
    rootLabels: [0, 0, 0, 0, 0],
    droppedNeutral: 0,
    droppedNeutralPhrases: 0,
    blankLines: 0,
  };
}

async function* parseTrees(
  batches: AsyncIterable<LineBatch> | Iterable<LineBatch>,
  file: string,
  options: SstTreeOptions,
  summary: SstTreeSummary,
): AsyncGenerator<SstTreeRecord> {
  const binary = options.binary === true;
  for await (const { first, lines } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] as string;
      const line = first + i;
      summary.lines++;
      if (text.trim() === '') {
        summary.blankLines++;
        continue;
      }
      const tree = parseSentimentTree(text, { file, line });
      const tokens: string[] = [];
      const nodes = treeNodes(tree);
      for (const node of nodes) if (node.token !== undefined) tokens.push(node.token);
      summary.trees++;
      summary.tokens += tokens.length;
      summary.rootLabels[tree.label] = (summary.rootLabels[tree.label] ?? 0) + 1;
      const label = binary ? binariseSst(tree.label) : tree.label;
      if (label === undefined) {
        summary.droppedNeutral++;
        continue;
      }
      const phrases: SstPhrase[] = [];
      for (const node of nodes) {
        const phraseLabel = binary ? binariseSst(node.label) : node.label;
        if (phraseLabel === undefined) {
          summary.droppedNeutralPhrases++;
          continue;
        }
        phrases.push({
          label: phraseLabel,
          start: node.start,
          end: node.end,
          text: tokens.slice(node.start, node.end).join(' '),
        });
      }
      summary.sentences++;
      summary.phrases += phrases.length;
      yield { line, label, tokens, text: tokens.join(' '), phrases, tree };
    }
  }
}

/**
 * Streams the trees of an SST PTB file (`trees/train.txt`, one tree per line; gzip, BOM and CRLF
 * accepted) with the root label, the sentence and every labelled phrase. Malformed trees throw a
 * `DataFormatError` at `file:line:col`.
 *
 * @example
 * const stream = readSstTrees('sst5/trees/dev.txt', { binary: true });
 * for await (const { label, text } of stream) use(label, text);
 * stream.summary.droppedNeutral; // 229
 */
export function readSstTrees(
  path: string,
  options: SstTreeOptions = {},
): RecordStream<SstTreeRecord, SstTreeSummary> {
  return recordStream(emptySummary, (summary) => parseTrees(readLineBatches(path), path, options, summary));
}

/**
 * {@link readSstTrees} for text in memory; `name` appears in errors.
 *
 * @example
 * const { records } = await collectRecords(readSstTreesString('(3 (2 It) (4 works))', 'x'));
 */
export function readSstTreesString(
  content: string,
  name: string,
  options: SstTreeOptions = {},
): RecordStream<SstTreeRecord, SstTreeSummary> {
  return recordStream(emptySummary, (summary) =>
    parseTrees(lineBatchesOfString(content), name, options, summary),
  );
}

/**
 * Reads a whole SST tree file into memory.
 *
 * @example
 * const { trees, summary } = await loadSstTrees('sst5/trees/train.txt');
 * summary.rootLabels; // [1092, 2218, 1624, 2322, 1288]
 */
export async function loadSstTrees(
  path: string,
  options: SstTreeOptions = {},
): Promise<{ trees: SstTreeRecord[]; summary: SstTreeSummary }> {
  const { records, summary } = await collectRecords(readSstTrees(path, options));
  return { trees: records, summary };
}
