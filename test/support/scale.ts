/**
 * How long the test suites run. `npm test` runs every property and corpus test at a size that keeps
 * the whole suite within a few minutes; `npm run test:long` (TEST_LONG=1) runs the same tests at
 * full size: more generated cases, larger corpora, longer fault runs. Every size a test chooses
 * between goes through `scaled`, so the two runs differ only in these numbers.
 */
export const LONG = process.env.TEST_LONG === '1';

/** The fast run's value, or the long run's. */
export function scaled<T>(fast: T, long: T): T {
  return LONG ? long : fast;
}

/**
 * The fewest of `runs` independent tries, each succeeding with chance at least `chance`, that
 * fall short with probability at most `risk`: a floor that a sound generator misses about once
 * in a million runs. Few runs give a floor of 0, and the count is then only reported.
 */
export function likelyAtLeast(runs: number, chance: number, risk = 1e-6): number {
  let below = 0;
  let term = (1 - chance) ** runs;
  for (let k = 0; k <= runs; k++) {
    if (below + term > risk) return k;
    below += term;
    term *= ((runs - k) / (k + 1)) * (chance / (1 - chance));
  }
  return runs;
}
