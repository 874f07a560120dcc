/**
 * Test files only `npm run test:long` runs (with TEST_LONG=1): each takes minutes of its own, so
 * `npm test`, which is run after every change, leaves them out.
 */
export const LONG_ONLY_FILES = ['test/integration/restart.test.ts'];
