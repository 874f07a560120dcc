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
