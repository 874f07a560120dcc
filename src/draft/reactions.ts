/**
 * How parties take what others do, as a draft proposes it: welcoming a state's decision, troops or
 * reinforcements backs that state, and "the main backers of X" or "said it supported the talks" back
 * X or the talks (SUPPORTS); condemning a deployment or a withdrawal the article reported opposes
 * the one who made it, condemning "the operation" opposes that force (OPPOSED); a state that pulled
 * out of "the exercise" declined to take part (PARTICIPATED_IN). Each pattern is described in
 * FACT_PATTERNS (patterns.ts).
 */
import { JUDGEMENT, JUDGING_VERB, WHICH_ASIDE } from './cues.ts';
import { isActor, listEndingAt, listStartingAt, type SentenceScope } from './scope.ts';
import { MOVED } from './vocabulary.ts';

/** What a state does that others welcome or condemn, as written after its adjective: "the Spanish decision". */
const ACTS = 'decision|move|reinforcements?|deployment|offer|announcement|plan|pledge|contribution|proposal|withdrawal';
/** "welcomed the" (a state's adjective and its act follow): backing it. */
const WELCOMED = /^(?:[’']s\s+government)?\s+(?:has\s+|have\s+)?(?:welcomed|welcomes|praised|praises|hailed|hails|applauded)\s+the\s+$/u;
const ACT_AFTER = new RegExp(`^\\s+(${ACTS})\\b`, 'u');
/** "condemned the deployment", "criticised the withdrawal": opposing the act the article last reported. */
/** The acts the article reported that others condemn or welcome: troops or ships sent, moved or withdrawn, a mandate extended, an attack. */
const REPORTED_ACTS = 'deployment|withdrawal|pull-?out|reinforcements?|extension|action|attacks?|strikes?|transit|voyage|passage|patrol';
const CONDEMNED = new RegExp(String.raw`^(?:[’']s\s+government)?\s+(?:has\s+|have\s+)?(?:condemned|condemns|criticised|criticized|criticises|criticizes|denounced|denounces|protested|opposed|opposes)\s+the\s+(${REPORTED_ACTS})\b(?!\s+of\b)`, 'u');
/** "welcomed the strike", "welcomed the voyage": backing those whose act the article reported before. */
const WELCOMED_REPORTED = new RegExp(String.raw`^(?:[’']s\s+government)?\s+(?:has\s+|have\s+)?(?:welcomed|welcomes|praised|praises|hailed|hails|applauded)\s+the\s+(${REPORTED_ACTS})\b(?!\s+of\b)`, 'u');
/** "rejected the ruling", "welcomed the judgment": a court's act, backed or opposed. */
const ON_RULING = /^(?:[’']s\s+government)?\s+(?:has\s+|have\s+)?(rejected|rejects|welcomed|welcomes|praised|hailed|criticised|criticized|condemned)\s+the\s+(ruling|judgment|judgement|verdict)\b/u;
/** "Iran, which arms the Houthis, condemned the operation": opposing the force "the operation" names. */
const CONDEMNED_FORCE = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+(?:has\s+|have\s+)?(?:condemned|condemns|criticised|criticized|denounced|denounces|opposed|opposes)\s+the\s+(force|mission|operation|coalition)\b(?!\s+of\b)`, 'u');
/** "said it supported the talks", "welcomed the mission": backing the event or force the description names. */
const BACKED_DESCRIBED = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+(?:(?:said|says)\s+(?:that\s+)?(?:it|they|he|she)\s+)?(?:has\s+|have\s+)?(?:supported|supports|backed|backs|welcomed|welcomes|endorsed|endorses)\s+the\s+(talks|exercise|summit|conference|force|mission|operation)\b(?!\s+of\b)`, 'u');
/** "Egypt and the United Arab Emirates, the main backers of Saqr": backing the party named next. */
const BACKERS_OF = /^,\s+(?:the|its|their)\s+(?:main|chief|key|closest|biggest|principal)?\s*(?:backers|backer|allies|ally|supporters|patrons|sponsors)\s+of\s+(?:the\s+)?$/u;
/** "welcomed the new battalion": backing the state whose troops the article reported before. */
const WELCOMED_TROOPS = /^,?\s+(?:has\s+|have\s+)?(?:welcomed|welcomes|praised|hailed)\s+the\s+(?:new\s+|latest\s+|additional\s+)?(battalion|troops|contingent|reinforcements|peacekeepers)\b/u;
/** "pulled out of the exercise": no longer taking part in the event the description names. */
const PULLED_OUT = /^\s+(?:has\s+|have\s+)?(?:pulled|pulls|pulling|withdrew|withdraws)\s+out\s+of\s+the\s+(exercise|talks|summit|conference)\b/u;
/** "called Cold Shield a rehearsal for war", "called the talks a trap": a judgement that opposes what it names. */
const CALLED = new RegExp(String.raw`^(?:[’']s\s+(?:foreign\s+ministry|defence\s+ministry|defense\s+ministry|government))?(?:,\s+[^,]{3,60},)?\s+(?:has\s+)?${JUDGING_VERB}\s+`, 'u');
const CALLED_DESCRIBED = /^the\s+(talks|exercise|summit|conference|force|mission|operation)\b/u;
/** "thanked": backing those thanked, or, "for their support", backed by them. */
const THANKED = /^\s+(?:[^.;,]{0,60}?\s+and\s+)?(?:has\s+|have\s+)?(?:thanked|thanks)\s+(?:the\s+)?$/u;
const FOR_SUPPORT = /^\s+for\s+(?:their|its|his|her)\s+(?:support|help|backing|assistance|solidarity)\b/u;
/** The words of a reported fact that did the act: "will deploy", "prepares to withdraw". */
const SENDING = /\b(?:deploy|deploys|deployed|deploying|send|sends|sent|sending|reinforce|reinforces)\b/;
const LEAVING = /\b(?:withdraw|withdraws|withdrew|withdrawing|pull|pulls|pulled|pulling)\b/;
const MOVING = new RegExp(String.raw`\b${MOVED}\b`);
const EXTENDING = /\b(?:extended|extends|renewed|renews)\b/;
const ANY = /(?:)/u;
const ACT_WORDS: Record<string, RegExp> = {
  deployment: SENDING,
  reinforcement: SENDING,
  withdrawal: LEAVING,
  pullout: LEAVING,
  extension: EXTENDING,
  action: ANY,
  attack: ANY,
  strike: ANY,
  transit: MOVING,
  voyage: MOVING,
  passage: MOVING,
  patrol: MOVING,
};
/** The facts an act condemned may be: a mandate extended, an attack (or "the action"), troops sent or withdrawn. */
const ACTS_OF: Record<string, string[]> = { extension: ['MANDATED'], action: ['ATTACKED'], attack: ['ATTACKED'], strike: ['ATTACKED'] };

/** Reactions in one sentence, to acts of the sentences before. */
export function proposeReactions({ text, start, end, inside, named, relations, add, between, describedBefore }: SentenceScope): void {
  for (let k = 0; k + 1 < inside.length; k++) {
    const [actor, state] = [inside[k]!, inside[k + 1]!];
    if (!isActor(actor) || state.label !== 'Country') continue;
    // Lithuanian President Ausra Vaitkute welcomed the Spanish decision
    const act = WELCOMED.test(between(actor, state)) ? ACT_AFTER.exec(text.slice(state.end, end)) : null;
    if (act) add({ type: 'SUPPORTS', from: actor.id, to: state.id, status: 'asserted', regarding: act[1]!, evidence: text.slice(actor.start, state.end + act[0].length), pattern: 'welcomedAct' });
  }

  // Mozambican President Daniel Mavota thanked Rwanda; Guyanese President Mohamed Ali thanked Brazil and the Caribbean Community for their support
  for (let k = 0; k + 1 < inside.length; k++) {
    const [actor, first] = [inside[k]!, inside[k + 1]!];
    if (!isActor(actor) || !isActor(first) || !THANKED.test(between(actor, first))) continue;
    const thanked = listStartingAt(inside, k + 1, between);
    const last = thanked.at(-1)!;
    const evidence = text.slice(actor.start, last.end);
    if (FOR_SUPPORT.test(text.slice(last.end, end))) {
      // Support for a person in office is support for the state they speak for.
      const backed = actor.label === 'Person' ? (relations.findLast((r) => r.type === 'HOLDS_OFFICE' && r.from === actor.id)?.to ?? actor.id) : actor.id;
      for (const one of thanked) if (one.id !== backed) add({ type: 'SUPPORTS', from: one.id, to: backed, status: 'asserted', evidence: evidence + FOR_SUPPORT.exec(text.slice(last.end, end))![0], pattern: 'welcomedAct' });
    } else for (const one of thanked) if (one.id !== actor.id) add({ type: 'SUPPORTS', from: actor.id, to: one.id, status: 'asserted', evidence, pattern: 'welcomedAct' });
  }

  // Egypt and the United Arab Emirates, the main backers of Saqr
  for (let k = 0; k + 1 < inside.length; k++) {
    const [backer, party] = [inside[k]!, inside[k + 1]!];
    if (!isActor(backer) || !isActor(party) || !BACKERS_OF.test(between(backer, party))) continue;
    const backers = listEndingAt(inside, k, between);
    for (const one of backers) add({ type: 'SUPPORTS', from: one.id, to: party.id, status: 'asserted', evidence: text.slice(backers[0]!.start, party.end), pattern: 'welcomedAct' });
  }
  // Michael Makuei Deng, welcomed the new battalion: the state whose troops came
  for (const actor of inside.filter(isActor)) {
    const welcomed = WELCOMED_TROOPS.exec(text.slice(actor.end, end));
    // The troops reported with that word ("a battalion of 700 Chinese peacekeepers"), or else the last troops reported.
    const sent = relations.filter((r) => (r.type === 'CONTRIBUTES_TROOPS_TO' || r.type === 'DEPLOYED_TO') && text.indexOf(r.evidence) < start);
    const sender = welcomed && (sent.findLast((r) => r.evidence.includes(welcomed[1]!)) ?? sent.at(-1));
    if (sender && sender.from !== actor.id)
      add({ type: 'SUPPORTS', from: actor.id, to: sender.from, status: 'asserted', regarding: `the ${welcomed[0].split(/\s+the\s+/u)[1]}`, evidence: text.slice(actor.start, actor.end + welcomed[0].length), pattern: 'welcomedAct' });
  }

  // Turkey said it supported the talks; Denmark pulled out of the exercise
  for (const actor of inside.filter(isActor)) {
    const backed = BACKED_DESCRIBED.exec(text.slice(actor.end, end));
    const backedWhat = backed && describedBefore(actor.start, backed[1]!);
    if (backedWhat && backedWhat.id !== actor.id) add({ type: 'SUPPORTS', from: actor.id, to: backedWhat.id, status: 'asserted', evidence: text.slice(actor.start, actor.end + backed[0].length), pattern: 'welcomedAct' });
    const left = actor.label === 'Country' ? PULLED_OUT.exec(text.slice(actor.end, end)) : null;
    const event = left && describedBefore(actor.start, left[1]!);
    if (event?.label === 'Event') add({ type: 'PARTICIPATED_IN', from: actor.id, to: event.id, status: 'declined', evidence: text.slice(actor.start, actor.end + left![0].length), pattern: 'troopStance' });
  }

  // Iran, which arms the Houthis, condemned the operation
  for (const actor of inside.filter(isActor)) {
    const condemned = CONDEMNED_FORCE.exec(text.slice(actor.end, end));
    const force = condemned && describedBefore(actor.start, condemned[1]!);
    if (force && force.id !== actor.id) add({ type: 'OPPOSED', from: actor.id, to: force.id, status: 'asserted', evidence: text.slice(actor.start, actor.end + condemned[0].length), pattern: 'condemnedAct' });
  }

  // Russia’s foreign ministry called Cold Shield a rehearsal for war; Pavlou called the talks a trap
  for (const actor of inside.filter(isActor)) {
    const called = CALLED.exec(text.slice(actor.end, end));
    if (!called) continue;
    const at = actor.end + called[0].length;
    const described = CALLED_DESCRIBED.exec(text.slice(at, end));
    const target = inside.find((n) => n.start === at) ?? (described ? describedBefore(at, described[1]!) : undefined);
    const targetEnd = inside.find((n) => n.start === at)?.end ?? (described ? at + described[0].length : at);
    const judgement = target && target.id !== actor.id ? JUDGEMENT.exec(text.slice(targetEnd, end)) : null;
    if (judgement) add({ type: 'OPPOSED', from: actor.id, to: target!.id, status: 'asserted', evidence: text.slice(actor.start, targetEnd + judgement[0].length), pattern: 'condemnedAct' });
  }

  // Venezuela rejected the ruling: the court last named
  for (const actor of inside.filter(isActor)) {
    const ruling = ON_RULING.exec(text.slice(actor.end, end));
    const court = ruling && named.filter((n) => n.end <= actor.start && n.label === 'Organization' && /\b(?:Court|Tribunal)\b/u.test(text.slice(n.start, n.end))).at(-1);
    if (court) add({ type: /^(?:welcom|prais|hail)/u.test(ruling![1]!) ? 'SUPPORTS' : 'OPPOSED', from: actor.id, to: court.id, status: 'asserted', regarding: ruling![2]!, evidence: text.slice(actor.start, actor.end + ruling![0].length), pattern: 'condemnedAct' });
  }

  // Russia condemned the deployment: the one whose deployment the article reported before (an extension: whoever extended the mandate);
  // Taiwan welcomed the voyage: those whose ships sailed
  for (const actor of inside.filter(isActor)) {
    const condemned = CONDEMNED.exec(text.slice(actor.end, end));
    const welcomed = condemned ? null : WELCOMED_REPORTED.exec(text.slice(actor.end, end));
    const reaction = condemned ?? welcomed;
    if (!reaction) continue;
    const noun = reaction[1]!.replace(/-|s$/gu, '');
    const words = ACT_WORDS[noun]!;
    // An extension is of a mandate (MANDATED), an attack of an attacker; the rest are of troops or ships.
    const acts = ACTS_OF[noun] ?? ['CONTRIBUTES_TROOPS_TO', 'DEPLOYED_TO'];
    const reported = relations.filter((r) => acts.includes(r.type) && words.test(r.evidence) && text.indexOf(r.evidence) < start);
    const last = reported.at(-1);
    // Everyone who did it there: "A Canadian frigate and an Australian destroyer sailed …" is one transit by two states.
    const actedBy = last ? [...new Set(reported.filter((r) => r.type === last.type && r.to === last.to).map((r) => r.from))] : [];
    for (const party of actedBy.filter((id) => id !== actor.id))
      add({ type: condemned ? 'OPPOSED' : 'SUPPORTS', from: actor.id, to: party, status: 'asserted', regarding: reaction[1]!, evidence: text.slice(actor.start, actor.end + reaction[0].length), pattern: condemned ? 'condemnedAct' : 'welcomedAct' });
  }
}
