// The timing statistic every throughput script reports (and the PyTorch twin too).

/**
 * Median seconds per step over `steps` timed steps after `warmup` untimed ones.
 *
 * @example
 * const seconds = await timeSteps(trainStep, 1, 10);
 */
export async function timeSteps(step, warmup, steps) {
  for (let i = 0; i < warmup; i++) await step();
  const times = [];
  for (let i = 0; i < steps; i++) {
    const begin = performance.now();
    await step();
    times.push((performance.now() - begin) / 1000);
  }
  times.sort((x, y) => x - y);
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
}
