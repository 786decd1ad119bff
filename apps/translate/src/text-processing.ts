import { detokenizeEnglish, tokenizeEnglish } from '@recurrent/text';
import type { TokenizerName } from './config.js';

/** Tokeniser settings stored in the bundle, so predict prepares text as training did. */
export interface TextSettings {
  readonly tokenizer: TokenizerName;
  readonly lowercase: boolean;
  readonly reverseSource: boolean;
}

/**
 * Splits a sentence into tokens (lowercased first when `lowercase`).
 *
 * @example
 * tokenizeSentence('Zwei Hunde.', { tokenizer: 'english', lowercase: true, reverseSource: false }); // ['zwei', 'hunde', '.']
 */
export function tokenizeSentence(text: string, settings: TextSettings): string[] {
  const cased = settings.lowercase ? text.toLowerCase() : text;
  return settings.tokenizer === 'english' ? tokenizeEnglish(cased) : cased.split(/\s+/).filter((t) => t !== '');
}

/**
 * Joins output tokens back into text (English detokeniser rules, or single spaces).
 *
 * @example
 * detokenizeSentence(['two', 'dogs', '.'], { tokenizer: 'english', lowercase: true, reverseSource: false }); // 'two dogs.'
 */
export function detokenizeSentence(tokens: readonly string[], settings: TextSettings): string {
  return settings.tokenizer === 'english' ? detokenizeEnglish(tokens) : tokens.join(' ');
}
