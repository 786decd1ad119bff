import { DataFormatError, assertOneOf } from '@recurrent/core';
import { readLines } from '../line-reader.js';
import { recordStream, type RecordStream } from '../record-stream.js';
import {
  EMPTY_SIDE_POLICIES,
  emptyParallelSummary,
  type EmptySidePolicy,
  type ParallelPair,
  type ParallelReadSummary,
} from './parallel-pair.js';

/** Options of {@link readAlignedPairs}. */
export interface AlignedPairsOptions {
  /** A line empty in one file only: throw (default) or skip the pair and count it. */
  readonly emptySide?: EmptySidePolicy;
}

/**
 * Streams pairs from two line-aligned files (Multi30k `train.en.gz` / `train.de.gz`): line i of
 * `sourcePath` is parallel to line i of `targetPath`. Both are read in lock step, never buffered whole.
 * When one file ends first, throws a DataFormatError naming both files and the line where one ended.
 * A line blank in both files is counted and skipped; blank in one only throws unless `emptySide: 'skip'`.
 *
 * @example
 * const pairs = readAlignedPairs('multi30k/train.de.gz', 'multi30k/train.en.gz');
 * for await (const { source, target, line } of pairs) console.log(line, source, target);
 * console.log(pairs.summary.pairs); // 29000 on the full training split
 */
export function readAlignedPairs(
  sourcePath: string,
  targetPath: string,
  options: AlignedPairsOptions = {},
): RecordStream<ParallelPair, ParallelReadSummary> {
  const emptySide = options.emptySide ?? 'error';
  assertOneOf(emptySide, 'emptySide', EMPTY_SIDE_POLICIES);

  return recordStream(emptyParallelSummary, async function* (summary) {
    const sources = readLines(sourcePath)[Symbol.asyncIterator]();
    const targets = readLines(targetPath)[Symbol.asyncIterator]();
    try {
      for (;;) {
        const [s, t] = await Promise.all([sources.next(), targets.next()]);
        if (s.done === true && t.done === true) return;
        if (s.done === true || t.done === true) {
          const [ended, longer] = s.done === true ? [sourcePath, targetPath] : [targetPath, sourcePath];
          throw new DataFormatError(
            { file: longer, line: summary.lines + 1 },
            `line count mismatch: ${ended} ended after ${summary.lines} lines, but ${longer} continues at line ${summary.lines + 1}; expected the same number of lines in both files`,
          );
        }
        const line = s.value.line;
        summary.lines++;
        const sourceEmpty = s.value.text.trim() === '';
        const targetEmpty = t.value.text.trim() === '';
        if (sourceEmpty && targetEmpty) {
          summary.blankLines++;
          continue;
        }
        if (sourceEmpty || targetEmpty) {
          if (emptySide === 'skip') {
            summary.skippedEmptySide++;
            continue;
          }
          const [file, other] = sourceEmpty ? [sourcePath, targetPath] : [targetPath, sourcePath];
          throw new DataFormatError(
            { file, line, column: 1 },
            `expected a sentence, found an empty line while ${other}:${line} has one (use emptySide: 'skip' to skip such pairs)`,
          );
        }
        summary.pairs++;
        yield { source: s.value.text, target: t.value.text, line, extra: [] };
      }
    } finally {
      await Promise.all([sources.return?.(undefined), targets.return?.(undefined)]);
    }
  });
}
