import { DataFormatError } from '@recurrent/core';
import { jsonErrorOffset } from '@recurrent/core';

/**
 * Parses JSON text read from `file`; a syntax error becomes a DataFormatError whose message
 * starts with `file:line:col:` (see {@link jsonErrorOffset}).
 *
 * @example
 * parseJsonFile('{"a": 1,}', 'config.json');
 * // throws "config.json:1:9: invalid JSON: …"
 */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const scanned = jsonErrorOffset(text);
    const offset = scanned < 0 ? 0 : scanned;
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    throw new DataFormatError({ file, line, column }, `invalid JSON: ${detail}`, { cause: error });
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
