/**
 * Offers, proposals and agreements a text describes rather than names ("the European Union offered to
 * fund the talks’ secretariat", "Yemen’s government and the Houthis agreed to exchange 900 prisoners",
 * "Niger signed a defence cooperation agreement with Russia"), and what others then did with them
 * ("Saudi Arabia welcomed the agreement", "Israel rejected the plan"). Each description becomes a
 * proposed Offer, named after its makers and its clause, with MADE from each maker; the phrases that
 * later refer to it ("the deal", "the pact") are kept as how the article mentions it, and a reaction
 * to one of them is a fact about that offer: SUPPORTS, REJECTED, ACCEPTED or OPPOSED, with the status a
 * cue before the verb gives ("is expected to sign off on"). Where no offer was described, a reaction
 * to "X’s plan" is one to its maker, as other patterns read it, and is left to them.
 */
import type { RelationType } from '../model.ts';
import { slugOf } from '../names.ts';
import type { Sentence } from '../seed/text.ts';
import { APPOSITION, JUDGEMENT, JUDGING_VERB, nextClauseEnd, statusOf, WHICH_ASIDE } from './cues.ts';
import type { ProposedRelation } from './patterns.ts';
import type { Named, ProposedEntity } from './propose.ts';
import { isActor, lastTwoPeople, listEndingAt } from './scope.ts';
import { ASSETS, TROOP_NOUNS } from './vocabulary.ts';

export const AGREEMENT_PATTERNS = {
  offerMade:
    'ACTOR (, which …,) offered|proposed to VERB|VERBing …; ACTOR and ACTOR (or the two) agreed (on DAY) to VERB …; ACTOR signed a|an … agreement|deal|pact|accord with ACTOR; ACTOR failed to agree|adopted an embargo|sanctions|a package …; ACTOR drafted|tabled the proposal; the measures, proposed by ACTOR; ACTOR proposed a NOUN → a proposed Offer and MADE from each maker (not troops sent or talks resumed, which other patterns read)',
  offerReaction:
    'ACTOR (and ACTOR) (+ a cue of status) backed|welcomed|praised|supported → SUPPORTS; rejected|refused to back|refused to commit to|turned down → REJECTED; accepted → ACCEPTED; signed off on → SUPPORTS; opposed|condemned|criticised → OPPOSED, of the deal|agreement|pact|plan|proposal|offer|package|measure|target the article last described (or of "a plan|proposal to …", described there)',
} as const;

/** The words that refer back to an offer the article described. */
const OFFER_NOUNS = 'deal|agreement|accord|pact|treaty|plan|proposal|idea|offer|initiative|package|measures?|sanctions|target|deadline|exchange';
const REFERENCE = new RegExp(String.raw`\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:new\s+|latest\s+|proposed\s+)?(?:${OFFER_NOUNS})\b`, 'gu');
/** What an offer, a proposal or an agreement is about, but which other patterns read: troops sent, talks held. */
const READ_ELSEWHERE = /\b(?:troops|soldiers|forces|personnel|peacekeepers|contingent|send|deploy|contribute)\b|^(?:resume|hold|start|open|begin|continue)\s+(?:[\p{L}-]+\s+)?(?:talks|negotiations)\b/u;

