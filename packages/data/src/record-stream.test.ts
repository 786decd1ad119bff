import { describe, expect, it } from 'vitest';
import { collectRecords, recordStream } from './record-stream.js';

describe('recordStream', () => {
  it('fills a live summary and restarts it on each iteration', async () => {
    const stream = recordStream(
      () => ({ read: 0 }),
      async function* (summary) {
        for (const item of ['a', 'b', 'c']) {
          summary.read++;
          yield item;
        }
      },
    );
    const live: number[] = [];
    for await (const _ of stream) live.push(stream.summary.read);
    expect(live).toEqual([1, 2, 3]);
    const { records, summary } = await collectRecords(stream);
    expect(records).toEqual(['a', 'b', 'c']);
    expect(summary).toEqual({ read: 3 });
  });
});
