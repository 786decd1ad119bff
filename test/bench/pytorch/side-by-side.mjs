// PyTorch side by side for test/bench/run.mjs: when a python3 that imports torch is found, runs
// recurrent_bench.py (same models, same machine, same session: before and after our rows), prints
// our/PyTorch ratios per row and the fraction of the measured matMul peak (numpy sgemm) each row
// reaches, and returns PyTorch's rows for the results file. Without torch it says how to get it.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const EMBEDDING = 64; // every configuration embeds into 64 dimensions
const GATES = { lstm: 4, gru: 3 };

/** The first of $PYTHON, python3, /usr/bin/python3 that imports torch, or null. */
export function findTorchPython() {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** Forward FLOPs per token of one recurrent layer: 2·G·H·(E+H)·D; training ≈ 3× (forward + two backward matMuls). */
export function flopsPerToken(row) {
  const directions = row.directions ?? 1;
  const forward = 2 * GATES[row.cell] * row.hidden * (EMBEDDING + row.hidden) * directions;
  return row.mode === 'train' ? 3 * forward : forward;
}

/**
 * Runs recurrent_bench.py once on `configs`; returns its JSON rows (measurements and sgemm peak
 * probes), or null when no python3 imports torch or the script fails (both said on stdout).
 */
export function runPytorch({ configs = ['A', 'B', 'C'], quick = false } = {}) {
  const python = findTorchPython();
  if (python === null) {
    console.log('\nPyTorch: no python3 with torch importable (Debian: apt-get install python3-torch libopenblas0-pthread); skipped.');
    return null;
  }
  const args = [join(here, 'recurrent_bench.py'), '--configs', configs.join(','), ...(quick ? ['--quick'] : [])];
  process.stderr.write(`bench: ${python} ${args.join(' ')}\n`);
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 30 * 60 * 1000 });
  if (run.status !== 0) {
    console.log(`\nPyTorch: recurrent_bench.py failed (exit ${run.status}): ${(run.stderr ?? '').split('\n').slice(-4).join(' ')}`);
    return null;
  }
  return run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

/**
 * Prints our rows next to PyTorch's. `torchRuns` are the row lists of one or more runs of
 * {@link runPytorch} in the same session (run.mjs runs it before and after our measurements, since
 * the machine may be shared): each PyTorch number shown is the BEST of those runs, so the ratio is
 * the conservative one. Returns the PyTorch rows of all runs, tagged with `pytorchRun`.
 */
export function printSideBySide(ours, torchRuns) {
  const runs = torchRuns.filter((r) => r !== null);
  if (runs.length === 0) return [];
  const all = runs.flatMap((rows, i) => rows.map((r) => ({ ...r, pytorchRun: i })));
  const probes = all.filter((r) => r.probe === 'sgemm' && r.backend === 'numpy').map((r) => r.gflops);
  const peak = probes.length > 0 ? Math.max(...probes) : undefined;
  const measured = all.filter((r) => r.probe === undefined);
  const key = (r) => `${r.config}/${r.cell}/${r.mode}`;
  const best = new Map();
  for (const r of measured) if (!best.has(key(r)) || best.get(key(r)).tokensPerSecond < r.tokensPerSecond) best.set(key(r), r);
  const pct = (row) => (peak ? `${((100 * row.tokensPerSecond * flopsPerToken(row)) / 1e9 / peak).toFixed(1)}%` : '—');
  const fmt = (x) => Math.round(x).toLocaleString('en-US');
  const first = measured[0];

  console.log(
    `\nPyTorch ${first?.torch ?? ''} side by side (same session, ${first?.threads ?? '?'} threads; best of ${runs.length} runs: before and after ours); ` +
      `matMul peak (numpy sgemm 1024³, best of ${probes.length} probes): ${peak ? peak.toFixed(1) : '—'} GFLOP/s`,
  );
  console.log('FLOPs/token forward = 2·G·H·(E+H)·D, training ≈ 3×; "peak" = achieved GFLOP/s ÷ sgemm peak; all tok/s are medians of steps\n');
  console.log('config cell mode   pytorch tok/s (runs)           peak   | ours: backend impl                        tok/s  peak   ours/pytorch');
  for (const t of best.values()) {
    const each = measured.filter((r) => key(r) === key(t)).map((r) => fmt(r.tokensPerSecond)).join(', ');
    const mine = ours.filter((r) => r.config === t.config && r.cell === t.cell && r.mode === t.mode && r.backend !== 'pytorch' && r.tokensPerSecond);
    const head = `${t.config.padEnd(6)} ${t.cell.padEnd(4)} ${t.mode.padEnd(5)} ${fmt(t.tokensPerSecond).padStart(8)} (${each})`.padEnd(55) + ` ${pct(t).padStart(6)}`;
    if (mine.length === 0) console.log(`${head}   | (no row of ours for this configuration)`);
    for (const r of mine) {
      const ratio = `${(r.tokensPerSecond / t.tokensPerSecond).toFixed(2)}×`;
      console.log(`${head}   | ${r.backend.padEnd(10)} ${r.impl.padEnd(28)} ${fmt(r.tokensPerSecond).padStart(8)} ${pct({ ...r, directions: r.directions ?? 1 }).padStart(6)}   ${ratio.padStart(8)}`);
    }
  }
  return all;
}
