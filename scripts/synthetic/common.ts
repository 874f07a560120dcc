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
