/**
 * The ranges a count on a day reads (src/graph/keys.ts): the entity's year, month and day tallies.
 * Each fact key must be counted exactly once when its day lies on the asked side of the bound and
 * never otherwise, for any entity (even one whose id begins with another's), day, bound and kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { join, talliesOfKey, tallyRanges, type TallyKind } from '../../src/graph/keys.ts';

const day = fc
  .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
/** Days near one another, where an off-by-one in a bound shows, as often as days far apart. */
const nearDay = fc.constantFrom('2024-12-31', '2025-01-01', '2025-01-31', '2025-02-01', '2025-12-31', '9999-12-31', '0001-01-01');
const anyDay = fc.oneof(day, nearDay);

const within = (key: string, low: string, high: string) => key >= low && key < high;

describe('the ranges of a count on a day', () => {
  it('property: when a fact key is counted before or from a day, then it is counted exactly once on that side of the day and never on the other', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('iran', 'iran-x', 'ira', 'e1-ro-no'),
        fc.constantFrom('iran', 'iran-x', 'ira'),
        anyDay,
        anyDay,
        fc.boolean(),
        fc.constantFrom<'before' | 'from'>('before', 'from'),
        fc.constantFrom<TallyKind>('begins', 'ends'),
        (owner, asked, factDay, boundDay, inclusive, side, kind) => {
          const factKey = join(owner, factDay, 'other', 'key');
          const bound = inclusive ? `${boundDay}!` : boundDay;
          const ranges = tallyRanges(kind, side, bound);
          const times = talliesOfKey(kind, factKey)
            .map((tally) => ranges.filter(({ low, high }) => within(tally, asked + low, asked + high)).length)
            .reduce((a, b) => a + b, 0);
          // A bound with `!` takes its own day in (before it) or leaves it out (from it on).
          const onSide = side === 'before' ? (inclusive ? factDay <= boundDay : factDay < boundDay) : inclusive ? factDay > boundDay : factDay >= boundDay;
          expect(times).toBe(owner === asked && onSide ? 1 : 0);
          // The other kind's tallies of the same entity and day are never read.
          const other = talliesOfKey(kind === 'begins' ? 'ends' : 'begins', factKey);
          expect(other.filter((tally) => ranges.some(({ low, high }) => within(tally, asked + low, asked + high)))).toEqual([]);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
