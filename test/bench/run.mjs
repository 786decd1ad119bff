// `npm run bench`: throughput of our recurrent layers against tfjs's own, side by side in one run,
// each measurement in a fresh process (backends and kernel patches never leak between them), then
// minGRU against our GRU at lengths 64–1024, and PyTorch's numbers for the same models when it is
// importable. Prints tables, and writes every number as JSON to runs/bench/<date>.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const quick = process.argv.includes('--quick');
// --config B: hidden 256, length 100 (the performance issue's second configuration).
const configB =
  process.argv.includes('--config') && process.argv[process.argv.indexOf('--config') + 1] === 'B';
const configArgs = configB ? ['--config', 'B', '--hidden', '256', '--length', '100'] : [];
// --before: also run our layers with the plan they had before per-backend plans (feature-major autodiff).
const before = process.argv.includes('--before');

function canLoad(pkg) {
  const probe = spawnSync(
    process.execPath,
    ['-e', `import('${pkg}').then(() => process.exit(0), () => process.exit(1))`],
    {
      cwd: root,
    },
  );
  return probe.status === 0;
}

const backends = ['wasm', 'cpu'];
if (canLoad('@tensorflow/tfjs-node')) backends.unshift('tensorflow');

/**
 * Config A (or B) of the performance issue: batch 32, length 40, vocab 5000, Embedding 64, hidden 128,
 * classifier. Our layers run twice: with the fused whole-sequence kernels (the default wherever
 * @recurrent/backend registers them: wasm, cpu) and with the composite plan (`--fused false`).
 */
const jobs = [];
for (const backend of backends) {
  const slow = backend === 'cpu';
  for (const cell of ['lstm', 'gru']) {
    const variants = [
      ['--impl', 'ours'],
      ['--impl', 'ours', '--fused', 'false'],
      ['--impl', 'tfjs'],
    ];
    // The default row uses initBackend's kernel threads (auto: 2 on a multi-core machine); this one
    // pins the fused kernels to one thread, to show what the helper thread brings.
    if (backend === 'wasm') variants.splice(1, 0, ['--impl', 'ours', '--kernel-threads', '1']);
    if (before && backend !== 'cpu')
      variants.unshift([
        '--impl',
        'ours',
        '--fused',
        'false',
        '--layout',
        'feature-major',
        '--bptt',
        'false',
      ]);
    for (const variant of variants) {
      // On cpu the composite and tf.layers rows take seconds per step; --quick keeps only the fused row there.
      if (quick && slow && variant.length > 2) continue;
      jobs.push({
        script: 'classifier-throughput.mjs',
        // The same step counts as the PyTorch twin (10 / 20, medians) except where steps take seconds.
        args: [
          '--backend',
          backend,
          '--cell',
          cell,
          ...variant,
          ...configArgs,
          '--train-steps',
          slow || quick ? '2' : '10',
          '--infer-steps',
          slow || quick ? '3' : '20',
        ],
      });
    }
  }
}
if (!configB) {
  // Config C: BiLSTM-CRF tagger (CRF loss for training, Viterbi for inference), wasm only.
  for (const variant of [
    ['--impl', 'ours'],
    ['--impl', 'ours', '--fused', 'false'],
    ['--impl', 'tfjs'],
  ]) {
    jobs.push({
      script: 'tagger-throughput.mjs',
      args: [
        '--backend',
        'wasm',
        ...variant,
        '--train-steps',
        quick ? '2' : '10',
        '--infer-steps',
        quick ? '3' : '20',
      ],
    });
  }
}
// minGRU and minLSTM (parallel scan) against our GRU at the lengths: training and inference tokens/s,
// and the training ratio at length 512 (the bar). wasm, one process for all lengths.
if (!configB) {
  jobs.push({
    script: 'min-rnn-scan.mjs',
    kind: 'min-rnn',
    args: [
      '--backend',
      'wasm',
      '--impls',
      'rcGRU,minGRU,minLSTM',
      '--lengths',
      quick ? '512' : '64,256,512,1024',
      '--steps',
      quick ? '3' : '5',
    ],
  });
}
// The reference point of the foundation issue: tf.layers.lstm on tfjs's default Node backend (cpu),
// as shipped, i.e. with its ~65 s embedding gradient. One step is enough to see it (not with --quick).
if (!configB && !quick) {
  jobs.push({
    script: 'classifier-throughput.mjs',
    args: [
      '--backend',
      'cpu',
      '--cell',
      'lstm',
      '--impl',
      'tfjs',
      '--stock',
      '--train-steps',
      '1',
      '--infer-steps',
      '2',
    ],
  });
}

