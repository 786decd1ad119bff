/** The tfjs-node packages, fastest first; each registers the `tensorflow` backend on import. */
export const TFJS_NODE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** What happened when we tried to load the tfjs-node packages. */
export interface TfjsNodeLoadResult {
  /** The package that loaded, if any. */
  readonly loaded?: (typeof TFJS_NODE_PACKAGES)[number];
  /** Why each package tried before it (or all of them) did not load, one line each. */
  readonly failures: readonly string[];
}

/**
 * Why `name` cannot load, found without importing it, or undefined when it looks loadable.
 * An optional dependency whose binary download failed leaves its JavaScript installed but
 * no `lib/napi-v*\/tfjs_binding.node`; importing it then registers half a backend (and
 * hundreds of "already registered" warnings on the next try) before it throws.
 */
async function precheck(name: string): Promise<string | undefined> {
  if (typeof process === 'undefined' || process.versions?.node === undefined) return 'needs Node.js';
  const { createRequire } = await import('node:module');
  const { existsSync, readdirSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch {
    return 'not installed';
  }
  const lib = join(dirname(packageJson), 'lib');
  const hasBinding = existsSync(lib) && readdirSync(lib).some((dir) => existsSync(join(lib, dir, 'tfjs_binding.node')));
  return hasBinding ? undefined : 'installed without its native binary (lib/napi-v*/tfjs_binding.node)';
}

/** Imports a module by a name only known at run time (so bundlers and tsc do not resolve it). */
const importByName = (specifier: string): Promise<unknown> => import(specifier);

async function tryLoad(): Promise<TfjsNodeLoadResult> {
  const failures: string[] = [];
  for (const name of TFJS_NODE_PACKAGES) {
    const problem = await precheck(name);
    if (problem !== undefined) {
      failures.push(`${name} ${problem}`);
      continue;
    }
    try {
      await importByName(name);
      return { loaded: name, failures };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${name} failed to load: ${message.split('\n')[0]?.trim() ?? ''}`);
    }
  }
  return { failures };
}

let attempt: Promise<TfjsNodeLoadResult> | undefined;

/**
 * Tries `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` (optional dependencies
 * whose native binary may be missing), stopping at the first that loads. A package is
 * imported only when its native binary is on disk, and only once per process: later calls
 * return the first result.
 *
 * @example
 * const { loaded, failures } = await loadTfjsNode();
 * // here: { failures: ['@tensorflow/tfjs-node-gpu installed without its native binary (…)', …] }
 */
export function loadTfjsNode(): Promise<TfjsNodeLoadResult> {
  attempt ??= tryLoad();
  return attempt;
}
