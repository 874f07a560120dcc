/**
 * The keys a fact's listing holds (src/graph/keys.ts LISTED_KEYS) and the ranges a list of many
 * types reads from them (src/graph/read/listed.ts): within one type, a range of the listing keys
 * must hold exactly the facts the same range of the facts' own keys holds, in the same order, for
 * any entity (even one whose id begins with another's, or with a type's name), type and bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factKeys, join, KEY_END, listedKey, listedKeysOf, prefixRange } from '../../src/graph/keys.ts';
import { BEYOND } from '../../src/graph/read/pages.ts';
import { RELATION_TYPE_NAMES } from '../../src/model.ts';

const id = fc.constantFrom('iran', 'iran-x', 'ira', 'e1-ro-no', 'funds', 'arms-dealer');
const type = fc.constantFrom(...RELATION_TYPE_NAMES);
const key = fc.constantFrom('', '|', '|role', '2025-01-02|', '2025-01-02|mediator', 'x');
const fact = fc.record({ type, subject: id, object: id, key });
type Fact = { type: string; subject: string; object: string; key: string };

/** A fact's own key of each end, and its listing's. */
function keysOf(f: Fact) {
  const own = factKeys(f.subject, f.object, f.key, null);
  return { own, listed: listedKeysOf(f.type, { ...own, outRank: null, inRank: null, outTimeKey: null, inTimeKey: null, outEndKey: null, inEndKey: null, outReportKey: null, inReportKey: null }) };
}

const within = (value: string, low: string, high: string) => value >= low && value < high;

describe('listing keys', () => {
  it('when a fact is listed, then its type comes after the entity its key begins with, and first in keys that begin with none', () => {
    const { listed } = keysOf({ type: 'FUNDS', subject: 'iran', object: 'hamas', key: '|' });
    expect(listed).toMatchObject({ outKey: 'iran FUNDS hamas |', inKey: 'hamas FUNDS iran |', identity: 'FUNDS iran hamas |' });
    expect(listedKey('dateKey', 'MET', '2025-01-02 a b k')).toBe('MET 2025-01-02 a b k');
  });

  it('property: when an entity’s facts of one type are read from a range of the listings, then they are exactly those of that range of the facts’ own keys, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 12 }), id, type, fc.constantFrom<'outKey' | 'inKey'>('outKey', 'inKey'), fc.constantFrom('', 'hamas', 'iran', 'ira'), (facts, entity, asked, end, from) => {
        // The range a source of the entity's facts of `asked` reads after its prefix: from `from` to the end.
        const [low, high] = [from, BEYOND];
        const prefix = prefixRange(entity).low;
        const own = facts
          .filter((f) => f.type === asked)
          .map((f) => keysOf(f).own[end])
          .filter((k) => within(k, prefix + low, prefix + high))
          .sort();
        // The listing's bounds: the entity's id bound in the query, then the type and the same rest.
        const listedLow = `${entity} ${join(asked, low)}`;
        const listedHigh = `${entity} ${join(asked, high)}`;
        const listed = facts
          .map((f) => ({ f, k: keysOf(f).listed[end]! }))
          .filter(({ k }) => within(k, listedLow, listedHigh))
          .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
          .map(({ f }) => keysOf(f).own[end]);
        expect(listed).toEqual(own);
      }),
    );
  });

  it('property: when a range is bounded by values (an id and more), then the listing bound holds the type after the id, and the same facts fall inside', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 12 }), id, id, type, (facts, subject, object, asked) => {
        const { low, high } = prefixRange(subject, object);
        const own = facts.filter((f) => f.type === asked && within(keysOf(f).own.outKey, low, high)).map((f) => keysOf(f).listed.identity);
        const listed = facts
          .filter((f) => within(keysOf(f).listed.outKey!, listedKey('outKey', asked, low), listedKey('outKey', asked, high)))
          .map((f) => keysOf(f).listed.identity);
        expect(listed.sort()).toEqual(own.sort());
        expect(high.endsWith(KEY_END)).toBe(true);
      }),
    );
  });
});
