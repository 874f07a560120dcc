import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITY_SINGLE_VALUED, type EntitySingleValued } from '../../src/model.ts';
import {
  addDefinition,
  currentProperties,
  disagreements,
  isUnclaimed,
  noClaims,
  parseClaims,
  removeDefinition,
  serializeClaims,
  type Definition,
} from '../../src/seed/claims.ts';

const PROPERTIES = ['name', 'code', 'date'] as const satisfies readonly EntitySingleValued[];

/** Definitions over a few values each, so that articles often agree and sometimes do not. */
const definition: fc.Arbitrary<Definition> = fc
  .record({
    name: fc.constantFrom('Jordan', 'Hashemite Kingdom'),
    code: fc.option(fc.constantFrom('JO', 'JD'), { nil: undefined }),
    date: fc.option(fc.constantFrom('2025', '2025-10', '2025-10-10'), { nil: undefined }),
    aliases: fc.uniqueArray(fc.constantFrom('JO', 'Amman', 'the kingdom', 'Jordanian'), { maxLength: 3 }),
    corrects: fc.subarray([...PROPERTIES]),
    reported: fc.constantFrom('2025-10-01', '2025-11-03', '2025-12-24'),
  })
  .map(({ name, code, date, aliases, corrects, reported }) => {
    const values: Definition['values'] = { name };
    if (code !== undefined) values.code = code;
    if (date !== undefined) values.date = date;
    return { values, aliases, corrects: corrects.filter((p) => values[p] !== undefined), reported };
  });

const built = (definitions: readonly Definition[]) => {
  const claims = noClaims();
  for (const d of definitions) addDefinition(claims, d);
  return claims;
};

/** The plain rule, worked out from all the definitions at once: the latest correction's value, else the most given, then the first. */
function reference(definitions: readonly Definition[]) {
  const props: Record<string, string | null> = {};
  for (const property of ENTITY_SINGLE_VALUED) {
    const values = [...new Set(definitions.flatMap((d) => (d.values[property] === undefined ? [] : [d.values[property]!])))];
    const rank = (value: string) => {
      const giving = definitions.filter((d) => d.values[property] === value);
      const corrected = giving.filter((d) => d.corrects.includes(property)).map((d) => d.reported).sort();
      return { value, latest: corrected.at(-1) ?? '', count: giving.length };
    };
    const ranked = values.map(rank).sort((a, b) => (a.latest !== b.latest ? (a.latest > b.latest ? -1 : 1) : a.count !== b.count ? b.count - a.count : a.value < b.value ? -1 : 1));
    props[property] = ranked[0]?.value ?? null;
  }
  const aliases = [...new Set(definitions.flatMap((d) => d.aliases))].sort();
  return { props, aliases };
}

describe('claims: what several articles say one entity is', () => {
  it('property: when definitions are added in any order, then the tally and the properties are the same, and those the plain rule gives', () => {
    fc.assert(
      fc.property(fc.array(definition, { maxLength: 8 }).chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds, { minLength: ds.length, maxLength: ds.length }))), ([ds, shuffled]) => {
        const a = built(ds);
        const b = built(shuffled);
        expect(serializeClaims(b)).toBe(serializeClaims(a));
        expect(currentProperties(a)).toEqual(reference(ds));
      }),
      { numRuns: 500 },
    );
  });

  it('property: when a definition is added and taken back out, then the tally is exactly what it was, also after a round trip through its stored text', () => {
    fc.assert(
      fc.property(fc.array(definition, { maxLength: 6 }), definition, fc.nat(), (others, added, at) => {
        const before = serializeClaims(built(others));
        const ds = [...others];
        ds.splice(at % (ds.length + 1), 0, added);
        const claims = parseClaims(serializeClaims(built(ds)));
        removeDefinition(claims, added);
        expect(serializeClaims(claims)).toBe(before);
        expect(isUnclaimed(claims)).toBe(others.length === 0);
      }),
      { numRuns: 500 },
    );
  });

  it('property: a definition disagrees exactly where it gives another value than the current one, corrects nothing there, and no later correction set that value', () => {
    fc.assert(
      fc.property(fc.array(definition, { maxLength: 6 }), definition, (ds, next) => {
        const claims = built(ds);
        const current = reference(ds).props;
        const expected = PROPERTIES.filter((property) => {
          const given = next.values[property];
          if (given === undefined || next.corrects.includes(property) || current[property] === null || current[property] === given) return false;
          const correctedLater = ds.some((d) => d.values[property] === current[property] && d.corrects.includes(property) && d.reported > next.reported);
          return !correctedLater;
        });
        expect(disagreements(claims, next).map((d) => d.property)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('when an article corrects a date and is then withdrawn, then the date the others gave is back', () => {
    const first: Definition = { values: { name: 'Gaza ceasefire', date: '2025-10-10' }, aliases: [], corrects: [], reported: '2025-10-11' };
    const correction: Definition = { values: { name: 'Gaza ceasefire', date: '2025-10-09' }, aliases: ['truce'], corrects: ['date'], reported: '2025-11-03' };
    const claims = built([first, correction]);
    expect(currentProperties(claims).props.date).toBe('2025-10-09');
    expect(currentProperties(claims).aliases).toEqual(['truce']);
    // The first article, reloaded unchanged, agrees with what it said before: the later correction covers it.
    expect(disagreements(built([correction]), first)).toEqual([]);
    removeDefinition(claims, correction);
    expect(currentProperties(claims)).toEqual(currentProperties(built([first])));
  });
});
