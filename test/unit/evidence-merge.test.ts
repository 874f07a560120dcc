import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceMerge, mergeEvidence, type EvidenceEntry } from '../../src/graph/write/evidence.ts';

const entry = (sources: string[]) =>
  fc.record({
    quote: fc.constantFrom('a', 'b', 'c'),
    source: fc.constantFrom(...sources),
    reported: fc.constantFrom('2025-01-01', '2025-01-02', '2025-02-01'),
    status: fc.constantFrom('asserted' as const, 'expected' as const),
    time: fc.constantFrom('', '2025-01', '2024/'),
    details: fc.constantFrom('{}', '{"forces":"500 soldiers"}'),
    attributedTo: fc.constantFrom('', 'fictional-wire'),
  });

/** What the write query does with the positions: stored entries by index, added ones by -1 - index. */
const apply = (order: number[], stored: EvidenceEntry[], added: EvidenceEntry[]) => order.map((i) => (i >= 0 ? stored[i]! : added[-1 - i]!));

describe('evidenceMerge', () => {
  it('when evidence is added to a fact holding other articles’ evidence, then the positions it gives rebuild exactly what merging the whole lists gives', () => {
    fc.assert(
      fc.property(fc.array(entry(['s1', 's2', 's3']), { maxLength: 8 }), fc.array(entry(['n1', 'n2']), { maxLength: 8 }), (storedRaw, added) => {
        const stored = mergeEvidence([], storedRaw);
        const { added: kept, order, merged } = evidenceMerge(
          stored.map(({ quote: _quote, ...place }) => place),
          added,
        );
        const expected = mergeEvidence(stored, added);
        expect(apply(order, stored, kept)).toEqual(expected);
        expect(merged).toEqual(expected.map(({ quote: _quote, ...place }) => place));
      }),
      { numRuns: 500 },
    );
  });

  it('when the stored evidence still holds an article that adds again, then it refuses rather than guess', () => {
    const stored = [{ source: 's1', reported: '2025-01-01', status: 'asserted' as const, time: '', details: '{}', attributedTo: '' }];
    expect(() => evidenceMerge(stored, [{ quote: 'b', source: 's1', reported: '2025-01-01', status: 'asserted', time: '', details: '{}', attributedTo: '' }])).toThrow(/s1 is added to a fact that still holds its earlier evidence/);
  });
});
