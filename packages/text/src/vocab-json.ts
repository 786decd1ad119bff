import { DataFormatError, RecurrentError, jsonErrorOffset, type SourceLocation } from '@recurrent/core';

/** The version {@link Vocab.toJSON} writes and {@link Vocab.fromJSON} reads. */
export const VOCAB_JSON_VERSION = 1;

/** What a {@link Vocab} serialises to (`vocab.json` in a bundle). */
export interface VocabJson {
  readonly version: 1;
  /** Every token in id order; the specials come first. */
  readonly tokens: readonly string[];
  /** The special tokens, a prefix of `tokens`. */
  readonly specials: readonly string[];
  readonly lowercase: boolean;
  readonly normalizeDigits: boolean;
}

interface Issue {
  readonly path: string;
  readonly detail: string;
}

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? 'an object' : String(value);

function checkStringArray(value: unknown, path: string): Issue | undefined {
  if (!Array.isArray(value)) return { path, detail: `${path} must be an array of strings, got ${describe(value)}` };
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return { path, detail: `${path}[${i}] must be a string, got ${describe(item)}` };
    if (seen.has(item)) return { path, detail: `${path}[${i}] ${JSON.stringify(item)} appears twice; tokens must be unique` };
    seen.add(item);
  }
  return undefined;
}

function findIssue(value: unknown): Issue | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { path: '', detail: `vocabulary JSON must be an object {version: 1, tokens, …}, got ${describe(value)}` };
  }
  const v = value as Record<string, unknown>;
  if (v.version !== VOCAB_JSON_VERSION) {
    return { path: 'version', detail: `version must be ${VOCAB_JSON_VERSION}, got ${describe(v.version)}; this reader knows version ${VOCAB_JSON_VERSION} only` };
  }
  const tokensIssue = checkStringArray(v.tokens, 'tokens') ?? checkStringArray(v.specials, 'specials');
  if (tokensIssue !== undefined) return tokensIssue;
  const tokens = v.tokens as string[];
  const specials = v.specials as string[];
  const notPrefix = specials.findIndex((s, i) => tokens[i] !== s);
  if (notPrefix >= 0) {
    return { path: 'specials', detail: `specials[${notPrefix}] ${JSON.stringify(specials[notPrefix])} must equal tokens[${notPrefix}] (specials come first), got ${describe(tokens[notPrefix])}` };
  }
  for (const key of ['lowercase', 'normalizeDigits'] as const) {
    if (typeof v[key] !== 'boolean') return { path: key, detail: `${key} must be a boolean, got ${describe(v[key])}` };
  }
  return undefined;
}

/**
 * Checks that `value` is a {@link VocabJson}; throws a DATA_FORMAT {@link RecurrentError}
 * naming the field and what was expected otherwise.
 *
 * @example
 * validateVocabJson({ version: 1, tokens: ['O'], specials: [], lowercase: false, normalizeDigits: false });
 */
export function validateVocabJson(value: unknown): VocabJson {
  const issue = findIssue(value);
  if (issue !== undefined) throw new RecurrentError('DATA_FORMAT', `vocabulary JSON: ${issue.detail}`);
  return value as VocabJson;
}

/** 1-based line and column of UTF-16 offset `offset` in `text`. */
function locate(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { file, line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
}

/**
 * Parses the text of a `vocab.json` file. Malformed JSON and a wrong structure both throw a
 * {@link DataFormatError} at `file:line:col` (the syntax error, or the offending key).
 *
 * @example
 * parseVocabJson('{"version": 2}', 'vocab.json');
 * // throws DataFormatError "vocab.json:1:2: version must be 1, got 2; …"
 */
export function parseVocabJson(text: string, file: string): VocabJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Math.max(0, jsonErrorOffset(text));
    throw new DataFormatError(locate(text, offset, file), `expected valid JSON: ${message}`, { cause: error });
  }
  const issue = findIssue(value);
  if (issue !== undefined) {
    const keyAt = issue.path === '' ? -1 : text.indexOf(`"${issue.path}"`);
    throw new DataFormatError(locate(text, keyAt < 0 ? 0 : keyAt, file), issue.detail);
  }
  return value as VocabJson;
}
