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
import type { AGREEMENT_PATTERNS } from './agreements.ts';
import { clauseFrom, CUE_AFTER_SUBJECT, nextClauseEnd, statusOf, WHICH_ASIDE } from './cues.ts';
import { proposeMoney } from './money.ts';
import { proposePlaces } from './places.ts';
import { proposeReactions } from './reactions.ts';
import { proposeFighting } from './fighting.ts';
import { proposeMeetings } from './meetings.ts';
import { proposeOffices } from './offices.ts';
import { isActor, listEndingAt, titledPerson, type SentenceScope } from './scope.ts';
import { ASSETS, RANK, TROOP_NOUNS, WEAPONS } from './vocabulary.ts';

export interface ProposedRelation {
  type: RelationType;
  from: string;
  to: string;
  status: FactStatus;
  role?: string;
  regarding?: string;
  troops?: number;
  /** An office no longer held ("former Kenyan president …"): `former`. */
  tenure?: 'former';
  /** The share of a place held ("roughly 40%"). */
  share?: string;
  /** The forces sent, in the text's words ("six fighter jets"). */
  forces?: string;
  /** The clause that states it, verbatim. */
  evidence: string;
  /** The pattern that found it (see FACT_PATTERNS, SPEECH_PATTERNS, OFFER_PATTERNS and AGREEMENT_PATTERNS). */
  pattern: FactPattern | keyof typeof SPEECH_PATTERNS | keyof typeof OFFER_PATTERNS | keyof typeof AGREEMENT_PATTERNS;
}

