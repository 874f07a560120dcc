/**
 * Every property test of a run draws from one seed, printed at the start of the run and by
 * fast-check with any counterexample: `FC_SEED=<seed> npm test` (or `npx vitest run <file>`)
 * replays the same cases. A run without FC_SEED picks a new seed, so successive runs explore
 * different cases.
 */
import fc from 'fast-check';

const seed = Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be a whole number (got "${process.env.FC_SEED}"): vitest.config.ts sets it for every run, and it replays one`);
fc.configureGlobal({ seed });
