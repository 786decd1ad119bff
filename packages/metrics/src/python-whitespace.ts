/**
 * Python's `str.isspace()` characters (what `str.split()` and `str.rstrip()` use).
 *
 * Porting note: JS `\s` differs: it lacks U+001C–U+001F and U+0085 and adds
 * U+FEFF. sacreBLEU splits with Python's set, so we spell it out.
 */
const PYTHON_WHITESPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';

const SPLIT_RE = new RegExp(`[${PYTHON_WHITESPACE_CLASS}]+`);
const SINGLE_RE = new RegExp(`^[${PYTHON_WHITESPACE_CLASS}]$`);

/**
 * `text.split()` as Python does it: split on runs of Unicode whitespace, no empty fields.
 *
 * @example
 * pythonSplit('  a\u00a0b\x1cc  '); // ['a', 'b', 'c']
 * pythonSplit('\ufeffx');           // ['\ufeffx'] (U+FEFF is not whitespace in Python)
 */
export function pythonSplit(text: string): string[] {
  const parts = text.split(SPLIT_RE);
  let start = 0;
  let end = parts.length;
  if (end > 0 && parts[0] === '') start = 1;
  if (end > start && parts[end - 1] === '') end -= 1;
  return start === 0 && end === parts.length ? parts : parts.slice(start, end);
}

/**
 * `text.rstrip()` as Python does it.
 *
 * @example
 * pythonRstrip('a b \u3000\n'); // 'a b'
 */
export function pythonRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && SINGLE_RE.test(text[end - 1] as string)) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}
