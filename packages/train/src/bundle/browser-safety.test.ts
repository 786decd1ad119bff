import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Specifiers of the static `import`/`export … from` statements of a source file (not `await import()`). */
async function staticImports(file: string): Promise<string[]> {
  const text = await readFile(`${here}${file}`, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'|^import\s+'([^']+)'/gms)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe('bundle module graph', () => {
  it('reaches no node: module through static imports from index.ts', async () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const queue = ['index.ts'];
    while (queue.length > 0) {
      const file = queue.shift() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of await staticImports(file)) {
        if (spec.startsWith('./')) queue.push(spec.slice(2).replace(/\.js$/, '.ts'));
        else external.add(spec);
      }
    }
    expect([...external].sort()).toEqual(['@recurrent/core', '@recurrent/layers', '@tensorflow/tfjs']);
    expect(seen.has('load-bundle.ts')).toBe(true);
    expect(seen.has('directory-io-handler.ts')).toBe(false);
    expect(seen.has('atomic-directory.ts')).toBe(false);
    expect(await staticImports('atomic-directory.ts')).toContain('node:fs/promises');
  });
});
