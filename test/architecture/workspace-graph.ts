import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above test/architecture). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Workspace {
  readonly kind: 'package' | 'app';
  readonly dir: string;
  readonly name: string;
  readonly dependencies: Readonly<Record<string, string>>;
}

export interface SourceImport {
  readonly workspace: Workspace;
  readonly file: string;
  readonly specifier: string;
}

/** Every workspace under packages/ and apps/. */
export function listWorkspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (const [kind, folder] of [
    ['package', 'packages'],
    ['app', 'apps'],
  ] as const) {
    for (const entry of readdirSync(join(REPO_ROOT, folder))) {
      const dir = join(REPO_ROOT, folder, entry);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        optionalDependencies?: Record<string, string>;
      };
      out.push({
        kind,
        dir,
        name: manifest.name,
        dependencies: { ...manifest.dependencies, ...manifest.optionalDependencies },
      });
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|mts)$/.test(entry) && !entry.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

const IMPORT_PATTERN =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** Every import in the library sources (src/, tests excluded) of every workspace. */
export function listImports(workspaces: readonly Workspace[]): SourceImport[] {
  const out: SourceImport[] = [];
  for (const workspace of workspaces) {
    for (const file of sourceFiles(join(workspace.dir, 'src'))) {
      if (/\.test\.ts$/.test(file) || /[/\\]test-[^/\\]*\.ts$/.test(file)) continue; // tests and test helpers
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(IMPORT_PATTERN)) {
        const specifier = match[1] ?? match[2] ?? match[3];
        if (specifier !== undefined) out.push({ workspace, file: relative(REPO_ROOT, file), specifier });
      }
    }
  }
  return out;
}

/** The package name an import specifier refers to (`@scope/name/sub` → `@scope/name`), or null if relative. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] as string);
}
