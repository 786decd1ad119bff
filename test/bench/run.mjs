// `npm run bench`: throughput of our recurrent layers against tfjs's own, side by side in one run,
// each measurement in a fresh process (backends and kernel patches never leak between them).
// Prints a table, and writes every number as JSON to runs/bench/<date>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const quick = process.argv.includes('--quick');
// --config B: hidden 256, length 100 (the performance issue's second configuration).
const configB = process.argv.includes('--config') && process.argv[process.argv.indexOf('--config') + 1] === 'B';
const configArgs = configB ? ['--config', 'B', '--hidden', '256', '--length', '100'] : [];
// --before: also run our layers with the plan they had before per-backend plans (feature-major autodiff).
const before = process.argv.includes('--before');

function canLoad(pkg) {
  const probe = spawnSync(process.execPath, ['-e', `import('${pkg}').then(() => process.exit(0), () => process.exit(1))`], {
    cwd: root,
  });
  return probe.status === 0;
}

const backends = ['wasm', 'cpu'];
if (canLoad('@tensorflow/tfjs-node')) backends.unshift('tensorflow');

/** Config A of the performance issue: batch 32, length 40, vocab 5000, Embedding 64, hidden 128. */
const jobs = [];
for (const backend of backends) {
  const slow = backend === 'cpu';
  for (const cell of ['lstm', 'gru']) {
    const variants = [['--impl', 'ours'], ['--impl', 'tfjs']];
    if (before && backend !== 'cpu') variants.unshift(['--impl', 'ours', '--layout', 'feature-major', '--bptt', 'false']);
    for (const variant of variants) {
      jobs.push({
        script: 'classifier-throughput.mjs',
        args: ['--backend', backend, '--cell', cell, ...variant, ...configArgs, '--train-steps', slow || quick ? '2' : '5', '--infer-steps', slow || quick ? '3' : '10'],
      });
    }
  }
}
// The reference point of the foundation issue: tf.layers.lstm on tfjs's default Node backend (cpu),
// as shipped, i.e. with its ~65 s embedding gradient. One step is enough to see it.
if (!configB) {
  jobs.push({
    script: 'classifier-throughput.mjs',
    args: ['--backend', 'cpu', '--cell', 'lstm', '--impl', 'tfjs', '--stock', '--train-steps', '1', '--infer-steps', '2'],
  });
}

const results = [];
for (const job of jobs) {
  process.stderr.write(`bench: ${job.args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [join(here, job.script), ...job.args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(`  failed (exit ${run.status}):\n${run.stderr}\n`);
    results.push({ args: job.args.join(' '), error: run.stderr.split('\n').slice(-5).join(' ') });
    continue;
  }
  for (const line of run.stdout.split('\n')) if (line.startsWith('{')) results.push(JSON.parse(line));
}

const fmt = (x) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));
const stockCpuTrain = results.find((r) => r.impl === 'tfjs-stock' && r.mode === 'train')?.tokensPerSecond;
console.log(
  configB
    ? '\nConfig B: batch 32, length 100, vocab 5000 → Embedding 64, hidden 256, classifier, Adam (tokens/s)\n'
    : '\nConfig A: batch 32, length 40, vocab 5000 → Embedding 64, hidden 128, classifier, Adam (tokens/s)\n',
);
console.log('backend      cell  impl                        train      infer   train vs stock tfjs lstm on cpu');
for (const r of results.filter((x) => x.mode === 'train')) {
  const infer = results.find((x) => x.mode === 'infer' && x.backend === r.backend && x.cell === r.cell && x.impl === r.impl);
  const ratio = stockCpuTrain ? `${(r.tokensPerSecond / stockCpuTrain).toFixed(1)}×` : '—';
  console.log(
    `${r.backend.padEnd(12)} ${r.cell.padEnd(5)} ${r.impl.padEnd(26)} ${fmt(r.tokensPerSecond).padStart(7)} ${fmt(infer?.tokensPerSecond).padStart(10)}   ${ratio}`,
  );
}
for (const r of results.filter((x) => x.error)) console.log(`failed: ${r.args}: ${r.error}`);

// PyTorch side by side (test/bench/pytorch/): only when a python3 that imports torch is found.
const { pytorchSideBySide } = await import('./pytorch/side-by-side.mjs');
results.push(...pytorchSideBySide(results, { quick }));

const out = join(root, 'runs', 'bench', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
console.log(`\nresults: ${out}`);