/** The patterns facts are proposed from, as docs/seeding.md lists them. */
export const FACT_PATTERNS = {
  appositiveRole:
    'PERSON, a ROLE at|of|with|on ORGANIZATION (or STATE’s ORGANIZATION) → AFFILIATED_WITH (or HOLDS_OFFICE of a COUNTRY), with the role; ORGANIZATION, a fund|body|agency|unit of ORGANIZATION → PART_OF; the ORGANIZATION mission in STATE (MISSION) → PART_OF, BASED_IN',
  officeTitle:
    'COUNTRY OFFICE PERSON ("U.S. Secretary of State Marco Rubio", "U.S. envoy Daniel Brooks"), ORGANIZATION Secretary General PERSON, the head of the mission, PERSON, Its commander, (RANK) PERSON, Its prime minister, PERSON (a state), STATE … Minister PERSON → HOLDS_OFFICE, with the office as role; ORGANIZATION spokesman|negotiator PERSON, PARTY …, their spokesman PERSON, its (regional) director, PERSON → AFFILIATED_WITH',
  troopList: 'ORGANIZATION … of COUNTRY, COUNTRY and COUNTRY forces, or troops from COUNTRY, … (in the sentence that names the force) → CONTRIBUTES_TROOPS_TO',
  troopsTo: 'COUNTRY has sent|deployed|committed (…) troops|forces|soldiers to ORGANIZATION → CONTRIBUTES_TROOPS_TO',
  troopStance:
    'COUNTRY, COUNTRY and COUNTRY (or troops from them) + a cue of status + troops|soldiers|participate|join|send (+ ORGANIZATION, or the force the article last named) → CONTRIBUTES_TROOPS_TO with the status the cue gives, and the number of troops where the clause gives one; to an exercise or talks (EVENT) → PARTICIPATED_IN',
  opposedParticipation:
    'ACTOR opposed|vetoed|objected to|rejected|criticised|condemned the participation|inclusion|involvement|presence|deployment of COUNTRY (’s troops), PARTY’s participation|involvement|…, or a DEMONYM presence → OPPOSED, regarding that word',
  blocked: 'ACTOR blocked|vetoed|held up the release|adoption|approval|payment of … from|by|of ORGANIZATION|OFFER → OPPOSED, regarding that word',
  supports: 'ACTOR (and ACTOR) backed|supports|endorsed|accepted PARTY (’s position|plan|proposal) → SUPPORTS, regarding the position where one is named',
  met: 'ACTOR met (with) ACTOR (a state’s official or counterpart: the person); talks|discussions|meeting between ACTOR and ACTOR (a state’s official: the person); ACTOR and (his counterpart,) ACTOR met|held talks; He|She met ACTOR (the person last named); the two (men) met (the two people last named); PERSON said … after meeting PERSON → MET',
  officeInSentence: 'OFFICE PERSON in a sentence that names one state and no state before the office ("Malaysia has made no decision, Foreign Minister Aziz Rahman said") → HOLDS_OFFICE of that state',
  mandated: 'ORGANIZATION authorized|mandated|endorsed ORGANIZATION; a resolution giving a mandate to ORGANIZATION; the force was authorized by ORGANIZATION; ORGANIZATION extended|renewed (…) the mandate of (…) FORCE → MANDATED',
  offerDecision: 'ACTOR rejected|turned down|refused|accepted|welcomed OFFER (an offer the graph knows, or “STATE’s offer of …”) → REJECTED, ACCEPTED',
  attacked:
    'STATE|ORGANIZATION attacked|struck|shelled|bombed|invaded|raided PARTY, or launched|fired (N) drones|missiles|rockets at PARTY → ATTACKED (a cue before the verb, "threatened to", gives the status); STATE accused STATE of shelling|attacking (PARTY) → ATTACKED from the accused; STATE and STATE (troops) exchanged fire|clashed → CLASHED_WITH; STATE, which is in a dispute with STATE → HOSTILE_TO',
  visited: 'PERSON visited|arrived in|traveled to PLACE|STATE (will visit: expected) → VISITED; … (on DAY) to meet PERSON → MET too',
  fundsArms: 'ACTOR (, which …,) funds|arms PARTY (with the status of a cue before the verb: "will fund", "has denied that it funds"); ACTOR, which has long funded PARTY; PARTY, which is funded and armed by ACTOR; ACTOR funds the purchase of … for PARTY → FUNDS, ARMS',
  leads: 'ACTOR (will) lead|leads|commands|heads ORGANIZATION; ACTOR, which leads|commands ORGANIZATION; ORGANIZATION (will be) led|commanded by ACTOR; the ACTOR-led ORGANIZATION → LEADS (will lead: expected)',
  pledges:
    'ACTOR pledged|promised|gave|donated (a further) $N|N million euros to|for ORGANIZATION (or the fund or force the article last named); ACTOR did not make a pledge; ACTOR (said it would) pay for the mission; ACTOR, which funds the force; ACTOR pledged $N to repair STATE’s …; ACTOR did not contribute (to whom money went last); ACTOR + a cue of status + new funds|a request for $N → FUNDS (pledged, promised: offered; did not: denied; or the cue’s status)',
  deployedTo:
    'STATE|ORGANIZATION (+ a cue of status) deploys|stations|sends|flies|keeps N troops|ships|jets|bases to|in|on PLACE|STATE ("Spain will deploy six fighter jets to Lithuania"), or has N trainers|troops in it → DEPLOYED_TO with the forces and the status the cue gives (weapons sent to a state are arms), to a STATE’s PLACE the place; DEMONYM frigate (and DEMONYM destroyer …) sailed through|entered|patrolled PLACE ("A Canadian frigate and an Australian destroyer sailed through the Taiwan Strait") → DEPLOYED_TO for each state; STATE keeps N troops in (the X-led) FORCE → CONTRIBUTES_TROOPS_TO',
  controls: 'STATE(’s) forces|troops … control|hold (roughly) N%|half|a third of PLACE ("Israeli forces … now control roughly 40% of the Gaza Strip") → CONTROLS with the share',
  locatedIn: 'the DEMONYM port|city|town|region|province of PLACE ("the Yemeni port of Hodeidah"), or STATE’s PLACE (province|region …) ("Mozambique’s Cabo Delgado province"), not before a noun it describes → LOCATED_IN the state',
  welcomedAct:
    'ACTOR(’s government) welcomed|praised|hailed the DEMONYM decision|move|reinforcements|deployment|offer|… ("welcomed the Spanish decision") → SUPPORTS the state, regarding the act; ACTOR (said it) supported the talks|exercise|mission → SUPPORTS what the description names; ACTOR welcomed the voyage|transit|strike|deployment … → SUPPORTS each who did the act the article reported before; ACTOR (… and) thanked PARTY (and PARTY) → SUPPORTS each, or, "for their support", each SUPPORTS the state of the one who thanks',
  condemnedAct:
    'ACTOR condemned|criticised|denounced|opposed the deployment|withdrawal|reinforcements|extension|attack|action|transit|voyage|patrol (no "of" after it) → OPPOSED each who did the act the article reported before (each state whose ships sailed), regarding it; ACTOR rejected|welcomed the ruling|judgment → OPPOSED|SUPPORTS the court last named; ACTOR(’s foreign ministry) called NAME|the talks|the exercise … a provocation|trap|threat|illegal … → OPPOSED what it names',
  armsDelivery: 'STATE (+ a cue of status) sends|delivers|supplies|provides (N) WEAPONS to PARTY ("Germany will send two more air defence systems to Ukraine") → ARMS with the status the cue gives',
} as const;
export type FactPattern = keyof typeof FACT_PATTERNS;