const MADE_VERB = String.raw`(?:has\s+|have\s+|had\s+)?(?:offered|offers|proposed|proposes)\s+(?:to\s+(?=\p{Ll})|(?=\p{Ll}+ing\b))`;
const AGREED_VERB = String.raw`(?:have\s+|has\s+)?agreed\s+(?:on\s+\p{Lu}\p{Ll}+\s+|late\s+on\s+\p{Lu}\p{Ll}+\s+)?to\s+(?=\p{Ll})`;
/** What follows a maker before the verb: an aside, its government or leaders. */
const BEFORE_VERB = String.raw`(?:${WHICH_ASIDE}|[’']s\s+(?:military\s+)?government|\s+(?:foreign\s+|defence\s+|finance\s+)?(?:leaders|governments|ministers))?\s+`;
const MADE_AFTER_MAKER = new RegExp(`^${BEFORE_VERB}${MADE_VERB}`, 'u');
const AGREED_AFTER_MAKER = new RegExp(`^${BEFORE_VERB}${AGREED_VERB}`, 'u');
/** "proposed a joint naval patrol": an offer named by its noun. */
const PROPOSED_NOUN = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+(?:has\s+)?(?:proposed|suggested)\s+(an?\s+(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+)\s*[.;,]`, 'u');
/** The verbs that describe an offer after its maker, and the kind of offer each makes. */
const DESCRIPTIONS = [[MADE_AFTER_MAKER, 'proposal'], [AGREED_AFTER_MAKER, 'agreement']] as const;
const SIGNED = /^(?:[’']s\s+(?:military\s+)?government)?\s+(?:has\s+)?signed\s+(an?\s+(?:[\p{Ll}-]+\s+){0,3}(?:agreement|deal|pact|accord|treaty))\s+with\s+$/u;

/** Reactions, by their verb: the type each gives; of two verbs, the first listed ("refused to back" is no backing). */
const REACTION_VERBS: [RelationType, string][] = [
  ['MADE', String.raw`drafted|drafts|tabled|tables|put\s+forward|puts\s+forward`],
  ['REJECTED', String.raw`rejected|rejects|turned\s+down|turns\s+down|refused\s+to\s+(?:back|commit\s+to|sign|accept|endorse)|dismissed`],
  ['ACCEPTED', String.raw`accepted|accepts`],
  ['SUPPORTS', String.raw`signed\s+off\s+on|sign\s+off\s+on|backed|backs|back|welcomed|welcomes|welcome|praised|praises|hailed|hails|supported|supports|support|endorsed|endorses|applauded`],
  ['OPPOSED', String.raw`opposed|opposes|oppose|condemned|condemns|criticised|criticized|criticises|criticizes|denounced|denounces`],
];
/** Between an actor and its reaction: an aside or an apposition, "’s government", up to four words that may be a cue of status ("is expected to"), a day. */
const REACTOR = String.raw`^(?:${WHICH_ASIDE}|${APPOSITION}|[’']s\s+government|,\s+which(?=\s))?\s+((?:[\p{Ll}’']+\s+){0,4}?)(?:on\s+\p{Lu}\p{Ll}+day\s+)?`;
/** A reaction verb right after an actor, what it reacts to following. */
const REACTIONS = REACTION_VERBS.map(([type, verbs]) => [type, new RegExp(String.raw`${REACTOR}(?:${verbs})\s+`, 'u')] as const);
/** A reaction verb between an actor and a reference to an offer. */
const REACTIONS_BEFORE = REACTION_VERBS.map(([type, verbs]) => [type, new RegExp(String.raw`${REACTOR}(?:${verbs})\s+$`, 'u')] as const);
/** "failed to agree an arms embargo on Myanmar", "adopted a package of sanctions against Belarus": a measure described, which "the measure" may then refer to (adopted: accepted by its subject). */
const AGREE_ON = /^(?:\s+(?:foreign\s+|defence\s+|finance\s+)?(?:leaders|governments|ministers))?\s+(?:on\s+\p{Lu}\p{Ll}+day\s+)?(?:(?:has\s+|have\s+)?failed\s+(?:on\s+\p{Lu}\p{Ll}+\s+)?to\s+|could\s+not\s+|did\s+not\s+)?(agree|agreed|adopted|approved)\s+(?:on\s+)?(an?\s+(?:[\p{Ll}-]+\s+){0,2}(embargo|sanctions|ban|package)(?:\s+of\s+sanctions)?(?:\s+(?:on|against)\s+\p{Lu}\p{L}*)?)/u;
/** "dropped its objections", "lifted its veto": it opposed the offer until then. */
const DROPPED = /^\s+(?:has\s+|had\s+)?(?:dropped|lifted|withdrew|dropping|lifting)\s+(?:its|their)\s+(?:objections?|veto|opposition|blockade)\b/u;
/** "called the sanctions illegal": a judgement that opposes the offer referred to. */
const CALLED_BEFORE = new RegExp(String.raw`\b${JUDGING_VERB}\s+$`, 'u');
/** "The measures, proposed by the European Commission in September": the maker after the reference. */
const PROPOSED_BY = /^,\s+(?:proposed|drafted|tabled|put\s+forward)\s+by\s+(?:the\s+)?$/u;
/** A reaction to a plan described where it is reacted to: "backed a plan to train 5,000 police officers", "rejected a proposal by the United Nations to …" (its maker). */
const DESCRIBED_IN_REACTION = /^(an?\s+(?:new\s+)?(plan|proposal))\s+(?:by\s+(?:the\s+)?([^,.;]{2,60}?)\s+)?to\s+(?=\p{Ll})/u;

interface Described {
  entity: ProposedEntity;
  /** Where the description ends: references after it are to this offer, until another is described. */
  at: number;
}

/** The clause a description runs on with, from `from`: to the clause's end or a comma, at most twelve words. */
function describedClause(text: string, from: number, end: number): string {
  const words = /^(?:\S+\s+){0,11}\S+/u.exec(text.slice(from, end));
  const comma = /,\s/u.exec(text.slice(from, end));
  const stop = Math.min(nextClauseEnd(text, from, end), words ? from + words[0].length : end, comma ? from + comma.index : end);
  return text.slice(from, stop).replace(/[\s,.;:]+$/u, '');
}

const capitalised = (words: string) => `${words[0]!.toUpperCase()}${words.slice(1)}`;

/** Who does something in a sentence: an actor (with those listed before it), or "the two" (the last two people named). */
interface Subject {
  parties: Named[];
  /** Where its words begin (for the evidence) and end (what it does follows). */
  start: number;
  end: number;
}

const THE_TWO = /\b[Tt]he\s+two(?:\s+(?:men|women|leaders|ministers|sides))?\b/gu;

/** The offers a text describes, MADE by their makers, and the reactions to them. */
export function proposeAgreements(text: string, sentences: Sentence[], named: Named[]): { entities: ProposedEntity[]; facts: ProposedRelation[] } {
  const described: Described[] = [];
  const facts: ProposedRelation[] = [];
  const add = (fact: ProposedRelation) => {
    if (fact.from !== fact.to && !facts.some((f) => f.type === fact.type && f.from === fact.from && f.to === fact.to)) facts.push(fact);
  };
  /** A proposed Offer for a description, or the one of that name the article described already. */
  const describe = (name: string, kind: string, sentence: Sentence, start: number, end: number, mentionedAs: string[]): ProposedEntity => {
    const id = slugOf(name).slice(0, 80).replace(/-+$/u, '');
    const before = described.find((d) => d.entity.id === id);
    if (before) return before.entity;
    const entity: ProposedEntity = { id, name, label: 'Offer', kind, cue: `described: “${text.slice(start, Math.min(end, start + 60))}”`, sentence: sentence.text, start, end, mentionedAs };
    described.push({ entity, at: end });
    return entity;
  };
  const nameOf = (parties: Named[]) => [...new Set(parties.map((m) => text.slice(m.start, m.end)))].join(' and ');
  const stated = (type: RelationType, subject: Subject, offer: ProposedEntity, evidenceEnd: number, cue = '') => {
    const evidence = text.slice(subject.start, evidenceEnd);
    for (const party of subject.parties) add({ type, from: party.id, to: offer.id, status: statusOf(cue) ?? 'asserted', evidence, pattern: type === 'MADE' ? 'offerMade' : 'offerReaction' });
  };

  for (const sentence of sentences) {
    const end = sentence.start + sentence.text.length;
    const inside = named.filter((n) => n.start >= sentence.start && n.end <= end);
    const subjects: Subject[] = inside.filter(isActor).map((actor) => {
      const parties = listEndingAt(inside, inside.indexOf(actor), (a, b) => text.slice(a.end, b.start), { mixed: true });
      return { parties, start: parties[0]!.start, end: actor.end };
    });
    for (const two of text.slice(sentence.start, end).matchAll(THE_TWO)) {
      const at = sentence.start + two.index;
      const last = lastTwoPeople(named, at);
      if (last.length === 2) subjects.push({ parties: last, start: at, end: at + two[0].length });
    }

    for (const subject of subjects) {
      const rest = text.slice(subject.end, end);
      // The European Union offered to fund …; Yemen’s government and the Houthis agreed on Friday to exchange …
      for (const [pattern, kind] of DESCRIPTIONS) {
        const verb = pattern.exec(rest);
        const whatStart = verb ? subject.end + verb[0].length : 0;
        const what = verb ? describedClause(text, whatStart, end) : '';
        if (!what || READ_ELSEWHERE.test(what)) continue;
        const wording = /offer/u.test(verb![0]) ? 'offer' : kind;
        const gerund = /^\p{Ll}+ing\b/u.test(what);
        const offer = describe(`${nameOf(subject.parties)} ${wording} ${gerund ? 'of' : 'to'} ${what}`, wording, sentence, subject.start, whatStart + what.length, [`${gerund ? '' : 'to '}${what}`]);
        stated('MADE', subject, offer, whatStart + what.length);
      }
      // Britain, which hosted the meeting, proposed a joint naval patrol
      const noun = PROPOSED_NOUN.exec(rest);
      if (noun && !READ_ELSEWHERE.test(noun[1]!) && !TROOP_NOUNS.test(noun[1]!) && !ASSETS.test(noun[1]!)) {
        const nounEnd = subject.end + noun[0].length - 1;
        const offer = describe(`${nameOf(subject.parties)} proposal of ${noun[1]!}`, 'proposal', sentence, subject.start, nounEnd, [noun[1]!]);
        stated('MADE', subject, offer, nounEnd);
      }
      // ACTOR backed a plan to …: the plan is described where it is reacted to
      for (const [type, verbs] of REACTIONS) {
        const verb = verbs.exec(rest);
        const plan = verb && DESCRIBED_IN_REACTION.exec(rest.slice(verb[0].length));
        const planStart = verb ? subject.end + verb[0].length : 0;
        const what = plan ? describedClause(text, planStart + plan[0].length, end) : '';
        const offer = what ? describe(`${capitalised(plan![2]!)} to ${what}`, plan![2]!, sentence, planStart, planStart + plan![0].length + what.length, [plan![1]!]) : undefined;
        if (!offer) continue;
        stated(type, subject, offer, offer.end, verb![1]);
        // "a proposal by Indonesia to …": its maker, named between "by" and "to".
        const maker = plan![3] ? inside.find((n) => isActor(n) && n.start >= planStart && n.end <= planStart + plan![0].length) : undefined;
        if (maker) stated('MADE', { parties: [maker], start: planStart, end: maker.end }, offer, offer.end);
      }
      // The EU failed to agree an arms embargo on Myanmar: described, and made by none yet; adopted: accepted.
      const agreeing = AGREE_ON.exec(rest);
      if (agreeing) {
        const [measureEnd, measure] = [subject.end + agreeing[0].length, agreeing[2]!];
        const offer = describe(capitalised(measure.replace(/^an?\s+/u, '')), agreeing[3]!, sentence, measureEnd - measure.length, measureEnd, [measure]);
        if (/^(?:adopted|approved)$/u.test(agreeing[1]!)) stated('ACCEPTED', subject, offer, measureEnd);
      }
      // Hungary dropped its objections: it had opposed the offer the sentence or the one before described.
      const dropped = DROPPED.exec(rest);
      const objected = dropped && described.filter((d) => d.at <= subject.end + rest.length).at(-1)?.entity;
      if (objected) stated('OPPOSED', subject, objected, subject.end + dropped![0].length);
    }
    // Niger’s military government signed a defence cooperation agreement with Russia
    for (let k = 0; k + 1 < inside.length; k++) {
      const [one, other] = [inside[k]!, inside[k + 1]!];
      const signed = isActor(one) && isActor(other) ? SIGNED.exec(text.slice(one.end, other.start)) : null;
      if (!signed) continue;
      const noun = signed[1]!.replace(/^an?\s+/u, '');
      const offer = describe(`${nameOf([one, other])} ${noun}`, noun.split(/\s+/u).at(-1)!, sentence, one.start, other.end, [signed[1]!]);
      stated('MADE', { parties: [one, other], start: one.start, end: one.end }, offer, other.end);
    }
    // ACTOR … welcomed the deal: the offer the article last described
    for (const reference of text.slice(sentence.start, end).matchAll(REFERENCE)) {
      const [at, phrase] = [sentence.start + reference.index, reference[0]];
      const offer = described.filter((d) => d.at <= at).at(-1)?.entity;
      if (!offer) continue;
      if (!offer.mentionedAs!.includes(phrase)) offer.mentionedAs!.push(phrase);
      // Who reacts: the nearest subject before it that a reaction verb joins to it (past the names of an apposition).
      const reaction = subjects
        .filter((subject) => subject.end <= at)
        .sort((a, b) => b.end - a.end)
        .flatMap((subject) => REACTIONS_BEFORE.flatMap(([type, verbs]) => {
          const verb = verbs.exec(text.slice(subject.end, at));
          return verb ? [{ subject, type, cue: verb[1]! }] : [];
        }))[0];
      if (reaction) stated(reaction.type, reaction.subject, offer, at + phrase.length, reaction.cue);
      // Belarus called the sanctions illegal
      const judge = CALLED_BEFORE.test(text.slice(sentence.start, at)) ? subjects.filter((s) => s.end <= at && /^\s+(?:[\p{Ll}’']+\s+){0,2}$/u.test(text.slice(s.end, at).replace(CALLED_BEFORE, ''))).at(-1) : undefined;
      const judged = judge ? JUDGEMENT.exec(text.slice(at + phrase.length, end)) : null;
      if (judge && judged) stated('OPPOSED', judge, offer, at + phrase.length + judged[0].length);
      // The measures, proposed by the European Commission
      const maker = inside.find((n) => isActor(n) && n.start > at && PROPOSED_BY.test(text.slice(at + phrase.length, n.start)));
      if (maker) stated('MADE', { parties: [maker], start: at, end: at + phrase.length }, offer, maker.end);
    }
  }
  return { entities: described.map((d) => d.entity), facts };
}
