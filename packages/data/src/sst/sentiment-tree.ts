import { DataFormatError } from '@recurrent/core';

/** A node of an SST tree: `(label child child)` or a leaf `(label token)`. */
export interface SentimentTree {
  /** Sentiment 0 (very negative) to 4 (very positive). */
  readonly label: number;
  /** The word of a leaf; undefined for inner nodes. */
  readonly token: string | undefined;
  readonly children: readonly SentimentTree[];
  /** First token of the phrase (index into the sentence's tokens). */
  readonly start: number;
  /** One past the last token of the phrase. */
  readonly end: number;
}

const LABEL_MAX = 4;

/**
 * Parses one PTB-style sentiment tree. Errors name `file:line:col` of the offending character:
 * an unbalanced bracket, a label outside 0–4, a missing token, text after the tree.
 *
 * @example
 * const tree = parseSentimentTree("(3 (2 It) (4 (2 's) (3 great)))", { file: 'x', line: 1 });
 * tree.label; // 3
 * treeTokens(tree); // ['It', "'s", 'great']
 */
export function parseSentimentTree(
  text: string,
  where: { readonly file: string; readonly line: number },
): SentimentTree {
  let pos = 0;
  let tokenCount = 0;
  const fail = (column: number, detail: string): never => {
    throw new DataFormatError({ file: where.file, line: where.line, column }, detail);
  };
  const found = (): string => (pos < text.length ? `"${text[pos]}"` : 'the end of the line');
  const skipSpaces = (): void => {
    while (text.charCodeAt(pos) === 0x20) pos++;
  };

  const parseNode = (): SentimentTree => {
    const open = pos;
    if (text[pos] !== '(') fail(pos + 1, `expected "(" to open a node, got ${found()}`);
    pos++;
    const labelStart = pos;
    while (pos < text.length && text[pos] !== ' ' && text[pos] !== '(' && text[pos] !== ')') pos++;
    const labelText = text.slice(labelStart, pos);
    const label = Number(labelText);
    if (!/^[0-9]$/.test(labelText) || label > LABEL_MAX) {
      fail(
        labelStart + 1,
        `expected a sentiment label 0-4, got ${labelText === '' ? found() : `"${labelText}"`}`,
      );
    }
    if (text[pos] !== ' ') fail(pos + 1, `expected a space after the label, got ${found()}`);
    skipSpaces();
    const start = tokenCount;
    if (text[pos] === '(') {
      const children: SentimentTree[] = [];
      while (text[pos] === '(') {
        children.push(parseNode());
        skipSpaces();
      }
      if (text[pos] !== ')')
        fail(pos + 1, `expected ")" to close the node opened at column ${open + 1}, got ${found()}`);
      pos++;
      return { label, token: undefined, children, start, end: tokenCount };
    }
    const tokenStart = pos;
    while (pos < text.length && text[pos] !== ')' && text[pos] !== '(' && text[pos] !== ' ') pos++;
    if (pos === tokenStart) fail(pos + 1, `expected a token or "(", got ${found()}`);
    const token = text.slice(tokenStart, pos);
    if (text[pos] !== ')')
      fail(pos + 1, `expected ")" to close the leaf opened at column ${open + 1}, got ${found()}`);
    pos++;
    tokenCount++;
    return { label, token, children: [], start, end: tokenCount };
  };

  const tree = parseNode();
  skipSpaces();
  if (pos < text.length) fail(pos + 1, `expected the end of the line after the tree, got ${found()}`);
  return tree;
}

/**
 * The leaves of a tree, left to right.
 *
 * @example
 * treeTokens(parseSentimentTree('(2 (2 a) (3 b))', { file: 'x', line: 1 })); // ['a', 'b']
 */
export function treeTokens(tree: SentimentTree): string[] {
  const tokens: string[] = [];
  const walk = (node: SentimentTree): void => {
    if (node.token !== undefined) tokens.push(node.token);
    else node.children.forEach(walk);
  };
  walk(tree);
  return tokens;
}

/**
 * Every node of a tree in pre-order (root first, then left to right), as `{label, start, end}`.
 *
 * @example
 * treeNodes(parseSentimentTree('(3 (2 a) (4 b))', { file: 'x', line: 1 })).map((n) => n.label); // [3, 2, 4]
 */
export function treeNodes(tree: SentimentTree): SentimentTree[] {
  const nodes: SentimentTree[] = [];
  const walk = (node: SentimentTree): void => {
    nodes.push(node);
    node.children.forEach(walk);
  };
  walk(tree);
  return nodes;
}
