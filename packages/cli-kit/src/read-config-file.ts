import { readFile } from 'node:fs/promises';
import { ConfigError, RecurrentError } from '@recurrent/core';
import { jsonErrorOffset } from '@recurrent/core';

/** `file:line:col` of character `offset` in `text`. */
export function locate(text: string, offset: number, file: string): string {
  const before = text.slice(0, offset);
  return `${file}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
}

/**
 * Reads a JSON config file. A missing file is an `IO` error naming it; invalid JSON, or anything
 * but a top-level object, is a ConfigError whose message starts with `file:line:col:`.
 *
 * @example
 * const { value, text } = await readConfigFile('run.json');
 */
export async function readConfigFile(
  file: string,
): Promise<{ value: Record<string, unknown>; text: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'file not found' : String(error);
    throw new RecurrentError('IO', `${file}: cannot read config file: ${reason}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const offset = Math.max(0, jsonErrorOffset(text));
    const detail = error instanceof Error ? error.message : String(error);
    throw new ConfigError(locate(text, offset, file) + ':', `invalid JSON: ${detail}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      `${file}:1:1:`,
      `must hold a JSON object of config keys, got ${JSON.stringify(value)}`,
    );
  }
  return { value: value as Record<string, unknown>, text };
}
