/**
 * Where things are, as a draft proposes it: a state or organisation sending or keeping forces
 * somewhere (DEPLOYED_TO), and a place described by its state ("the Yemeni port of Hodeidah",
 * LOCATED_IN). Each pattern is described in FACT_PATTERNS (patterns.ts).
 */
import { statusOf, WHICH_ASIDE } from './cues.ts';
import { listEndingAt, type SentenceScope } from './scope.ts';
import { ASSETS, MOVED, TROOP_NOUNS, WEAPONS, WEEKDAY } from './vocabulary.ts';

/** "will deploy six fighter jets to", "has stationed 400 troops in": forces sent or kept where the next name is. */
const DEPLOYS = new RegExp(String.raw`^(?:${WHICH_ASIDE}|,\s+which(?=\s))?\s+((?:(?:said|says|announced)\s+(?:that\s+)?(?:it|they)\s+(?:was\s+|were\s+|is\s+|are\s+)?)?(?:(?:[\p{Ll}’']+|${WEEKDAY})\s+){0,4}?)(deploy|deploys|deployed|deploying|station|stations|stationed|send|sends|sent|sending|move|moves|moved|flew|flies|airlifted|keeps|keep|kept)\s+((?:its\s+|their\s+)?(?:about\s+|some\s+|up to\s+)?(?:[\d,]+\s+|an?\s+|two\s+|three\s+|four\s+|five\s+|six\s+|several\s+)?(?:more\s+|additional\s+|extra\s+)?(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+)\s+(?:to|in|into|on)\s+(?:the\s+)?$`, 'u');
/** "ships sailed through the", "destroyers entered the": ships, aircraft or troops moving through, into or over the place named next. */
const PASSED = new RegExp(String.raw`^\s+(${ASSETS.source}|${TROOP_NOUNS.source})\s+(?:have\s+|has\s+|had\s+)?${MOVED}\s+(?:through|into|across|over|near|in)?\s*(?:the\s+)?$`, 'u');
/** Between two states of one list of forces: "(Canadian) frigate and an (Australian …)", or "(Canadian) and (Australian warships)". */
const FORCES_LIST_GAP = new RegExp(String.raw`^(?:\s+(${ASSETS.source}|${TROOP_NOUNS.source}))?(?:,\s+|,?\s+and\s+)(?:an?\s+|two\s+|three\s+)?$`, 'u');
/** What may stand before a list of forces: "A (Canadian frigate …)", "Two (British warships …)". */
const FORCES_DETERMINER = /(?:\b(?:A|An|The|Two|Three|a|an|the|two|three)\s+)?$/u;
/** After a state's possessive and a place, what says the place is the state's: a kind of place, or nothing the place would only describe. */
const PLACE_KIND = /^\s+(?:province|region|state|district|county|governorate|oblast|city|town|port|island|coast|capital)\b/u;
/** "has about 100 trainers in": forces a state or an organisation has somewhere (a number says they are forces there, not a part of it). */
const HAS_FORCES_IN = /^(?:,\s+[^,]{3,60},|,)?\s+(?:has|have|had|still has|now has)\s+((?:about|some|around|nearly|more than|up to)\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s+([\p{Ll}-]+(?:\s+[\p{Ll}-]+)?)\s+(?:in|on)\s+(?:the\s+)?$/u;
/** A noun right after a name, which the name only describes: "Kosovo vote", "Niger election" (not "Lithuania within weeks"). */
const NOUN_AFTER = /^\s+(?!(?:in|within|on|by|for|next|this|last|and|or|to|from|after|before|as|at|under|over|until|during|since|with|of|the|a|an|early|later|soon|again|also|now|today|on)\b)\p{Ll}+\b/u;
/** "the Yemeni port of", "the northern Syrian city of": a place of the state the adjective names. */
const PLACE_OF_STATE = /^\s+(?:[\p{Ll}-]+\s+)?(?:port|city|town|village|region|province|district|capital|island|border town|harbour|harbor)\s+of\s+$/u;

/** "forces … now control roughly 40% of the": holding a share of the place named next. */
const CONTROLS = /^(?:[’']s)?\s+(?:forces|troops|army|soldiers)\b[^.;]{0,80}?\b(?:control|controls|controlled|hold|holds|held)\s+((?:roughly|about|around|some|nearly|almost|over|more than)\s+)?(\d+\s?%|\d+ per ?cent|half|a third|two thirds|a quarter|most)\s+of\s+(?:the\s+)?$/u;

/** "700 Chinese peacekeepers arrived in": troops of the state the adjective names, come to the place named next. */
const ARRIVED = /^\s+(?:troops|soldiers|peacekeepers|forces|marines|paratroopers)\s+(?:have\s+|had\s+)?(?:arrived|landed|deployed)\s+in\s+(?:the\s+)?$/u;

/** Deployments and places in one sentence. */
export function proposePlaces({ text, start, end, inside, add, between, forceBefore }: SentenceScope): void {
  // the Tripoli-based Government of National Unity
  for (let k = 0; k + 1 < inside.length; k++) {
    const [place, body] = [inside[k]!, inside[k + 1]!];
    if ((place.label === 'Place' || place.label === 'Country') && body.label === 'Organization' && /^-based\s+(?:the\s+)?$/u.test(between(place, body)))
      add({ type: 'BASED_IN', from: body.id, to: place.id, status: 'asserted', evidence: text.slice(place.start, body.end), pattern: 'deployedTo' });
  }
  // A battalion of 700 Chinese peacekeepers arrived in Juba: there, and serving in the force the sentence or the article names
  for (let k = 0; k + 1 < inside.length; k++) {
    const [state, place] = [inside[k]!, inside[k + 1]!];
    const arrived = state.label === 'Country' && (place.label === 'Place' || place.label === 'Country') ? ARRIVED.exec(between(state, place)) : null;
    if (!arrived) continue;
    const subjectStart = Math.max(start, text.lastIndexOf('\n', state.start) + 1);
    const troops = /(\d{1,3}(?:,\d{3})+|\d+)\s+$/u.exec(text.slice(subjectStart, state.start));
    add({ type: 'DEPLOYED_TO', from: state.id, to: place.id, status: 'asserted', ...(troops ? { troops: Number(troops[1]!.replace(/,/g, '')) } : {}), evidence: text.slice(start, place.end), pattern: 'deployedTo' });
    const force = inside.find((n) => n.start > place.end && n.label === 'Organization' && /\b(?:Mission|Force)\b/.test(text.slice(n.start, n.end))) ?? forceBefore(state.start);
    if (/peacekeepers/.test(arrived[0]) && force)
      add({ type: 'CONTRIBUTES_TROOPS_TO', from: state.id, to: force.id, status: 'asserted', ...(troops ? { troops: Number(troops[1]!.replace(/,/g, '')) } : {}), evidence: text.slice(start, end).replace(/[\s.]+$/u, ''), pattern: 'deployedTo' });
  }

  for (let k = 0; k + 1 < inside.length; k++) {
    const [one, other] = [inside[k]!, inside[k + 1]!];
    const gap = between(one, other);

    // STATE (will) deploy N troops|ships|jets to PLACE|STATE; not to a state's event ("to send observers to Kosovo vote")
    const modifier = NOUN_AFTER.test(text.slice(other.end, other.end + 20));
    const deploys = (one.label === 'Country' || one.label === 'Organization') && (other.label === 'Country' || other.label === 'Place') && !modifier ? DEPLOYS.exec(gap) : null;
    // "to keep its 2,500 troops in Mozambique’s Cabo Delgado province": there, the state's place
    const statesPlace = other.label === 'Country' && inside[k + 2]?.label === 'Place' && /^[’']s\s+$/u.test(between(other, inside[k + 2]!)) ? inside[k + 2]! : undefined;
    const target = statesPlace ?? other;
    if (deploys) {
      const [cue, verb, forces] = [deploys[1]!, deploys[2]!, deploys[3]!];
      // Sending weapons to a state is arming it (ARMS); forces are soldiers, or ships and aircraft deployed.
      const soldiers = TROOP_NOUNS.test(forces) || /\bbases?\b/.test(forces) || (ASSETS.test(forces) && (!WEAPONS.test(forces) || /^(?:deploy|station)/.test(verb)));
      // "Turkey and Jordan said they were ready to send engineers to Gaza": each state of the list.
      const subjects = listEndingAt(inside, k, between);
      if (soldiers)
        for (const subject of subjects)
          add({ type: 'DEPLOYED_TO', from: subject.id, to: target.id, status: statusOf(cue) ?? 'asserted', forces: forces.replace(/^(?:its|their)\s+/u, '').trim(), evidence: text.slice(subjects[0]!.start, target.end), pattern: 'deployedTo' });
    }

    // A Canadian frigate and an Australian destroyer sailed through the Taiwan Strait: each state of the list, there
    const passed = one.label === 'Country' && (other.label === 'Place' || other.label === 'Country') && !modifier ? PASSED.exec(gap) : null;
    if (passed) {
      let first = k;
      while (first > 0 && inside[first - 1]!.label === 'Country' && FORCES_LIST_GAP.test(between(inside[first - 1]!, inside[first]!))) first--;
      const from = inside[first]!.start - FORCES_DETERMINER.exec(text.slice(start, inside[first]!.start))![0].length;
      for (let j = first; j <= k; j++) {
        const forces = (j === k ? passed : FORCES_LIST_GAP.exec(between(inside[j]!, inside[j + 1]!)))![1] ?? passed[1]!;
        add({ type: 'DEPLOYED_TO', from: inside[j]!.id, to: other.id, status: 'asserted', forces, evidence: text.slice(from, other.end), pattern: 'deployedTo' });
      }
    }

    // Mozambique’s Cabo Delgado province
    const kind = PLACE_KIND.exec(text.slice(other.end, end));
    if (one.label === 'Country' && other.label === 'Place' && /^[’']s\s+$/u.test(gap) && (kind || !NOUN_AFTER.test(text.slice(other.end, other.end + 20))))
      add({ type: 'LOCATED_IN', from: other.id, to: one.id, status: 'asserted', evidence: text.slice(one.start, other.end + (kind?.[0].length ?? 0)), pattern: 'locatedIn' });

    // The EU mission, known as EUMPM, has about 100 trainers in Niger
    const has = (one.label === 'Country' || one.label === 'Organization') && (other.label === 'Country' || other.label === 'Place') ? HAS_FORCES_IN.exec(gap) : null;
    if (has && (TROOP_NOUNS.test(has[3]!) || ASSETS.test(has[3]!)))
      add({ type: 'DEPLOYED_TO', from: one.id, to: other.id, status: 'asserted', forces: `${has[1] ?? ''}${has[2]!} ${has[3]!}`, troops: Number(has[2]!.replace(/,/g, '')), evidence: text.slice(one.start, other.end), pattern: 'deployedTo' });

    // "The United States, which keeps about 600 troops in the NATO-led Kosovo Force": troops kept in a force serve in it.
    const led = other.label === 'Organization' && /^-led\s+(?:the\s+)?$/u.test(text.slice(other.end, inside[k + 2]?.start ?? other.end)) ? inside[k + 2] : undefined;
    const force = led ?? other;
    const serving = one.label === 'Country' && force.label === 'Organization' ? DEPLOYS.exec(gap) : null;
    if (serving && TROOP_NOUNS.test(serving[3]!)) {
      const troops = /^(?:about\s+|some\s+|up to\s+)?(\d{1,3}(?:,\d{3})+|\d+)\s/u.exec(serving[3]!);
      // A headline's "Poland to send more troops" is a plan.
      add({ type: 'CONTRIBUTES_TROOPS_TO', from: one.id, to: force.id, status: statusOf(serving[1]!) ?? (/^to\s/u.test(serving[1]!) ? 'expected' : 'asserted'), ...(troops ? { troops: Number(troops[1]!.replace(/,/g, '')) } : {}), evidence: text.slice(one.start, force.end), pattern: 'deployedTo' });
    }

    // Israeli forces … now control roughly 40% of the Gaza Strip
    const controls = one.label === 'Country' && other.label === 'Place' ? CONTROLS.exec(gap) : null;
    if (controls) add({ type: 'CONTROLS', from: one.id, to: other.id, status: 'asserted', share: `${controls[1] ?? ''}${controls[2]!}`, evidence: text.slice(one.start, other.end), pattern: 'controls' });

    // the Yemeni port of Hodeidah
    if (one.label === 'Country' && other.label === 'Place' && PLACE_OF_STATE.test(gap) && /\bthe\s+(?:[\p{Ll}-]+\s+)?$/u.test(text.slice(Math.max(start, one.start - 20), one.start)))
      add({ type: 'LOCATED_IN', from: other.id, to: one.id, status: 'asserted', evidence: text.slice(one.start, other.end), pattern: 'locatedIn' });
  }
}
