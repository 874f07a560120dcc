/**
 * The facts a draft proposes: patterns of news wording over a sentence's named entities, each
 * giving a relationship type, both ends, the report's status (src/facts.ts) and the verbatim clause
 * as evidence. Every pattern is listed in FACT_PATTERNS, which docs/seeding.md shows; a pattern
 * proposes only where the wording is plain, since a wrong fact costs a reviewer more than a
 * missing one.
 */
import type { FactStatus } from '../facts.ts';
import type { RelationType } from '../model.ts';
import type { Sentence } from '../seed/text.ts';
import type { TermTable } from './match.ts';
import type { Named } from './propose.ts';
import type { OFFER_PATTERNS } from './offers.ts';
import type { SPEECH_PATTERNS } from './speech.ts';
import { clauseFrom, CUE_AFTER_SUBJECT, nextClauseEnd, statusOf } from './cues.ts';
import { LOWER_CASE_TITLES, OFFICES, RANKS, SPOKESPEOPLE } from './vocabulary.ts';

export interface ProposedRelation {
  type: RelationType;
  from: string;
  to: string;
  status: FactStatus;
  role?: string;
  regarding?: string;
  troops?: number;
  /** The clause that states it, verbatim. */
  evidence: string;
  /** The pattern that found it (see FACT_PATTERNS, SPEECH_PATTERNS and OFFER_PATTERNS). */
  pattern: FactPattern | keyof typeof SPEECH_PATTERNS | keyof typeof OFFER_PATTERNS;
}

/** The patterns facts are proposed from, as docs/seeding.md lists them. */
export const FACT_PATTERNS = {
  appositiveRole: 'PERSON, a ROLE at|of|with|on ORGANIZATION → AFFILIATED_WITH (or HOLDS_OFFICE of a COUNTRY), with the role; ORGANIZATION, a fund|body|agency|unit of ORGANIZATION → PART_OF',
  officeTitle: 'COUNTRY OFFICE PERSON ("U.S. Secretary of State Marco Rubio", "U.S. envoy Daniel Brooks") → HOLDS_OFFICE, with the office as role; ORGANIZATION spokesman PERSON → AFFILIATED_WITH',
  troopList: 'ORGANIZATION … of COUNTRY, COUNTRY and COUNTRY forces, or troops from COUNTRY, … (in the sentence that names the force) → CONTRIBUTES_TROOPS_TO',
  troopsTo: 'COUNTRY has sent|deployed|committed (…) troops|forces|soldiers to ORGANIZATION → CONTRIBUTES_TROOPS_TO',
  troopStance:
    'COUNTRY, COUNTRY and COUNTRY (or troops from them) + a cue of status + troops|soldiers|participate|join|send (+ ORGANIZATION, or the force the article last named) → CONTRIBUTES_TROOPS_TO with the status the cue gives, and the number of troops where the clause gives one',
  opposedParticipation: 'ACTOR opposed|vetoed|objected to|rejected|criticised|condemned the participation|inclusion|involvement|presence|deployment of COUNTRY (’s troops), or PARTY’s participation|involvement|… → OPPOSED, regarding that word',
  blocked: 'ACTOR blocked|vetoed|held up the release|adoption|approval|payment of … from|by|of ORGANIZATION|OFFER → OPPOSED, regarding that word',
  supports: 'ACTOR (and ACTOR) backed|supports|endorsed|accepted PARTY (’s position|plan|proposal) → SUPPORTS, regarding the position where one is named',
  met: 'ACTOR met (with) ACTOR (a state’s official: the person); talks|discussions|meeting between ACTOR and ACTOR; ACTOR and (his counterpart,) ACTOR met|held talks; He|She met ACTOR (the person last named) → MET',
  officeInSentence: 'OFFICE PERSON in a sentence that names one state and no state before the office ("Malaysia has made no decision, Foreign Minister Aziz Rahman said") → HOLDS_OFFICE of that state',
  mandated: 'ORGANIZATION authorized|mandated|endorsed ORGANIZATION; a resolution giving a mandate to ORGANIZATION; the force was authorized by ORGANIZATION → MANDATED',
  offerDecision: 'ACTOR rejected|turned down|refused|accepted|welcomed OFFER (an offer the graph knows, or “STATE’s offer of …”) → REJECTED, ACCEPTED',
  attacked: 'STATE|ORGANIZATION attacked|struck|shelled|bombed|invaded|raided PARTY, or launched|fired (N) drones|missiles|rockets at PARTY → ATTACKED (a cue before the verb, "threatened to", gives the status)',
  visited: 'PERSON visited|arrived in|traveled to PLACE|STATE (will visit: expected) → VISITED',
  fundsArms: 'ACTOR (, which …,) funds|arms PARTY (with the status of a cue before the verb: "will fund", "has denied that it funds"); ACTOR, which has long funded PARTY; PARTY, which is funded and armed by ACTOR; ACTOR funds the purchase of … for PARTY → FUNDS, ARMS',
  leads: 'ACTOR (will) lead|leads|commands|heads ORGANIZATION; ACTOR, which leads|commands ORGANIZATION; ORGANIZATION (will be) led|commanded by ACTOR; the ACTOR-led ORGANIZATION → LEADS (will lead: expected)',
  pledges: 'ACTOR pledged|promised|gave|donated (a further) $N|N million euros to|for ORGANIZATION (or the fund the article last named); ACTOR did not make a pledge → FUNDS (pledged, promised: offered; did not: denied)',
  armsDelivery: 'STATE (+ a cue of status) sends|delivers|supplies|provides (N) WEAPONS to PARTY ("Germany will send two more air defence systems to Ukraine") → ARMS with the status the cue gives',
} as const;
export type FactPattern = keyof typeof FACT_PATTERNS;

