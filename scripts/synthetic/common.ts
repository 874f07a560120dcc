/** What the synthetic generators (one big article, a corpus of many) share. */
import type { EntityLabel } from '../../src/model.ts';

/** The share of each label among generated entities. */
export const LABEL_SHARE: [EntityLabel, number][] = [
  ['Person', 0.3],
  ['Organization', 0.25],
  ['Country', 0.1],
  ['Place', 0.2],
  ['Event', 0.1],
  ['Work', 0.05],
];

/** mulberry32: small, fast and good enough to spread synthetic data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A period beginning in the month `start`: a third still open, a third ending within its year, a third years later; a few with no known beginning. */
export function periodFrom(start: string, draw: number): { since?: string; until?: string } {
  const year = Number(start.slice(0, 4));
  const kind = Math.floor(draw * 9);
  if (kind === 0) return { until: String(year) };
  if (kind < 3) return { since: start };
  if (kind < 6) return { since: start, until: `${year}-12` };
  return { since: start, until: String(year + kind - 4) };
}
