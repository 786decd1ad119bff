import { RecurrentError } from '@recurrent/core';

/** A key path into a JSON document, e.g. `['annotations', 3, 'caption']`. */
export type JsonPath = readonly (string | number)[];

/** 1-based line and column of a character offset, from the offsets where lines start. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/**
 * Maps character offsets of a text to `line:column` (1-based) by binary search over line starts.
 * Used to give JSON errors compiler-style locations without a position-tracking parser.
 *
 * @example
 * const where = new JsonLocator('{\n  "a": [1, 2]\n}');
 * where.lineColumn(where.offsetOf(['a', 1])); // { line: 2, column: 12 }
 */
export class JsonLocator {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of `offset`. */
  lineColumn(offset: number): LineColumn {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] as number) + 1 };
  }

  /** Offset where the value at `path` starts, or where the deepest existing parent starts. */
  offsetOf(path: JsonPath): number {
    let pos = this.skipSpace(0);
    for (const key of path) {
      const child = typeof key === 'number' ? this.element(pos, key) : this.member(pos, key);
      if (child < 0) return pos;
      pos = child;
    }
    return pos;
  }

  /** Offsets where each element of the array at `path` starts (empty if it is not an array). */
  elementOffsets(path: JsonPath): number[] {
    const start = this.offsetOf(path);
    const offsets: number[] = [];
    if (this.text[start] !== '[') return offsets;
    let pos = this.skipSpace(start + 1);
    while (pos < this.text.length && this.text[pos] !== ']') {
      offsets.push(pos);
      pos = this.skipSpace(this.skipValue(pos));
      if (this.text[pos] === ',') pos = this.skipSpace(pos + 1);
    }
    return offsets;
  }

  private element(pos: number, index: number): number {
    if (this.text[pos] !== '[') return -1;
    let at = this.skipSpace(pos + 1);
    for (let i = 0; at < this.text.length && this.text[at] !== ']'; i++) {
      if (i === index) return at;
      at = this.skipSpace(this.skipValue(at));
      if (this.text[at] === ',') at = this.skipSpace(at + 1);
    }
    return -1;
  }

  private member(pos: number, key: string): number {
    if (this.text[pos] !== '{') return -1;
    let at = this.skipSpace(pos + 1);
    while (at < this.text.length && this.text[at] === '"') {
      const keyEnd = this.skipString(at);
      const name = JSON.parse(this.text.slice(at, keyEnd)) as string;
      at = this.skipSpace(keyEnd);
      if (this.text[at] !== ':') return -1;
      const valueStart = this.skipSpace(at + 1);
      if (name === key) return valueStart;
      at = this.skipSpace(this.skipValue(valueStart));
      if (this.text[at] === ',') at = this.skipSpace(at + 1);
    }
    return -1;
  }

  private skipSpace(pos: number): number {
    let at = pos;
    while (at < this.text.length && ' \t\r\n'.includes(this.text[at] as string)) at++;
    return at;
  }

  private skipString(pos: number): number {
    let at = pos + 1;
    while (at < this.text.length) {
      const c = this.text[at];
      if (c === '\\') at += 2;
      else if (c === '"') return at + 1;
      else at++;
    }
    return at;
  }

  /** End offset (exclusive) of the value starting at `pos`; the document is already known valid. */
  private skipValue(pos: number): number {
    const c = this.text[pos];
    if (c === '"') return this.skipString(pos);
    if (c !== '{' && c !== '[') {
      let at = pos;
      while (at < this.text.length && !',]} \t\r\n'.includes(this.text[at] as string)) at++;
      return at;
    }
    let depth = 0;
    let at = pos;
    while (at < this.text.length) {
      const ch = this.text[at];
      if (ch === '"') {
        at = this.skipString(at);
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        depth--;
        if (depth === 0) return at + 1;
      }
      at++;
    }
    throw new RecurrentError('INTERNAL', `unterminated JSON value at offset ${pos}`);
  }
}

/**
 * Formats a path for messages.
 *
 * @example
 * formatJsonPath(['annotations', 3, 'caption']); // 'annotations[3].caption'
 */
export function formatJsonPath(path: JsonPath): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}
