import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VariantCache } from '../../src/variant-cache.ts';

describe('VariantCache', () => {
  it('when asked any sequence of owners and variants, then it derives exactly when a plain model of its policy has nothing kept, and answers what was derived for that owner and variant', () => {
    const perOwner = 3;
    const keyLimit = 12;
    const variant = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.record({ a: fc.integer({ min: 0, max: 2 }) }), fc.string({ maxLength: 20 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), variant), { maxLength: 60 }), (asks) => {
        const owners = [{}, {}, {}];
        const cache = new VariantCache<object, { owner: number; key: string; serial: number }>(perOwner, keyLimit);
        const model = owners.map(() => new Map<string, number>());
        let serial = 0;
        for (const [owner, asked] of asks) {
          const key = JSON.stringify(asked) ?? '';
          let derived = false;
          const got = cache.get(owners[owner]!, asked, () => {
            derived = true;
            return { owner, key, serial: ++serial };
          });
          const kept = model[owner]!;
          const expected = kept.get(key);
          expect(derived).toBe(expected === undefined);
          expect(got.owner).toBe(owner);
          expect(got.key).toBe(key);
          if (expected !== undefined) expect(got.serial).toBe(expected);
          else if (key.length <= keyLimit) {
            if (kept.size >= perOwner) kept.clear();
            kept.set(key, got.serial);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('when variants are equal by value but not the same object, then they share what was derived', () => {
    const cache = new VariantCache<object, number>(4);
    const owner = {};
    let derivations = 0;
    const first = cache.get(owner, { first: 2, after: 'x' }, () => ++derivations);
    const again = cache.get(owner, { first: 2, after: 'x' }, () => ++derivations);
    const other = cache.get({}, { first: 2, after: 'x' }, () => ++derivations);
    expect([first, again, other, derivations]).toEqual([1, 1, 2, 2]);
  });
});
