/**
 * Records of a file read lazily, with counts of what was read and skipped. `summary` is live while
 * iterating and final once the iteration ends; each new iteration re-reads the source and starts
 * the counts again from zero.
 *
 * @example
 * const stream = readConllu('dev.conllu');
 * for await (const sentence of stream) use(sentence);
 * console.log(stream.summary.sentences);
 */
export interface RecordStream<T, S> extends AsyncIterable<T> {
  readonly summary: Readonly<S>;
}

/**
 * Builds a {@link RecordStream} from a summary factory and a generator that fills the summary.
 *
 * @example
 * const stream = recordStream(() => ({ lines: 0 }), async function* (summary) {
 *   for (const l of ['a', 'b']) { summary.lines++; yield l; }
 * });
 * for await (const l of stream) void l; // stream.summary.lines === 2
 */
export function recordStream<T, S extends object>(
  initialSummary: () => S,
  produce: (summary: S) => AsyncGenerator<T>,
): RecordStream<T, S> {
  const summary = initialSummary();
  return {
    summary,
    [Symbol.asyncIterator](): AsyncIterator<T> {
      Object.assign(summary, initialSummary());
      return produce(summary);
    },
  };
}

/**
 * Reads a whole {@link RecordStream} into memory.
 *
 * @example
 * const { records, summary } = await collectRecords(readConllu('dev.conllu'));
 */
export async function collectRecords<T, S>(
  stream: RecordStream<T, S>,
): Promise<{ records: T[]; summary: S }> {
  const records: T[] = [];
  for await (const record of stream) records.push(record);
  return { records, summary: { ...stream.summary } as S };
}