// PyTorch (test/bench/pytorch/) before and after our rows: the machine may be shared, and the
// table compares against the better of the two PyTorch runs.
const { runPytorch, printSideBySide } = await import('./pytorch/side-by-side.mjs');
const torchConfigs = configB ? ['B'] : ['A', 'C'];
const torchBefore = runPytorch({ quick, configs: torchConfigs });

const results = [];
const minRnnResults = [];
for (const job of jobs) {
  process.stderr.write(`bench: ${job.args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [join(here, job.script), ...job.args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(`  failed (exit ${run.status}):\n${run.stderr}\n`);
    results.push({ args: job.args.join(' '), error: run.stderr.split('\n').slice(-5).join(' ') });
    continue;
  }
  for (const line of run.stdout.split('\n'))
    if (line.startsWith('{')) (job.kind === 'min-rnn' ? minRnnResults : results).push(JSON.parse(line));
}

const fmt = (x) => (x === undefined ? '—' : Math.round(x).toLocaleString('en-US'));

/** minGRU against our GRU (min-rnn-scan.mjs rows): tokens/s per length and the training ratio. */
function printMinRnn(rows) {
  if (rows.length === 0) return;
  const find = (impl, length, mode) =>
    rows.find((r) => r.impl === impl && r.length === length && r.mode === mode)?.tokensPerSecond;
  const first = rows[0];
  console.log(
    `\nminGRU, minLSTM (parallel scan) vs our GRU (fused kernels), ${first.backend}, batch ${first.batch}, hidden ${first.hidden}, Embedding 5000→64 (tokens/s, train / infer)\n`,
  );
  console.log('length                   GRU                minGRU               minLSTM   minGRU/GRU train');
  const pair = (impl, length) =>
    ` ${fmt(find(impl, length, 'train'))} / ${fmt(find(impl, length, 'infer'))}`.padStart(22);
  for (const length of [...new Set(rows.map((r) => r.length))]) {
    const [gt, mt] = [find('rcGRU', length, 'train'), find('minGRU', length, 'train')];
    const ratio = gt && mt ? `${(mt / gt).toFixed(1)}×` : '—';
    console.log(
      `${String(length).padStart(6)}${pair('rcGRU', length)}${pair('minGRU', length)}${pair('minLSTM', length)}   ${ratio.padStart(16)}`,
    );
  }
}
const stockCpuTrain = results.find((r) => r.impl === 'tfjs-stock' && r.mode === 'train')?.tokensPerSecond;
console.log(
  configB
    ? '\nConfig B: batch 32, length 100, vocab 5000 → Embedding 64, hidden 256, classifier, Adam (tokens/s)\n'
    : '\nConfig A: batch 32, length 40, vocab 5000 → Embedding 64, hidden 128, classifier, Adam (tokens/s)\n',
);
console.log(
  'config backend      cell  impl                        train      infer   train vs stock tfjs lstm on cpu',
);
for (const r of results.filter((x) => x.mode === 'train' && x.config !== undefined)) {
  const infer = results.find(
    (x) =>
      x.mode === 'infer' &&
      x.config === r.config &&
      x.backend === r.backend &&
      x.cell === r.cell &&
      x.impl === r.impl,
  );
  const ratio = stockCpuTrain ? `${(r.tokensPerSecond / stockCpuTrain).toFixed(1)}×` : '—';
  console.log(
    `${r.config.padEnd(6)} ${r.backend.padEnd(12)} ${r.cell.padEnd(5)} ${r.impl.padEnd(26)} ${fmt(r.tokensPerSecond).padStart(7)} ${fmt(infer?.tokensPerSecond).padStart(10)}   ${ratio}`,
  );
}
for (const r of results.filter((x) => x.error)) console.log(`failed: ${r.args}: ${r.error}`);
printMinRnn(minRnnResults);
results.push(...minRnnResults);

const torchAfter = torchBefore === null ? null : runPytorch({ quick, configs: torchConfigs });
const loadNow = (await import('node:os'))
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
results.push(...printSideBySide(results, [torchBefore, torchAfter]));
console.log(
  `load average (1, 5, 15 min) when the runs ended: ${loadNow}; numbers from a loaded machine are noisy, compare within one run`,
);
results.push({ loadAverage: loadNow });

const out = join(root, 'runs', 'bench', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
console.log(`\nresults: ${out}`);
