import { ConfigError } from '@recurrent/core';
import { isJsonObject } from './json-file.js';

/** Version of the bundle layout written by {@link exportBundle}. */
export const BUNDLE_FORMAT_VERSION = 1;

/** What `config.json` of a bundle holds. */
export interface BundleConfig {
  /** Layout version, {@link BUNDLE_FORMAT_VERSION}. */
  readonly formatVersion: number;
  /** The task: `tagger`, `sentiment`, `translate`, `caption`, `charlm`, … */
  readonly task: string;
  /** Hyper-parameters the model was built and trained with (JSON values). */
  readonly hyperParameters: Readonly<Record<string, unknown>>;
  /** The label set, in output index order (empty when the task has none). */
  readonly labels: readonly string[];
  /** Tokeniser settings (JSON values). */
  readonly tokenizer: Readonly<Record<string, unknown>>;
  /** Names of the vocabularies, each stored as `vocab-<name>.json`. */
  readonly vocabs: readonly string[];
  /** tfjs version that wrote the bundle. */
  readonly tfjsVersion: string;
}

const KEYS = [
  'formatVersion',
  'task',
  'hyperParameters',
  'labels',
  'tokenizer',
  'vocabs',
  'tfjsVersion',
] as const;

/** A vocabulary name becomes part of a file name: letters, digits, `_` and `-` only. */
export const VOCAB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * Checks that `input` (parsed from `file`) is a {@link BundleConfig}; any problem is a
 * ConfigError naming the file and the key.
 *
 * @example
 * resolveBundleConfig(JSON.parse(text), 'bundle/config.json');
 * // throws "bundle/config.json: labels must be an array of strings, got 3"
 */
export function resolveBundleConfig(input: unknown, file: string): BundleConfig {
  const fail = (key: string, detail: string): never => {
    throw new ConfigError(`${file}: ${key}`, detail);
  };
  if (!isJsonObject(input)) fail('(root)', `must be a JSON object, got ${JSON.stringify(input)}`);
  const value = input as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key))
      fail(key, `is not a known key; allowed: ${KEYS.join(', ')}`);
  }
  const { formatVersion, task, hyperParameters, labels, tokenizer, vocabs, tfjsVersion } = value;
  if (formatVersion !== BUNDLE_FORMAT_VERSION) {
    fail('formatVersion', `must be ${BUNDLE_FORMAT_VERSION}, got ${JSON.stringify(formatVersion)}`);
  }
  if (typeof task !== 'string' || task === '')
    fail('task', `must be a non-empty string, got ${JSON.stringify(task)}`);
  if (!isJsonObject(hyperParameters))
    fail('hyperParameters', `must be an object, got ${JSON.stringify(hyperParameters)}`);
  if (!isStringArray(labels)) fail('labels', `must be an array of strings, got ${JSON.stringify(labels)}`);
  if (!isJsonObject(tokenizer)) fail('tokenizer', `must be an object, got ${JSON.stringify(tokenizer)}`);
  if (!isStringArray(vocabs) || !vocabs.every((v) => VOCAB_NAME.test(v))) {
    fail('vocabs', `must be an array of names matching ${VOCAB_NAME.source}, got ${JSON.stringify(vocabs)}`);
  }
  if (typeof tfjsVersion !== 'string')
    fail('tfjsVersion', `must be a string, got ${JSON.stringify(tfjsVersion)}`);
  return {
    formatVersion: formatVersion as number,
    task: task as string,
    hyperParameters: hyperParameters as Record<string, unknown>,
    labels: labels as string[],
    tokenizer: tokenizer as Record<string, unknown>,
    vocabs: vocabs as string[],
    tfjsVersion: tfjsVersion as string,
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
