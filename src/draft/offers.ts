/**
 * Offers a text names by their maker: "Turkey’s offer of troops", "Egypt’s offer to mediate".
 * Each becomes a proposed Offer (unless the graph knows one of that name) and a MADE fact from the
 * maker, so that what others did with it ("Israel rejected Turkey’s offer of troops") has an end.
 */
import { slugOf } from '../names.ts';
import type { Sentence } from '../seed/text.ts';
import type { Mention } from './match.ts';
import type { ProposedRelation } from './patterns.ts';
import type { ProposedEntity } from './propose.ts';

export const OFFER_PATTERNS = {
  offerOf: 'STATE’s|PERSON’s offer of|for|to WORDS → a proposed Offer and MADE from its maker (a proposal someone backs is read as backing its maker: see supports)',
} as const;

const OFFER = /^[’']s\s+(offer)(?:\s+(?:of|for|to)\s+(?:[\d,]+\s+)?[\p{Ll}-]+(?:\s+(?:for|of)\s+the\s+\p{Lu}[\p{L}-]*(?:\s+[\p{Ll}]+)?)?)?/u;

export function proposeOffers(text: string, sentences: Sentence[], mentions: Mention[], knownNames: ReadonlySet<string>): { entities: ProposedEntity[]; facts: ProposedRelation[] } {
  const entities: ProposedEntity[] = [];
  const facts: ProposedRelation[] = [];
  for (const maker of mentions.filter((m) => !m.nested && (m.entity.label === 'Country' || m.entity.label === 'Person' || m.entity.label === 'Organization'))) {
    const offer = OFFER.exec(text.slice(maker.end, maker.end + 120));
    if (!offer) continue;
    const name = text.slice(maker.start, maker.end + offer[0].length);
    if (knownNames.has(name)) continue;
    const id = slugOf(name.replace(/[’']s\b/u, ''));
    const sentence = sentences.findLast((s) => s.start <= maker.start)!;
    if (!entities.some((e) => e.id === id))
      entities.push({ id, name, label: 'Offer', kind: offer[1]!, cue: `“’s ${offer[1]}”`, sentence: sentence.text, start: maker.start, end: maker.start + name.length });
    if (!facts.some((f) => f.to === id)) facts.push({ type: 'MADE', from: maker.entity.id, to: id, status: 'asserted', evidence: name, pattern: 'offerOf' });
  }
  return { entities, facts };
}
