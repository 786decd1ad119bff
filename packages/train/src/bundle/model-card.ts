import type { BundleConfig } from './bundle-config.js';

/** What the model card says besides the config. */
export interface ModelCardOptions {
  readonly config: BundleConfig;
  readonly metrics: Readonly<Record<string, unknown>>;
  /** The training data: name, source, split sizes (free text). */
  readonly data?: string;
  /** One paragraph about the model. */
  readonly description?: string;
  /** File names in the bundle. */
  readonly files: readonly string[];
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function table(header: [string, string], entries: [string, unknown][]): string[] {
  if (entries.length === 0) return ['(none)'];
  return [
    `| ${header[0]} | ${header[1]} |`,
    '| --- | --- |',
    ...entries.map(([k, v]) => `| ${k} | ${formatValue(v)} |`),
  ];
}

/**
 * Renders the bundle's `README.md`: task, data, hyper-parameters, labels, metrics, files, and how to
 * load the model in Node and in the browser. Deterministic: the same inputs give the same text.
 *
 * @example
 * const text = renderModelCard({ config, metrics: { accuracy: 0.91 }, files: ['model.json'] });
 */
export function renderModelCard(options: ModelCardOptions): string {
  const { config, metrics } = options;
  const lines = [
    `# ${config.task} model`,
    '',
    options.description ??
      `A recurrent-network model for the \`${config.task}\` task, exported by Recurrent.`,
    '',
    '## Task',
    '',
    `\`${config.task}\`; ${config.labels.length} labels${config.labels.length > 0 ? `: ${config.labels.join(', ')}` : ''}.`,
    '',
    '## Data',
    '',
    options.data ?? '(not recorded)',
    '',
    '## Metrics',
    '',
    ...table(['metric', 'value'], Object.entries(metrics)),
    '',
    '## Hyper-parameters',
    '',
    ...table(['name', 'value'], Object.entries(config.hyperParameters)),
    '',
    '## Tokeniser',
    '',
    ...table(['setting', 'value'], Object.entries(config.tokenizer)),
    '',
    '## Files',
    '',
    ...options.files.map((f) => `- \`${f}\``),
    '',
    `Written with TensorFlow.js ${config.tfjsVersion}; \`model.json\` and the shards are the stock`,
    'tfjs LayersModel format.',
    '',
    '## Load in Node',
    '',
    '```ts',
    "import { loadBundle } from '@recurrent/train';",
    "const { model, config, vocabs } = await loadBundle('path/to/this/folder');",
    '```',
    '',
    '## Load in the browser',
    '',
    '```ts',
    "import * as tf from '@tensorflow/tfjs';",
    "import '@recurrent/layers'; // registers the Rc* layer classes",
    "const model = await tf.loadLayersModel('https://host/path/model.json');",
    "// or: const bundle = await loadBundle('https://host/path/');",
    '```',
    '',
  ];
  return lines.join('\n');
}