const TROOP_WORDS = /\b(?:troops|soldiers|forces|personnel|peacekeepers|contingent|participate|participating|participation|take part|taking part|join|joining|contribute|contributing|dispatch|deploy|deploying|send|sending)\b/;
const TROOPS = /\b(\d{1,3}(?:,\d{3})+|\d+)\s+(?:troops|soldiers|personnel|peacekeepers)\b/;
/** Organisations a country sends troops to, by a word of their name: the article's force ("… Mission", "Operation …"). */
const FORCE_NAME = /\b(?:Force|Mission|Coalition|Operation)\b|(?<!\b(?:Armed|Defen[cs]e|Support|Security|Special|Popular) )\bForces\b/;
/** A force named as one right after its name: "the Baltic Air Policing mission" (not "the United Nations mission in …", the UN's). */
const FORCE_AFTER_NAME = /^\s+(?:mission|force|operation|coalition)\b(?!\s+(?:in|for|to|of)\b)/;
/** A force named in brackets or as "known as" after its description: "the United Nations mission in the Central African Republic (", "force in Bosnia, known as ". */
const FORCE_BEFORE_NAME = /\b(?:mission|force|operation)\s+(?:in|for|to)\s+(?:the\s+)?\p{Lu}[^()]{0,60}\($|\b(?:mission|force|operation)\b[^.()]{0,80}?,?\s+(?:known as|called)\s+$/u;
/** "the mission", "the force", "the operation": the organisation last named with that word in its name. */
const DESCRIPTION = /\bthe\s+(force|mission|coalition|operation|exercise|talks|summit|conference)\b/;
/** Events a state takes part in rather than serves: what "the exercise" and "the talks" name. */
const EVENT_HEADS = new Set(['exercise', 'talks', 'summit', 'conference']);
const HEAD_WORDS = new Map(['force', 'mission', 'coalition', 'operation', ...EVENT_HEADS].map((head) => [head, new RegExp(`\\b${head}\\b`, 'i')]));
/** A state taking its own forces out ("will pull its troops out of", "is withdrawing its aircraft", "prepares to withdraw its contingent"). */
const WITHDRAWING = /^\s+(?:said\s+(?:[\p{Ll}]+\s+){0,2}?(?:that\s+)?(?:it|they)\s+)?(?:(?:is|are|will|would|has|have|plans? to|prepares? to|is preparing to|is set to|is to|is due to|began|begins|started)\s+)?(?:(?:to|now|also|soon|gradually)\s+)?(?:withdraw|withdrawing|withdraws|withdrew|pull|pulling|pulls|pulled|bring home|bringing home|brings home|bring back)\s+(?:out\s+)?(?:all\s+|most\s+|some\s+)?(?:of\s+)?(?:its|their)\s+/u;
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
/** "objected to an" (a state's adjective and its presence follow). */
const OPPOSED_BEFORE_ADJECTIVE = new RegExp(String.raw`^\s+${OPPOSING}\s+(?:an?|any|the)\s+$`, 'u');

/** An aside right after a name: what the name does comes after it. */
const ASIDE_FIRST = new RegExp(String.raw`^${WHICH_ASIDE}`, 'u');
/** "backed", "has supported the": backing what follows. */
const BACKED = /^\s+(?:has\s+|have\s+|had\s+)?(?:backed|backs|back|supported|supports|support|endorsed|endorses|accepted|accepts)\s+(?:the\s+)?$/u;
/** "attacked", "struck", "shelled": an attack on what follows; a cue before it ("threatened to") gives its status. */
const ATTACK =
  /^\s+((?:[\p{Ll}’']+\s+){0,3}?)(?:attacked|attacks|attack|struck|strikes|strike|shelled|shell|bombed|bomb|invaded|invade|raided|(?:launched|launches|fired|fires)\s+(?:[\d,]+\s+)?(?:[\p{Ll}-]+\s+){0,2}(?:drones|missiles|rockets|strikes)\s+(?:at|on|against|into))\s+(?:the\s+)?(?:(?:town|city|village|port|camp|district)\s+of\s+)?$/u;
/** "blocked the release of 5 billion euros from": opposing what a body would pay or adopt. */
const BLOCKED = /^\s+(?:has\s+|have\s+|had\s+)?(?:blocked|blocks|block|vetoed|vetoes|veto|held up|holds up)\s+(?:the\s+)?(release|adoption|approval|payment|disbursement|transfer)\s+of\s+[^.;]{0,60}?\s+(?:from|by|of|for|under)\s+(?:the\s+)?$/u;
/** "visited", "arrived in", "will visit" (after the name, or the comma closing an apposition): a visit to what follows. */
const VISIT = /^,?\s+(?:(will|is to|is due to|plans to)\s+)?(?:visited|visits|visit|arrived in|arrives in|traveled to|travelled to|toured)\s+(?:the\s+)?$/u;
/** "visited Banja Luka on Friday to meet Radulovic": the visit was to meet the one named next. */
const TO_MEET = /^(?:\s+on\s+\p{Lu}\p{Ll}+day)?\s+to\s+(?:meet|hold talks with)\s+(?:\p{Lu}[\p{L}.’'-]*\s+){0,3}$/u;
/** "… and was due in Asmara on Monday": the person the sentence is about is expected there. */
const DUE_IN = /\b(?:and|but)\s+(?:was|is|were|are)\s+(?:due|expected)\s+(?:in|to arrive in)\s+(?:the\s+)?$/u;

/** Facts from the patterns, among the entities the text names (`named`, in text order, none overlapping). */
export function proposeRelations(text: string, sentences: Sentence[], named: Named[], table: TermTable): ProposedRelation[] {
  const relations: ProposedRelation[] = [];
  const add = (relation: ProposedRelation) => {
    if (relation.from === relation.to) return;
    if (!relations.some((r) => r.type === relation.type && r.from === relation.from && r.to === relation.to)) relations.push(relation);
  };
  const between = (a: Named, b: Named) => text.slice(a.end, b.start);
  /**
   * Whether an organisation is a force: its name says so ("… Mission", "Operation …"), the text calls it one right after
   * its name ("the Baltic Air Policing mission"), or a state was already found sending troops to it.
   */
  const isForce = (n: Named) =>
    (n.label === 'Organization' &&
      (FORCE_NAME.test(text.slice(n.start, n.end)) ||
        FORCE_AFTER_NAME.test(text.slice(n.end, n.end + 20)) ||
        FORCE_BEFORE_NAME.test(text.slice(Math.max(0, n.start - 80), n.start)) ||
        relations.some((r) => r.type === 'CONTRIBUTES_TROOPS_TO' && r.to === n.id))) ||
    // An exercise or an operation a state was already found taking part in.
    (n.label === 'Event' && relations.some((r) => r.type === 'PARTICIPATED_IN' && r.to === n.id));
  /** The force the article last named before `at`: what "the mission" and "the force" refer to. */
  const forceBefore = (at: number) => named.filter((n) => n.end <= at && isForce(n)).at(-1);
  /** Before the article names any force, the one it names first: what "a new mission" is ("… The mission, called Operation …"). */
  const forceNamedLater = (at: number) => (named.some((n) => n.end <= at && isForce(n)) ? undefined : named.find((n) => n.start >= at && isForce(n)));
  /**
   * The organisation last named before `at` whose name has the head word of a description ("the mission": "… Monitoring
   * Mission"); for an event's ("the exercise", "the talks"), the event so named, or else the event last named.
   */
  const describedBefore = (at: number, head: string) => {
    const event = EVENT_HEADS.has(head);
    const before = named.filter((n) => n.end <= at && (event ? n.label === 'Event' || n.label === 'Organization' : n.label === 'Organization'));
    return before.filter((n) => HEAD_WORDS.get(head)!.test(text.slice(n.start, n.end))).at(-1) ?? (event ? before.filter((n) => n.label === 'Event').at(-1) : undefined);
  };

  for (const sentence of sentences) {
    const end = sentence.start + sentence.text.length;
    const inside = named.filter((n) => n.start >= sentence.start && n.end <= end);

    const scope: SentenceScope = { text, start: sentence.start, end, inside, named, relations, add, between, forceBefore, describedBefore, table };
    proposeOffices(scope);

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
      // Or after an apposition: "Finland and Sweden, the alliance’s newest members, are sending warships".
      const aside = (list.length === 1 ? /^,\s+(?:which|who|the)\s[^,]{3,80},/u : /^,\s+(?:which|who|the)\s[^,]{3,80},/u).exec(after)?.[0].length ?? 0;
      const rest = after.slice(aside);
      // The aside may itself say the state serves: "Rwanda, which has the largest contingent, flew …".
      const servesAside = aside > 0 && /^,\s+which\s+(?:has|have|provides|contributes)\s+(?:the\s+)?(?:largest|biggest|second[- ]largest)?\s*(?:contingent|troops|soldiers)\s*,$/u.test(after.slice(0, aside));
      const servedBefore = servesAside ? forceBefore(list[0]!.start) : undefined;
      if (servedBefore)
        for (const country of list)
          add({ type: 'CONTRIBUTES_TROOPS_TO', from: country.id, to: servedBefore.id, status: 'asserted', evidence: text.slice(list[0]!.start, list.at(-1)!.end + aside).replace(/[\s,]+$/u, ''), pattern: 'troopStance' });
      // "will pull its 1,200 troops out of the mission", "is withdrawing its aircraft": it serves until it leaves.
      const withdrawing = WITHDRAWING.exec(rest);
      const leaving = withdrawing !== null || /\bwhether to (?:withdraw|pull out|leave|end)\b/.test(rest.slice(0, 60));
      const stance = leaving ? 'asserted' : statusOf(rest.slice(0, 40));
      const cued = withdrawing ?? (stance && CUE_AFTER_SUBJECT.get(leaving ? 'undecided' : stance)!.exec(rest));
      if (!stance || !cued) continue;
      const afterCue = rest.slice(cued[0].length);
      // Soldiers, taking part, or what else a force is lent ("has offered two destroyers"), close after the cue.
      const asset = ASSETS.exec(afterCue);
      const lent = asset && (withdrawing || /\b(?:offered|offers|pledged|pledges|promised|committed|sending|sends|sent|contributes|contribute|contributed|provides|provide)\s*$/.test(cued[0]) || /\b(?:send|sending|deploy|deploying|dispatch|contribute|contributing|commit|lend)\b/.test(afterCue.slice(0, asset.index)));
      // "also have large contingents in the mission": the cue names the troops itself.
      const troopWord = TROOP_NOUNS.test(cued[0]) ? /(?:)/u.exec(afterCue) : [TROOP_WORDS.exec(afterCue), lent ? asset : null].filter((m) => m !== null).sort((a, b) => a.index - b.index)[0];
      if (!troopsFrom && (!troopWord || afterCue.slice(0, troopWord.index).trim().split(/\s+/).length > 5)) continue;
      // "will send four anti-ship missiles to Ecuador" is arming a state (armsDelivery), not sending troops: weapons
      // sent where a state or place is named first.
      const sentAt = list.at(-1)!.end + aside + cued[0].length + (troopWord?.index ?? 0);
      const sent = troopWord ? text.slice(sentAt, Math.min(sentAt + 60, afterEnd)).split(/[,;]|\s+and\s+/u)[0]! : '';
      const firstNamed = inside.find((n) => n.start >= sentAt && n.end <= afterEnd);
      // Jets sent to a state are arms, deployed there a deployment (places.ts): neither serves a force unless the clause names it.
      const toPlace = firstNamed !== undefined && firstNamed.label !== 'Organization' && firstNamed.label !== 'Event';
      const deployed = /^(?:deploy|deploying|station|stationing)\b/.test(sent);
      if (WEAPONS.test(sent) && !TROOP_NOUNS.test(sent) && !deployed && (toPlace || (firstNamed === undefined && !lent))) continue;
      // The force: named close after the troops ("join the ISF", "troops to the force"), the one "the mission" or
      // "the force" last named, or the force the article last named.
      const described = DESCRIPTION.exec(text.slice(sentAt, afterEnd));
      // Not the leader of a "NATO-led Kosovo Force"; a force served in order to: "… to take over the Baltic Air Policing mission".
      const served = (n: Named) => n.start >= sentAt && n.end <= afterEnd && (n.label === 'Organization' || n.label === 'Event') && !/^-led\b/.test(text.slice(n.end, n.end + 4));
      const target =
        inside.find((n) => served(n) && text.slice(sentAt, n.start).split(/\s+/).length <= 10) ??
        inside.find((n) => served(n) && isForce(n) && /\bto\s+(?:take over|join|reinforce|serve (?:in|with))\s+(?:the\s+)?$/u.test(text.slice(sentAt, n.start))) ??
        (toPlace && deployed
          ? undefined
          : ((described ? describedBefore(list[0]!.start, described[1]!) : undefined) ??
            forceBefore(list[0]!.start) ??
            // Only where the clause speaks of a force or of joining one: "send a frigate each to a new European mission", "declined to join".
            (/\b(?:mission|force|operation|coalition|join|joining|participate|take part)\b/u.test(text.slice(sentAt, afterEnd)) ? forceNamedLater(list[0]!.start) : undefined)));
      if (!target) continue;
      const start = troopsFrom ? list[0]!.start - troopsFrom[0].length : list[0]!.start;
      const troops = TROOPS.exec(after);
      const evidenceEnd = target.start > list[0]!.start ? Math.max(target.end, afterEnd) : afterEnd;
      // Ships sent to an exercise or to talks are taking part in an event, not serving in a force.
      const event = target.label === 'Event';
      for (const country of list)
        add({
          type: event ? 'PARTICIPATED_IN' : 'CONTRIBUTES_TROOPS_TO',
          from: country.id,
          to: target.id,
          status: stance,
          ...(troops && list.length === 1 && !event ? { troops: Number(troops[1]!.replace(/,/g, '')) } : {}),
          evidence: text.slice(start, evidenceEnd).replace(/[\s,;:—]+$/u, ''),
          pattern: 'troopStance',
        });
    }

    // ACTOR opposed the participation of COUNTRY
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, party] = [inside[k]!, inside[k + 1]!];
      if (!isActor(actor) || !(party.label === 'Country' || party.label === 'Organization')) continue;
      // "criticised the European Union’s involvement": the party's own part, named before it.
      // "objected to an Egyptian presence": the same, the party named by its adjective.
      const adjective = OPPOSED_BEFORE_ADJECTIVE.test(between(actor, party)) && /^\s+(participation|involvement|presence|deployment|role|troops)\b/u.exec(text.slice(party.end, party.end + 30));
      if (adjective)
        add({ type: 'OPPOSED', from: actor.id, to: party.id, status: 'asserted', regarding: adjective[1]!, evidence: text.slice(actor.start, party.end + adjective[0].length), pattern: 'opposedParticipation' });
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

    // ACTOR (and ACTOR) (, which …,) backed PARTY('s position)
    for (let k = 0; k + 1 < inside.length; k++) {
      const [actor, next] = [inside[k]!, inside[k + 1]!];
      // "Turkey, which keeps military advisers in Tripoli, backed Dbeiba’s call": the party after the aside.
      const aside = ASIDE_FIRST.exec(text.slice(actor.end, end));
      const party = aside ? inside.find((n) => n.start > actor.end + aside[0].length) : next;
      if (!party || !isActor(actor) || !isActor(party)) continue;
      if (!BACKED.test(aside ? text.slice(actor.end + aside[0].length, party.start) : between(actor, party))) continue;
      const position = /^[’']s?\s+(position|plan|proposal|stance|demand|demands|bid|candidacy|call|request|initiative)\b/u.exec(text.slice(party.end, party.end + 30));
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
    // "The Security Council on Thursday extended for a year the mandate of the … force …, known as EUFOR Althea"
    for (const body of inside.filter((n) => n.label === 'Organization' || n.label === 'Country')) {
      const extended = /^\s+(?:on\s+\p{Lu}\p{Ll}+day\s+)?(?:has\s+)?(?:extended|renewed|extends|renews)\s+(?:[^,.;]{0,30}?\s+)?the\s+mandate\s+of\b/u.exec(text.slice(body.end, end));
      const force = extended && (inside.find((n) => n.start > body.end + extended[0].length && isForce(n)) ?? forceBefore(body.start));
      if (force && force.id !== body.id) add({ type: 'MANDATED', from: body.id, to: force.id, status: 'asserted', evidence: clauseFrom(text, body.start, force.end, end), pattern: 'mandated' });
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
      // Missiles fired into a sea strike no one ("fired two ballistic missiles into the Sea of Japan").
      const sea = object.label === 'Place' && /\b(?:Sea|Ocean|Gulf|Strait|Bay)\b/u.test(text.slice(object.start, object.end));
      const attack = (isActor(object) || object.label === 'Place') && !sea ? ATTACK.exec(gap) : null;
      if (attack && actor.label !== 'Person')
        add({ type: 'ATTACKED', from: actor.id, to: object.id, status: attack[1] ? statusOf(attack[1]) ?? 'asserted' : 'asserted', evidence: text.slice(actor.start, object.end), pattern: 'attacked' });
      const visit = actor.label === 'Person' && (object.label === 'Country' || object.label === 'Place' || object.label === 'Organization') && VISIT.exec(gap);
      if (visit) add({ type: 'VISITED', from: actor.id, to: object.id, status: visit[1] ? 'expected' : 'asserted', evidence: text.slice(actor.start, object.end), pattern: 'visited' });
      const met = visit ? inside.find((n) => n.start > object.end && n.label === 'Person' && TO_MEET.test(text.slice(object.end, n.start))) : undefined;
      if (visit && met) add({ type: 'MET', from: actor.id, to: met.id, status: visit[1] ? 'expected' : 'asserted', evidence: text.slice(actor.start, met.end), pattern: 'met' });
    }
    // PERSON met … and was due in PLACE
    for (const place of inside.filter((n) => n.label === 'Place' || n.label === 'Country')) {
      const due = DUE_IN.exec(text.slice(sentence.start, place.start));
      const visitor = due && inside.find((n) => n.label === 'Person' && n.end <= sentence.start + due.index);
      if (visitor) add({ type: 'VISITED', from: visitor.id, to: place.id, status: 'expected', evidence: text.slice(sentence.start + due.index + due[0].search(/was|is|were|are/u), place.end), pattern: 'visited' });
    }

    // ACTOR leads ORGANIZATION; ORGANIZATION is led by ACTOR; the ACTOR-led ORGANIZATION
    for (let k = 0; k + 1 < inside.length; k++) {
      const [one, other] = [inside[k]!, inside[k + 1]!];
      const gap = between(one, other);
      const active = isActor(one) && other.label === 'Organization' && LEADS_ACTIVE.exec(gap);
      if (active) add({ type: 'LEADS', from: one.id, to: other.id, status: statusOf(active[1]!) ?? 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
      const hyphened = isActor(one) && other.label === 'Organization' && /^-led\s+(?:[\p{Ll}-]+\s+){0,2}$/u.test(gap);
      if (hyphened) add({ type: 'LEADS', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
      // "Saqr’s Libyan National Army": a person's army, party or movement is one they lead.
      const possessed = one.label === 'Person' && other.label === 'Organization' && /^[’']s\s+$/u.test(gap) && /\b(?:Army|Forces|Party|Movement|Front|Brigades|Guard|Militia)$/u.test(text.slice(other.start, other.end));
      if (possessed) add({ type: 'LEADS', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start, other.end), pattern: 'leads' });
      const passive = one.label === 'Organization' && isActor(other) && LEADS_PASSIVE.exec(gap);
      // "will be led by Dutch general Pieter de Groot": the person, not the state of the adjective.
      const leader = passive ? (titledPerson(inside, k + 1, between) ?? other) : other;
      if (passive) add({ type: 'LEADS', from: leader.id, to: one.id, status: passive[1] ? 'expected' : 'asserted', evidence: text.slice(one.start, leader.end), pattern: 'leads' });
    }
    // "Italy, which commands the force": the force "the force" last named.
    for (const one of inside.filter(isActor)) {
      const described = /^,\s+which\s+((?:[\p{Ll}’']+\s+){0,2}?)(?:leads|led|commands|commanded|heads|headed)\s+the\s+(force|mission|coalition|operation)\b/u.exec(text.slice(one.end, end));
      const force = described && describedBefore(one.start, described[2]!);
      if (force && force.id !== one.id) add({ type: 'LEADS', from: one.id, to: force.id, status: statusOf(described[1]!) ?? 'asserted', evidence: text.slice(one.start, one.end + described[0].length), pattern: 'leads' });
    }

    proposeMoney(scope);
    proposeFighting(scope);
    proposeMeetings(scope);
    proposePlaces(scope);
    proposeReactions(scope);
  }
  return relations;
}


