// Marks the `bin` files of the package in the current directory executable (run after tsc, which
// writes new files without the x bit). Without it, `npx <app>` on a fresh clone fails with
// "Permission denied": npm links the bins at install time, before `prepare` builds them.
import { chmodSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const bins = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
for (const file of bins) chmodSync(file, 0o755);
