/**
 * Loaded into a benchmarked process with `--expose-gc --import`: on SIGUSR2 it collects garbage and
 * prints the memory left in use as one JSON line, so that a benchmark can tell a leak from a heap
 * that has simply not been collected yet.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ memoryProbe: { rss, heapUsed } })}\n`);
});
