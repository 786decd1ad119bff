import type { AtomicFile } from './atomic-file.js';

const FLUSH_AT = 1 << 16;

/**
 * Collects small strings and writes them to an {@link AtomicFile} in chunks of about 64 KiB, so that
 * writers producing one line at a time do not make one system call per line.
 *
 * @example
 * const out = new BufferedWriter(file);
 * await out.push('a\tb\n');
 * await out.flush();
 */
export class BufferedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly file: AtomicFile) {}

  /** Queues `text`; writes when the buffer is full. */
  async push(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  /** Writes whatever is queued. */
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.file.write(text);
  }
}