/** STATE OFFICE PERSON ("U.S. Secretary of State Marco"), and OFFICE PERSON alone. */
const STATE_OFFICE = new RegExp(`(?:^|[\\s(“"])(\\S+?)\\s+(${OFFICES.join('|')})\\s+(?=\\p{Lu})`, 'gu');
const OFFICE = new RegExp(`(?:^|[\\s,(])(${OFFICES.join('|')})\\s+(?=\\p{Lu})`, 'gu');
/** What stands between a state's word and a person it titles: "’s President", "Foreign Minister", "envoy". */
const TITLE_BETWEEN = new RegExp(`^(?:[’']s)?\\s+(?:(?:${OFFICES.join('|')})|[\\p{Ll}-]+(?:\\s+[\\p{Ll}-]+)?)\\s+$`, 'u');
/** A military rank before a name ("Major General", "Adm."), as a regular expression. */
const RANK = RANKS.map((rank) => rank.replace('.', '\\.')).join('|');
/**
 * What stands between a state or an organisation and the person holding a post of it, written in lower case: "’s
 * defence minister, ", " government spokesman ", " foreign policy chief ", " commander Major General ", " counterpart, ".
 */
const LOWER_CASE_TITLE_BETWEEN = new RegExp(
  `^(?:[’']s)?\\s+((?:[\\p{Ll}-]+\\s+){0,2}(?:${[...LOWER_CASE_TITLES, 'counterpart'].join('|')}))(?:,\\s+|\\s+)(?:(?:${RANK})\\s+)?$`,
  'u',
);
const SPOKESPERSON = new RegExp(`\\b(?:${SPOKESPEOPLE.join('|')})$`, 'u');
const TROOP_WORDS = /\b(?:troops|soldiers|forces|personnel|peacekeepers|contingent|participate|participating|participation|take part|taking part|join|joining|contribute|contributing|dispatch|deploy|deploying|send|sending)\b/;
const TROOPS = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:troops|soldiers|personnel|peacekeepers)\b/;
const TROOP_NOUNS = /\b(?:troops|soldiers|forces|personnel|peacekeepers|contingent)\b/;
/** Organisations a country sends troops to, by a word of their name: the article's force ("… Mission", "Operation …"). */
const FORCE_NAME = /\b(?:Force|Forces|Mission|Coalition|Operation)\b/;
/** "the mission", "the force", "the operation": the organisation last named with that word in its name. */
const DESCRIPTION = /\bthe\s+(force|mission|coalition|operation)\b/;
const HEAD_WORDS = new Map(['force', 'mission', 'coalition', 'operation'].map((head) => [head, new RegExp(`\\b${head}\\b`, 'i')]));
/** A state taking its own forces out ("will pull its troops out of", "is withdrawing its aircraft", "prepares to withdraw its contingent"). */
const WITHDRAWING = /^\s+(?:(?:is|are|will|would|has|have|plans? to|prepares? to|is preparing to|is set to|is to|is due to|began|begins|started)\s+)?(?:(?:to|now|also|soon|gradually)\s+)?(?:withdraw|withdrawing|withdraws|withdrew|pull|pulling|pulls|pulled)\s+(?:out\s+)?(?:all\s+|most\s+|some\s+)?(?:of\s+)?(?:its|their)\s+/u;
/** "will lead", "which commands", "has led … since": leading what follows (a cue before the verb gives the status). */
const LEADS_ACTIVE = /^(?:,\s+which\s+|\s+)((?:[\p{Ll}’']+\s+){0,3}?)(?:lead|leads|led|command|commands|commanded|head|heads|headed)\s+(?:the\s+)?$/u;
/** "…, to be led by", "will be commanded by", "is headed by": led by what follows; "to be" and "will be" are plans. */
const LEADS_PASSIVE = new RegExp(
  String.raw`^,?\s+(?:(?:which|that)\s+)?(?:(will be|to be|would be)|is|are|was|were|has been|had been)\s+(?:led|commanded|headed)\s+by\s+(?:the\s+)?(?:[\p{Ll}-]+\s+|(?:${RANK})\s+){0,3}$`,
  'u',
);
/** Opposing something, worded before what is opposed: "has strongly opposed", "vetoed", "criticised". */
const OPPOSING = String.raw`(?:has\s+|have\s+|had\s+)?(?:strongly\s+|firmly\s+)?(?:opposed|opposes|oppose|vetoed|vetoes|veto|objected to|objects to|rejected|rejects|criticised|criticized|criticises|criticizes|condemned|condemns|denounced|denounces)`;
/** "opposed the participation of" (PARTY follows). */
const OPPOSED_PART_OF = new RegExp(String.raw`^\s+${OPPOSING}\s+(?:the\s+|any\s+)?(participation|inclusion|involvement|presence|deployment|role)\s+of\s+(?:the\s+)?$`, 'u');
/** "criticised the" (PARTY’s involvement follows). */
const OPPOSED_BEFORE_PARTY = new RegExp(String.raw`^\s+${OPPOSING}\s+(?:the\s+)?$`, 'u');
/** Money: "$1 billion", "€200m", "5 billion euros". */
const MONEY = String.raw`(?:(?:US)?[$€£]\s?\d[\d.,]*(?:\s*(?:million|billion|bn|m)\b)?|\d[\d.,]*\s+(?:million|billion)\s+(?:euros|dollars|pounds))`;
/** "pledged $1 billion to", "promised a further $500 million", "will give 5 million euros for": money for what follows, or for the fund last named. */
const PLEDGE = new RegExp(String.raw`^\s+((?:[\p{Ll}’']+\s+){0,3}?)(pledged|pledges|promised|promises|committed|commits|gave|gives|give|donated|donates|donate)\s+(?:a\s+further\s+|another\s+|an\s+additional\s+|an\s+extra\s+)?${MONEY}(\s+(?:to|for)\s+(?:the\s+)?)?`, 'u');
/** "did not make a pledge": no money, for the fund last named. */
const NO_PLEDGE = /^\s+(?:did not|has not|have not|had not|refused to|declined to)\s+(?:make\s+(?:a|any)\s+pledge|pledge\s+(?:any|anything))\b/u;
const FUND_NAME = /\b(?:Fund|Facility|Trust)\b/;
/** What a state lends a force besides soldiers: ships, aircraft, observers ("offered two destroyers", "pledged observers"). */
const ASSETS = /\b(?:frigates?|destroyers?|warships?|ships?|vessels?|aircraft|jets|fighter jets|helicopters|observers|officers|engineers|medics|police officers|trainers)\b/;

/** "attacked", "struck", "shelled": an attack on what follows; a cue before it ("threatened to") gives its status. */
const ATTACK =
  /^\s+((?:[\p{Ll}’']+\s+){0,3}?)(?:attacked|attacks|attack|struck|strikes|strike|shelled|shell|bombed|bomb|invaded|invade|raided|(?:launched|launches|fired|fires)\s+(?:[\d,]+\s+)?(?:[\p{Ll}-]+\s+){0,2}(?:drones|missiles|rockets|strikes)\s+(?:at|on|against|into))\s+(?:the\s+)?$/u;
/** Weapons a state sends another ("two more air defence systems", "tanks"): arming it. */
const WEAPONS = /\b(?:weapons|arms|missiles|rockets|tanks|artillery|shells|ammunition|drones|(?:air[ -]defen[cs]e|missile|rocket|weapons?)\s+systems|fighter jets|jets|howitzers)\b/;
/** "blocked the release of 5 billion euros from": opposing what a body would pay or adopt. */
const BLOCKED = /^\s+(?:has\s+|have\s+|had\s+)?(?:blocked|blocks|block|vetoed|vetoes|veto|held up|holds up)\s+(?:the\s+)?(release|adoption|approval|payment|disbursement|transfer)\s+of\s+[^.;]{0,60}?\s+(?:from|by|of|for|under)\s+(?:the\s+)?$/u;
/** "visited", "arrived in", "will visit": a visit to what follows. */
const VISIT = /^\s+(?:(will|is to|is due to|plans to)\s+)?(?:visited|visits|visit|arrived in|arrives in|traveled to|travelled to|toured)\s+(?:the\s+)?$/u;

const ACTOR_LABELS = new Set(['Country', 'Organization', 'Person']);
const isActor = (n: Named) => n.label !== null && ACTOR_LABELS.has(n.label);

/** Facts from the patterns, among the entities the text names (`named`, in text order, none overlapping). */
export function proposeRelations(text: string, sentences: Sentence[], named: Named[], table: TermTable): ProposedRelation[] {
  const relations: ProposedRelation[] = [];
  const add = (relation: ProposedRelation) => {
    if (relation.from === relation.to) return;
    if (!relations.some((r) => r.type === relation.type && r.from === relation.from && r.to === relation.to)) relations.push(relation);
  };
  const between = (a: Named, b: Named) => text.slice(a.end, b.start);
  /** The force the article last named before `at`: what "the mission" and "the force" refer to. */
  const forceBefore = (at: number) => named.filter((n) => n.end <= at && n.label === 'Organization' && FORCE_NAME.test(text.slice(n.start, n.end))).at(-1);
  /** The fund the article last named before `at`: what "a further $500 million" goes to. */
  const fundBefore = (at: number) => named.filter((n) => n.end <= at && n.label === 'Organization' && FUND_NAME.test(text.slice(n.start, n.end))).at(-1);
  /** The organisation last named before `at` whose name has the head word of a description ("the mission": "… Monitoring Mission"). */
  const describedBefore = (at: number, head: string) =>
    named.filter((n) => n.end <= at && n.label === 'Organization' && HEAD_WORDS.get(head)!.test(text.slice(n.start, n.end))).at(-1);

  for (const sentence of sentences) {
    const end = sentence.start + sentence.text.length;
    const inside = named.filter((n) => n.start >= sentence.start && n.end <= end);

    // PERSON, a ROLE at ORGANIZATION
    for (let k = 0; k + 1 < inside.length; k++) {
      const [person, other] = [inside[k]!, inside[k + 1]!];
      // "the European Peace Facility, a fund of the European Union": a part of it.
      const partOf = person.label === 'Organization' && other.label === 'Organization' && /^,\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:fund|body|agency|unit|arm|branch|mission|programme|program|facility)\s+of\s+(?:the\s+)?$/u.test(between(person, other));
      if (partOf) add({ type: 'PART_OF', from: person.id, to: other.id, status: 'asserted', evidence: text.slice(person.start, other.end), pattern: 'appositiveRole' });
      if (person.label !== 'Person') continue;
      const role = /^,\s+(?:a|an|the)\s+([\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3})\s+(?:at|of|with|on|for)\s+(?:the\s+)?$/u.exec(between(person, other));
      if (!role) continue;
      const type = other.label === 'Country' ? 'HOLDS_OFFICE' : other.label === 'Organization' || other.label === null ? 'AFFILIATED_WITH' : null;
      if (type) add({ type, from: person.id, to: other.id, status: 'asserted', role: role[1]!, evidence: text.slice(person.start, other.end), pattern: 'appositiveRole' });
    }

    // COUNTRY OFFICE PERSON
    for (const match of sentence.text.matchAll(STATE_OFFICE)) {
      const country = table.lookup(match[1]!.replace(/[’']s$/u, ''))?.find((e) => e.label === 'Country');
      if (!country) continue;
      const at = sentence.start + match.index + match[0].length;
      const countryAt = sentence.start + match.index + match[0].indexOf(match[1]!);
      const person = inside.find((n) => n.label === 'Person' && n.start <= at && at < n.end);
      const countryId = inside.find((n) => n.start <= countryAt && countryAt < n.end && n.label === 'Country')?.id ?? country.id;
      if (person) add({ type: 'HOLDS_OFFICE', from: person.id, to: countryId, status: 'asserted', role: match[2]!, evidence: text.slice(countryAt, person.end), pattern: 'officeTitle' });
    }

    // STATE|ORGANIZATION envoy|spokesman PERSON: an office of the state, a post in the organisation
    for (let k = 0; k + 1 < inside.length; k++) {
      const [holder, person] = [inside[k]!, inside[k + 1]!];
      if (person.label !== 'Person' || !(holder.label === 'Country' || holder.label === 'Organization')) continue;
      const title = LOWER_CASE_TITLE_BETWEEN.exec(between(holder, person));
      // "his Azerbaijani counterpart, Leyla Mammadova": the office of the person the sentence titled before.
      const role = title && (title[1]!.endsWith('counterpart') ? relations.findLast((r) => r.type === 'HOLDS_OFFICE' && r.role && text.indexOf(r.evidence, sentence.start) >= sentence.start)?.role : title[1]!);
      // A comma after the title is an apposition of a state’s or its own word: "Malawi’s defence minister, Grace Phiri".
      const apposition = title && /,\s+$/.test(title[0]) && !/^[’']s|counterpart/u.test(title[0].trim());
      if (title && role && !apposition)
        add({
          type: holder.label === 'Country' || !SPOKESPERSON.test(title[1]!) ? 'HOLDS_OFFICE' : 'AFFILIATED_WITH',
          from: person.id,
          to: holder.id,
          status: 'asserted',
          role,
          evidence: text.slice(holder.start, person.end),
          pattern: 'officeTitle',
        });
    }

    // OFFICE PERSON in a sentence that names one state only: "Malaysia has made no decision, Foreign Minister Aziz Rahman said"
    const countries = new Set(inside.filter((n) => n.label === 'Country').map((n) => n.id));
    if (countries.size === 1) {
      const [country] = countries;
      for (const match of sentence.text.matchAll(OFFICE)) {
        const at = sentence.start + match.index + match[0].length;
        const person = inside.find((n) => n.label === 'Person' && n.start === at);
        const before = text.slice(Math.max(sentence.start, at - match[0].length - 20), at - match[0].length);
        // Not where a word of a state stands before the office (the pattern above reads those).
        if (person && !/\p{Lu}[\p{L}.’']*\s*$/u.test(before))
          add({ type: 'HOLDS_OFFICE', from: person.id, to: country!, status: 'asserted', role: match[1]!, evidence: text.slice(at - match[1]!.length - 1, person.end).trim(), pattern: 'officeInSentence' });
      }
    }

    // COUNTRY sent troops to ORGANIZATION
    for (let k = 0; k + 1 < inside.length; k++) {
      const [country, force] = [inside[k]!, inside[k + 1]!];
      if (country.label !== 'Country' || force.label !== 'Organization') continue;
      if (/^\s+(?:has\s+|have\s+|had\s+)?(?:sent|sends|deployed|deploys|committed|commits)\s+(?:[\p{Ll}\d-]+\s+){0,2}(?:troops|forces|soldiers)\s+to\s+(?:the\s+)?$/u.test(between(country, force)))
        add({ type: 'CONTRIBUTES_TROOPS_TO', from: country.id, to: force.id, status: 'asserted', evidence: text.slice(country.start, force.end), pattern: 'troopsTo' });
    }

    for (let k = 0; k < inside.length; k++) {
      if (inside[k]!.label !== 'Country') continue;
      let last = k;
      while (last + 1 < inside.length && inside[last + 1]!.label === 'Country' && /^,?\s+(?:and\s+)?$|^,\s*$/.test(between(inside[last]!, inside[last + 1]!))) last++;
      const list = inside.slice(k, last + 1);
      k = last;
      const before = text.slice(Math.max(sentence.start, list[0]!.start - 40), list[0]!.start);
      const afterEnd = nextClauseEnd(text, list.at(-1)!.end, end);
      const after = text.slice(list.at(-1)!.end, afterEnd);
      const adjectives = /\bof\s+$/.test(before) && /^\s+(?:forces|troops|soldiers)\b/.exec(after);
      const troopsFrom = /\b(?:[Tt]roops|[Ff]orces|[Ss]oldiers)\s+from\s+(?:the\s+)?$/.exec(before);
      const forceEarlier = inside.filter((n) => n.end <= list[0]!.start && n.label === 'Organization').at(-1);

      // A list after the force it serves: "a coalition of French and British forces", "the force, with troops from Egypt"
      if ((adjectives || troopsFrom) && forceEarlier && !statusOf(after)) {
        const stop = adjectives ? list.at(-1)!.end + adjectives[0].length : list.at(-1)!.end;
        for (const country of list) add({ type: 'CONTRIBUTES_TROOPS_TO', from: country.id, to: forceEarlier.id, status: 'asserted', evidence: text.slice(forceEarlier.start, stop), pattern: 'troopList' });
        continue;
      }

      // The list as the subject of a stance on sending troops: "Egypt and Indonesia are expected to send troops",
      // "Troops from Egypt and Indonesia are expected to form the core of the force", "Azerbaijan declined to participate".
      const subject = troopsFrom || /^$|^\s*$|[.;:—]\s*$|^\s*(?:But|And|Meanwhile|However),?\s*$|\b(?:while|but|and|as|whereas|that)\s+$/.test(before.slice(-12));
      if (!subject) continue;
      // The cue follows the subject at once (a few words at most: "are now expected to"), and the troops or
      // the taking part follow the cue as closely: "would determine which nations would join" is no stance.
      // "weighing whether to withdraw its contingent": it still serves; what is undecided is leaving.
      // What the subject does comes after an aside about it: "Kenya, which has led the mission since 2024, will not send".
      const aside = list.length === 1 ? /^,\s+(?:which|who)\s[^,]{3,80},/u.exec(after)?.[0].length ?? 0 : 0;
      const rest = after.slice(aside);
      // "will pull its 1,200 troops out of the mission", "is withdrawing its aircraft": it serves until it leaves.
      const withdrawing = WITHDRAWING.exec(rest);
      const leaving = withdrawing !== null || /\bwhether to (?:withdraw|pull out|leave|end)\b/.test(rest.slice(0, 60));
      const stance = leaving ? 'asserted' : statusOf(rest.slice(0, 40));
      const cued = withdrawing ?? (stance && CUE_AFTER_SUBJECT.get(leaving ? 'undecided' : stance)!.exec(rest));
      if (!stance || !cued) continue;
      const afterCue = rest.slice(cued[0].length);
      // Soldiers, taking part, or what else a force is lent ("has offered two destroyers"), close after the cue.
      const asset = ASSETS.exec(afterCue);
      const lent = asset && (withdrawing || /\b(?:offered|offers|pledged|pledges|promised|committed)\s*$/.test(cued[0]) || /\b(?:send|sending|deploy|deploying|dispatch|contribute|contributing|commit|lend)\b/.test(afterCue.slice(0, asset.index)));
      const troopWord = [TROOP_WORDS.exec(afterCue), lent ? asset : null].filter((m) => m !== null).sort((a, b) => a.index - b.index)[0];
      if (!troopsFrom && (!troopWord || afterCue.slice(0, troopWord.index).trim().split(/\s+/).length > 4)) continue;
      // "will send four anti-ship missiles to Ecuador" is arming a state (armsDelivery), not sending troops: weapons
      // sent where a state or place is named first.
      const sentAt = list.at(-1)!.end + aside + cued[0].length + (troopWord?.index ?? 0);
      const sent = troopWord ? text.slice(sentAt, Math.min(sentAt + 60, afterEnd)).split(/[,;]|\s+and\s+/u)[0]! : '';
      const firstNamed = inside.find((n) => n.start >= sentAt && n.end <= afterEnd);
      if (WEAPONS.test(sent) && !TROOP_NOUNS.test(sent) && firstNamed?.label !== 'Organization') continue;
      // The force: named close after the troops ("join the ISF", "troops to the force"), the one "the mission" or
      // "the force" last named, or the force the article last named.
      const described = DESCRIPTION.exec(text.slice(sentAt, afterEnd));
      const target =
        inside.find((n) => n.start >= sentAt && n.end <= afterEnd && n.label === 'Organization' && text.slice(sentAt, n.start).split(/\s+/).length <= 8) ??
        (described ? describedBefore(list[0]!.start, described[1]!) : undefined) ??
        forceBefore(list[0]!.start);
      if (!target) continue;
      const start = troopsFrom ? list[0]!.start - troopsFrom[0].length : list[0]!.start;
      const troops = TROOPS.exec(after);
      const evidenceEnd = target.start > list[0]!.start ? Math.max(target.end, afterEnd) : afterEnd;
      for (const country of list)
        add({
          type: 'CONTRIBUTES_TROOPS_TO',
          from: country.id,
          to: target.id,
          status: stance,
          ...(troops && list.length === 1 ? { troops: Number(troops[1]!.replace(/,/g, '')) } : {}),
          evidence: text.slice(start, evidenceEnd).replace(/[\s,;:—]+$/u, ''),
          pattern: 'troopStance',
        });
    }

    // ACTOR opposed the participation of COUNTRY
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, party] = [inside[k]!, inside[k + 1]!];
      if (!isActor(actor) || !(party.label === 'Country' || party.label === 'Organization')) continue;
      // "criticised the European Union’s involvement": the party's own part, named before it.
      const possessive = OPPOSED_BEFORE_PARTY.test(between(actor, party)) && /^[’']s\s+(participation|inclusion|involvement|presence|deployment|role)\b/u.exec(text.slice(party.end, party.end + 30));
      if (possessive)
        add({ type: 'OPPOSED', from: actor.id, to: party.id, status: 'asserted', regarding: possessive[1]!, evidence: text.slice(actor.start, party.end + possessive[0].length), pattern: 'opposedParticipation' });
      const opposed = OPPOSED_PART_OF.exec(between(actor, party));
      // Of the country itself or its troops ("of Qatar in any role", "of Turkey’s soldiers"), not of a thing of it ("of Russian gas").
      const ofItself = /^(?:[’']s\s+(?:troops|soldiers|forces|contingent|participation)\b|\s*[.,;]|\s+(?:in|from|to|or|and)\b)/u.test(text.slice(party.end, party.end + 30));
      if (opposed && ofItself)
        add({ type: 'OPPOSED', from: actor.id, to: party.id, status: 'asserted', regarding: opposed[1]!, evidence: clauseFrom(text, actor.start, party.end, end), pattern: 'opposedParticipation' });
    }

    // ACTOR blocked the release of … from ORGANIZATION|OFFER
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, body] = [inside[k]!, inside[k + 1]!];
      if (!isActor(actor) || !(body.label === 'Organization' || body.label === 'Offer')) continue;
      const blocked = BLOCKED.exec(between(actor, body));
      if (blocked) add({ type: 'OPPOSED', from: actor.id, to: body.id, status: 'asserted', regarding: blocked[1]!, evidence: text.slice(actor.start, body.end), pattern: 'blocked' });
    }

    // ACTOR (and ACTOR) backed PARTY('s position)
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, party] = [inside[k]!, inside[k + 1]!];
      if (!isActor(actor) || !isActor(party)) continue;
      if (!/^\s+(?:has\s+|have\s+|had\s+)?(?:backed|backs|back|supported|supports|support|endorsed|endorses|accepted|accepts)\s+(?:the\s+)?$/u.test(between(actor, party))) continue;
      const position = /^[’']s?\s+(position|plan|proposal|stance|demand|demands|bid|candidacy)\b/u.exec(text.slice(party.end, party.end + 30));
      // "accepts EU monitors": the name only describes what is backed.
      if (!position && !/^(?:[’']s?\s|\s*[.,;:)]|\s*$|\s+(?:and|or|in|on|at|to|for|with|over|after|as|during|but|while|which|who|against|from|by|since|despite|because|last|this)\b)/u.test(text.slice(party.end, party.end + 20))) continue;
      const subjects = listEndingAt(inside, k, between);
      for (const subject of subjects)
        add({
          type: 'SUPPORTS',
          from: subject.id,
          to: party.id,
          status: 'asserted',
          ...(position ? { regarding: position[1]! } : {}),
          evidence: text.slice(subjects[0]!.start, position ? party.end + position[0].length : party.end),
          pattern: 'supports',
        });
    }

    // ACTOR met ACTOR; talks between ACTOR and ACTOR
    for (let k = 0; k + 1 < inside.length; k++) {
      const one = inside[k]!;
      // "met Ukrainian Foreign Minister Olena Bondar", "met U.S. envoy Daniel Brooks": the person, not the state.
      const other = titledPerson(inside, k + 1, between) ?? inside[k + 1]!;
      if (!isActor(one) || !isActor(other)) continue;
      if (/^\s+(?:has\s+|have\s+|had\s+)?(?:met|meets|will meet|is meeting|held talks|holds talks)\s+(?:with\s+)?(?:the\s+)?$/u.test(between(one, inside[k + 1]!)))
        add({ type: 'MET', from: one.id, to: other.id, status: /will meet/.test(between(one, inside[k + 1]!)) ? 'expected' : 'asserted', evidence: text.slice(one.start, other.end), pattern: 'met' });
      const talks = /\b(?:[Tt]alks|[Dd]iscussions|[Mm]eetings?|[Nn]egotiations)\s+between\s+(?:the\s+)?$/.exec(text.slice(Math.max(sentence.start, one.start - 40), one.start));
      if (talks && /^,?\s+(?:and\s+)?(?:the\s+)?$/.test(between(one, other)))
        add({ type: 'MET', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start - talks[0].length, other.end), pattern: 'met' });
    }

    // "A and his Azerbaijani counterpart, B, held talks", "A and B met": both are the subject of the meeting.
    for (let k = 0; k + 1 < inside.length; k++) {
      const next = inside[k + 1]!;
      // "his Azerbaijani counterpart, Leyla Mammadova": the person after the state's word.
      const counterpart = next.label === 'Country' && inside[k + 2]?.label === 'Person' && /^\s+counterpart,?\s+$/u.test(between(next, inside[k + 2]!)) ? inside[k + 2] : undefined;
      const [one, other] = [inside[k]!, counterpart ?? titledPerson(inside, k + 1, between) ?? next];
      if (!isActor(one) || !isActor(other) || one.label !== other.label) continue;
      const pair = /^\s+and\s+(?:(?:his|her|their|its)\s+(?:(?:[\p{L}-]+\s+){0,2}counterpart,?\s+)?)?$/u.test(between(one, next)) && (counterpart !== undefined || !/\b(?:his|her|their|its)\s+$/u.test(between(one, next)));
      const meeting = /^,?\s+(?:met|meet|have met|held talks|hold talks|had talks|will meet)\b/u.exec(text.slice(other.end, end));
      if (pair && meeting && (k === 0 || !/^,?\s+(?:and\s+)?$/u.test(between(inside[k - 1]!, one))))
        add({ type: 'MET', from: one.id, to: other.id, status: /will/.test(meeting[0]) ? 'expected' : 'asserted', evidence: clauseFrom(text, one.start, other.end + meeting[0].length, end), pattern: 'met' });
    }
    // "He met Palestinian Prime Minister Nadia Haddad": the person the sentences before last named.
    const pronoun = /^(?:He|She)\s+(?:met|meets|will meet|held talks with|holds talks with)\s+(?:the\s+)?/u.exec(sentence.text);
    const meets = pronoun && named.filter((n) => n.label === 'Person' && n.end <= sentence.start).at(-1);
    // The person after the verb, titles before it aside ("Palestinian Prime Minister Nadia Haddad"), or the actor right after it.
    const afterVerb = pronoun ? sentence.start + pronoun[0].length : end;
    const met = inside.find((n) => n.start >= afterVerb && n.label === 'Person') ?? inside.find((n) => n.start >= afterVerb && isActor(n));
    if (meets && met && /^(?:\p{Lu}[\p{L}.’']*\s+){0,4}$/u.test(text.slice(afterVerb, met.start)))
      add({ type: 'MET', from: meets.id, to: met.id, status: /will/.test(pronoun![0]) ? 'expected' : 'asserted', evidence: text.slice(sentence.start, met.end), pattern: 'met' });

    // ORGANIZATION authorized ORGANIZATION; a resolution giving a mandate to ORGANIZATION
    for (let k = 0; k + 1 < inside.length; k++) {
      const [body, force] = [inside[k]!, inside[k + 1]!];
      if (!(body.label === 'Organization' || body.label === 'Country') || force.label !== 'Organization') continue;
      const gap = between(body, force);
      if (
        /^\s+(?:has\s+|have\s+)?(?:authorized|authorised|mandated|endorsed|approved)\s+(?:the\s+)?$/u.test(gap) ||
        /^\s+(?:adopted|passed|approved|voted for)\s+(?:a\s+|the\s+)?resolution\s+(?:giving|granting|that gives|that grants)\s+(?:an?\s+)?(?:international\s+|[\p{Ll}-]+\s+)?mandate\s+to\s+(?:the\s+)?$/u.test(gap)
      )
        add({ type: 'MANDATED', from: body.id, to: force.id, status: 'asserted', evidence: text.slice(body.start, force.end), pattern: 'mandated' });
    }
    // "The force was authorized by the United Nations Security Council"
    for (const body of inside.filter((n) => n.label === 'Organization')) {
      const passive = /\b(?:was|were|has been|had been|is)\s+(?:authorized|authorised|mandated|endorsed)\s+by\s+(?:the\s+)?$/u.exec(text.slice(sentence.start, body.start));
      const force = passive && forceBefore(body.start);
      if (force && force.id !== body.id)
        add({ type: 'MANDATED', from: body.id, to: force.id, status: 'asserted', evidence: clauseFrom(text, sentence.start, body.end, end), pattern: 'mandated' });
    }

    // ACTOR rejected|accepted OFFER; ACTOR attacked PARTY; PERSON visited PLACE
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, object] = [inside[k]!, inside[k + 1]!];
      if (!isActor(actor)) continue;
      const gap = between(actor, object);
      const decided = object.label === 'Offer' && /^\s+(?:has\s+|have\s+|had\s+)?(?:quickly\s+|formally\s+)?(rejected|rejects|turned down|refused|accepted|accepts|welcomed)\s+(?:the\s+)?$/u.exec(gap);
      if (decided)
        add({ type: /^(?:accept|welcom)/.test(decided[1]!) ? 'ACCEPTED' : 'REJECTED', from: actor.id, to: object.id, status: 'asserted', evidence: text.slice(actor.start, object.end), pattern: 'offerDecision' });
      const attack = isActor(object) || object.label === 'Place' ? ATTACK.exec(gap) : null;
      if (attack && actor.label !== 'Person')
        add({ type: 'ATTACKED', from: actor.id, to: object.id, status: attack[1] ? statusOf(attack[1]) ?? 'asserted' : 'asserted', evidence: text.slice(actor.start, object.end), pattern: 'attacked' });
      const visit = actor.label === 'Person' && (object.label === 'Country' || object.label === 'Place' || object.label === 'Organization') && VISIT.exec(gap);
      if (visit) add({ type: 'VISITED', from: actor.id, to: object.id, status: visit[1] ? 'expected' : 'asserted', evidence: text.slice(actor.start, object.end), pattern: 'visited' });
    }

    // ACTOR pledged $1 billion to ORGANIZATION; ACTOR promised a further $500 million (to the fund last named)
    for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
      const rest = text.slice(giver.end, end);
      const pledge = PLEDGE.exec(rest);
      const none = pledge ? null : NO_PLEDGE.exec(rest);
      const found = pledge ?? none;
      if (!found) continue;
      const reach = giver.end + found[0].length;
      const to = pledge?.[3] ? inside.find((n) => n.start === reach && (n.label === 'Organization' || n.label === 'Country')) : undefined;
      const fund = to ?? (pledge?.[3] ? undefined : fundBefore(giver.start));
      if (!fund || fund.id === giver.id) continue;
      const status: FactStatus = none ? 'denied' : (statusOf(pledge![1]!) ?? (/^(?:pledge|promise|commit)/.test(pledge![2]!) ? 'offered' : 'asserted'));
      add({ type: 'FUNDS', from: giver.id, to: fund.id, status, evidence: text.slice(giver.start, to ? to.end : reach).replace(/[\s,;:.]+$/u, ''), pattern: 'pledges' });
    }

    // ACTOR leads ORGANIZATION; ORGANIZATION is led by ACTOR; the ACTOR-led ORGANIZATION
    for (let k = 0; k + 1 < inside.length; k++) {
      const [one, other] = [inside[k]!, inside[k + 1]!];
      const gap = between(one, other);
      const active = isActor(one) && other.label === 'Organization' && LEADS_ACTIVE.exec(gap);
      if (active) add({ type: 'LEADS', from: one.id, to: other.id, status: statusOf(active[1]!) ?? 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
      const hyphened = isActor(one) && other.label === 'Organization' && /^-led\s+(?:[\p{Ll}-]+\s+){0,2}$/u.test(gap);
      if (hyphened) add({ type: 'LEADS', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
      const passive = one.label === 'Organization' && isActor(other) && LEADS_PASSIVE.exec(gap);
      if (passive) add({ type: 'LEADS', from: other.id, to: one.id, status: passive[1] ? 'expected' : 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
    }

    // ACTOR (, which …,) funds|arms PARTY; PARTY, which is funded (and armed) by ACTOR
    for (let k = 0; k + 1 < inside.length; k++) {
      const [giver, party] = [inside[k]!, inside[k + 1]!];
      // The party may be a name no cue has typed yet: funding makes it an actor.
      if (!isActor(giver) || !(isActor(party) || party.label === null)) continue;
      const gap = between(giver, party);
      // "Iran, which has long funded Hamas"
      const aside = /^,\s+which\s+(?:has\s+|have\s+|had\s+)?(?:long\s+|also\s+)?(funded|financed|armed|funds|finances|arms)\s+(?:the\s+)?$/u.exec(gap);
      if (aside) add({ type: /arm/.test(aside[1]!) ? 'ARMS' : 'FUNDS', from: giver.id, to: party.id, status: 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
      const active = /^(?:,\s+which\s[^,]{3,80},)?\s+((?:[\p{Ll}’']+\s+){0,4}?)(funds|finances|bankrolls|arms|funded|financed|armed|will fund|will arm)\s+(?:the\s+)?$/u.exec(gap);
      if (active) {
        const status = statusOf(active[1]!) ?? 'asserted';
        add({ type: /arm/.test(active[2]!) ? 'ARMS' : 'FUNDS', from: giver.id, to: party.id, status, evidence: clauseFrom(text, giver.start, party.end, end), pattern: 'fundsArms' });
      }
      const purchase = /^\s+(?:funds|finances|funded|financed|pays for|paid for)\s+the\s+purchase\s+of\s+[^.;,]{3,60}?\s+for\s+(?:the\s+)?$/u.test(gap);
      if (purchase) add({ type: 'FUNDS', from: giver.id, to: party.id, status: 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
      const delivery = giver.label === 'Country' && isActor(party) && /^\s+((?:[\p{Ll}’']+\s+){0,3}?)(?:sends?|sent|delivers?|delivered|supplies|supply|supplied|provides?|provided)\s+([^.;,]{2,60}?)\s+to\s+(?:the\s+)?$/u.exec(gap);
      if (delivery && WEAPONS.test(delivery[2]!))
        add({ type: 'ARMS', from: giver.id, to: party.id, status: statusOf(delivery[1]!) ?? 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'armsDelivery' });
      const passive = /^,\s+which\s+(?:is|are|was|were|has been|have been)\s+(?:long\s+)?(funded|financed|armed|funded and armed|armed and funded)\s+by\s+(?:the\s+)?$/u.exec(gap);
      if (passive)
        for (const type of passive[1]!.includes('and') ? (['FUNDS', 'ARMS'] as const) : [passive[1]!.startsWith('arm') ? ('ARMS' as const) : ('FUNDS' as const)])
          add({ type, from: party.id, to: giver.id, status: 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
    }
  }
  return relations;
}

/** The actors named just before `inside[k]`, in a list with it ("Poland and the Netherlands backed"), and it. */
function listEndingAt(inside: Named[], k: number, between: (a: Named, b: Named) => string): Named[] {
  let first = k;
  while (first > 0 && isActor(inside[first - 1]!) && inside[first - 1]!.label === inside[k]!.label && /^(?:,\s+|,?\s+and\s+)(?:the\s+)?$/.test(between(inside[first - 1]!, inside[first]!))) first--;
  return inside.slice(first, k + 1);
}

/** The person a state's word and a title lead to ("Ukrainian Foreign Minister Olena Bondar", "U.S. envoy Daniel Brooks"), if `inside[k]` is such a word. */
function titledPerson(inside: Named[], k: number, between: (a: Named, b: Named) => string): Named | undefined {
  const [country, person] = [inside[k], inside[k + 1]];
  if (country?.label !== 'Country' || person?.label !== 'Person') return undefined;
  return TITLE_BETWEEN.test(between(country, person)) ? person : undefined;
}
