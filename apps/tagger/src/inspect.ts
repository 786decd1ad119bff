import type { Tagger } from './tagger.js';
import { findCrf } from './model.js';

/**
 * What `inspect` shows about a bundle.
 *
 * @example
 * const { tags, parameters } = await describeTagger(tagger, dir);
 */
export interface TaggerSummary {
  readonly dir: string;
  readonly config: Tagger['config'];
  readonly tags: readonly string[];
  readonly vocab: { readonly words: number; readonly chars: number };
  readonly parameters: number;
  readonly layers: readonly { readonly name: string; readonly className: string; readonly parameters: number }[];
  readonly metrics: Readonly<Record<string, unknown>>;
  /** Strongest and weakest CRF transitions `from → to` (empty without a CRF). */
  readonly transitions: readonly { readonly from: string; readonly to: string; readonly score: number }[];
  readonly text: string;
}

/**
 * Summarises a loaded tagger bundle: config, tags, vocab sizes, layers with parameter counts,
 * stored metrics and the 5 highest and 5 lowest CRF transition scores.
 *
 * @example
 * process.stdout.write((await describeTagger(tagger, 'runs/pos/bundle')).text);
 */
export async function describeTagger(tagger: Tagger & { readonly metrics?: Readonly<Record<string, unknown>> }, dir: string): Promise<TaggerSummary> {
  const tags = tagger.vocabs.tags.tokens;
  const layers = tagger.model.layers.map((l) => ({ name: l.name, className: l.getClassName(), parameters: l.countParams() }));
  const crf = findCrf(tagger.model);
  const transitions: { from: string; to: string; score: number }[] = [];
  if (crf !== null) {
    const { transitions: scores } = await crf.decodeParameters();
    const all = Array.from(scores, (score, i) => ({ from: tags[Math.floor(i / tags.length)] as string, to: tags[i % tags.length] as string, score }));
    all.sort((a, b) => b.score - a.score);
    transitions.push(...all.slice(0, 5), ...all.slice(-5));
  }
  const metrics = tagger.metrics ?? {};
  const lines = [
    `bundle ${dir}: ${crf === null ? 'BiLSTM-softmax' : 'BiLSTM-CRF'} tagger, ${tagger.config.format} ${tagger.config.column}${tagger.config.scheme === 'none' ? '' : ` (${tagger.config.scheme})`}`,
    `tags (${tags.length}): ${tags.join(' ')}`,
    `vocab: ${tagger.vocabs.words.size} words, ${tagger.vocabs.chars.size} chars; ${tagger.model.countParams()} parameters`,
    ...layers.map((l) => `  ${l.name.padEnd(22)} ${l.className.padEnd(16)} ${l.parameters}`),
    `metrics: ${JSON.stringify(metrics)}`,
    `config: ${JSON.stringify(tagger.config)}`,
    ...(transitions.length > 0 ? ['CRF transitions (highest, then lowest):', ...transitions.map((t) => `  ${t.from} → ${t.to}: ${t.score.toFixed(3)}`)] : []),
  ];
  return { dir, config: tagger.config, tags, vocab: { words: tagger.vocabs.words.size, chars: tagger.vocabs.chars.size }, parameters: tagger.model.countParams(), layers, metrics, transitions, text: `${lines.join('\n')}\n` };
}
