import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, listImports, listWorkspaces, packageOf } from './workspace-graph.js';

const workspaces = listWorkspaces();
const imports = listImports(workspaces);
const shortName = (name: string) => name.replace('@recurrent/', '');

const PLAIN_PACKAGES = ['core', 'text', 'data', 'metrics', 'decoding'];
const PLATFORM_PACKAGES = [
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  '@tensorflow/tfjs-backend-wasm',
];
const NODE_BUILTINS_FORBIDDEN_IN_LAYERS = /^node:/;

function violations(predicate: (i: (typeof imports)[number]) => boolean): string[] {
  return imports.filter(predicate).map((i) => `${i.file} imports ${i.specifier}`);
}

describe('DESIGN.md dependency rules', () => {
  it('finds the workspaces and their imports', () => {
    expect(workspaces.map((w) => shortName(w.name))).toEqual(
      expect.arrayContaining(['core', 'layers', 'backend']),
    );
    expect(imports.length).toBeGreaterThan(10);
  });

  it('rule 1: no package imports an app, no app imports another app', () => {
    const apps = new Set(workspaces.filter((w) => w.kind === 'app').map((w) => w.name));
    expect(
      violations((i) => {
        const target = packageOf(i.specifier);
        return target !== null && apps.has(target) && target !== i.workspace.name;
      }),
    ).toEqual([]);
  });

  it('rule 1: core imports no other workspace', () => {
    expect(
      violations(
        (i) =>
          shortName(i.workspace.name) === 'core' && (packageOf(i.specifier) ?? '').startsWith('@recurrent/'),
      ),
    ).toEqual([]);
  });

  it('rule 2: core, text, data, metrics and decoding never import tfjs', () => {
    expect(
      violations(
        (i) =>
          PLAIN_PACKAGES.includes(shortName(i.workspace.name)) &&
          (packageOf(i.specifier) ?? '').startsWith('@tensorflow/'),
      ),
    ).toEqual([]);
  });

  it('rule 3: layers imports only tfjs and core, and no node built-ins', () => {
    expect(
      violations((i) => {
        if (shortName(i.workspace.name) !== 'layers') return false;
        if (NODE_BUILTINS_FORBIDDEN_IN_LAYERS.test(i.specifier)) return true;
        const target = packageOf(i.specifier);
        return target !== null && !['@tensorflow/tfjs', '@recurrent/core', '@recurrent/layers'].includes(target);
      }),
    ).toEqual([]);
  });

  it('rule 4: only backend imports a platform package', () => {
    expect(
      violations(
        (i) =>
          shortName(i.workspace.name) !== 'backend' &&
          PLATFORM_PACKAGES.includes(packageOf(i.specifier) ?? ''),
      ),
    ).toEqual([]);
  });

  it('rule 5: one copy of tfjs-core is installed', () => {
    const root = join(REPO_ROOT, 'node_modules');
    const owners = [...workspaces.map((w) => w.dir), join(REPO_ROOT, 'test')];
    for (const entry of readdirSync(root)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@')
        ? readdirSync(join(root, entry)).map((n) => join(root, entry, n))
        : [join(root, entry)];
      owners.push(...scoped);
    }
    const copies = owners.filter((dir) => existsSync(join(dir, 'node_modules', '@tensorflow', 'tfjs-core')));
    expect(copies).toEqual([]);
    expect(existsSync(join(root, '@tensorflow', 'tfjs-core'))).toBe(true);
  });

  it('rule 6: workspaces depend on each other by name with "*", and declare what they import', () => {
    const undeclared = violations((i) => {
      const target = packageOf(i.specifier);
      if (target === null || target === i.workspace.name) return false;
      return i.workspace.dependencies[target] === undefined;
    });
    expect(undeclared).toEqual([]);
    const notStar = workspaces.flatMap((w) =>
      Object.entries(w.dependencies)
        .filter(([name, range]) => name.startsWith('@recurrent/') && range !== '*')
        .map(([name, range]) => `${w.name} depends on ${name}@${range}`),
    );
    expect(notStar).toEqual([]);
  });
});
