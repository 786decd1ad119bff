// PyTorch side by side for test/bench/run.mjs: when a python3 that imports torch is found, runs
// recurrent_bench.py (same models, same machine, same run), prints our/PyTorch ratios per row and
// the fraction of the measured matMul peak (numpy sgemm) each row reaches, and returns PyTorch's
// rows for the results file. Without torch it prints how to get it and returns [].
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
 * Runs PyTorch on `configs` and prints the comparison with `ours` (rows printed by
 * classifier-throughput.mjs). Returns the PyTorch rows and peak probes (JSON objects).
 */
export function pytorchSideBySide(ours, { configs = ['A', 'B', 'C'], quick = false } = {}) {
  const python = findTorchPython();
  if (python === null) {
    console.log('\nPyTorch: no python3 with torch importable (Debian: apt-get install python3-torch libopenblas0-pthread); skipped.');
    return [];
  }
  const args = [join(here, 'recurrent_bench.py'), '--configs', configs.join(','), ...(quick ? ['--quick'] : [])];
  process.stderr.write(`bench: ${python} ${args.join(' ')}\n`);
  const run = spawnSync(python, args, { encoding: 'utf8', timeout: 30 * 60 * 1000 });
  if (run.status !== 0) {
    console.log(`\nPyTorch: recurrent_bench.py failed (exit ${run.status}): ${(run.stderr ?? '').split('\n').slice(-4).join(' ')}`);
    return [];
  }
  const rows = run.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  const probes = rows.filter((r) => r.probe === 'sgemm' && r.backend === 'numpy').map((r) => r.gflops);
  const peak = probes.length > 0 ? Math.max(...probes) : undefined;
  const torchRows = rows.filter((r) => r.probe === undefined);
  const pct = (row) => (peak ? `${((100 * row.tokensPerSecond * flopsPerToken(row)) / 1e9 / peak).toFixed(1)}%` : '—');
  const fmt = (x) => Math.round(x).toLocaleString('en-US');

  console.log(`\nPyTorch ${torchRows[0]?.torch ?? ''} side by side (same run, ${torchRows[0]?.threads ?? '?'} threads); matMul peak (numpy sgemm 1024³, best of ${probes.length} probes): ${peak ? peak.toFixed(1) : '—'} GFLOP/s`);
  console.log('FLOPs/token forward = 2·G·H·(E+H)·D, training ≈ 3×; "peak" = achieved GFLOP/s ÷ sgemm peak\n');
  console.log('config cell mode   pytorch tok/s  peak   | ours: backend impl                  tok/s  peak   ours/pytorch');
  for (const t of torchRows) {
    const mine = ours.filter((r) => r.config === t.config && r.cell === t.cell && r.mode === t.mode && r.tokensPerSecond);
    const head = `${t.config.padEnd(6)} ${t.cell.padEnd(4)} ${t.mode.padEnd(5)} ${fmt(t.tokensPerSecond).padStart(14)} ${pct(t).padStart(6)}`;
    if (mine.length === 0) console.log(`${head}   | (no row of ours for this configuration)`);
    for (const r of mine) {
      const ratio = `${(r.tokensPerSecond / t.tokensPerSecond).toFixed(2)}×`;
      console.log(`${head}   | ${r.backend.padEnd(10)} ${r.impl.padEnd(22)} ${fmt(r.tokensPerSecond).padStart(8)} ${pct({ ...r, directions: 1 }).padStart(6)}   ${ratio.padStart(8)}`);
    }
  }
  return rows;
}
