/**
 * Money and weapons a draft proposes: pledges to a fund or a mission, a party paying for one, and
 * who funds or arms whom (FUNDS, ARMS). Each pattern is described in FACT_PATTERNS (patterns.ts).
 */
import type { FactStatus } from '../facts.ts';
import { clauseFrom, CUE_AFTER_SUBJECT, statusOf, WHICH_ASIDE } from './cues.ts';
import { describesNoun, isActor, type SentenceScope } from './scope.ts';
import { WEAPONS } from './vocabulary.ts';

/** Money: "$1 billion", "€200m", "5 billion euros". */
const MONEY = String.raw`(?:(?:US)?[$€£]\s?\d[\d.,]*(?:\s*(?:million|billion|bn|m)\b)?|\d[\d.,]*\s+(?:million|billion)\s+(?:euros|dollars|pounds))`;
/** "pledged $1 billion to", "promised a further $500 million", "will give 5 million euros for": money for what follows, or for the fund last named. */
const PLEDGE = new RegExp(String.raw`^\s+((?:[\p{Ll}’']+\s+){0,3}?)(pledged|pledges|promised|promises|committed|commits|gave|gives|give|donated|donates|donate)\s+(?:a\s+further\s+|another\s+|an\s+additional\s+|an\s+extra\s+)?${MONEY}(\s+(?:to|for)\s+(?:the\s+)?)?`, 'u');
/** "did not make a pledge": no money, for the fund last named. */
const NO_PLEDGE = /^\s+(?:did not|has not|have not|had not|refused to|declined to)\s+(?:make\s+(?:a|any)\s+pledge|pledge\s+(?:any|anything)|contribute)\b/u;
/** "pledged 400 million euros on Monday to repair Ukraine’s power grid": money for a state's own thing is money for the state. */
const FOR_A_STATES = /^(?:\s+on\s+\p{Lu}\p{Ll}+day)?\s+to\s+(?:help\s+)?[\p{Ll}]+\s+$/u;
const FUND_NAME = /\b(?:Fund|Facility|Trust)\b/;
/**
 * "said it would pay for the mission’s housing", "funds the force’s trust fund": money for what follows, a force
 * the article named ("the force") or a party named there; promised by the payer itself, an offer.
 */
const PAYS_FOR = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+((?:said|says|announced)\s+(?:that\s+)?(?:it|they)\s+)?(?:(would|will)\s+)?(?:pay for|pays for|paid for|fund|funds|funded|finance|finances|financed|cover the costs? of)\s+(?:the\s+)?`, 'u');
/** What a stance on paying is about, close after its cue: "new funds", "a request for 40 million dollars", "more money". */
const MONEY_AFTER_CUE = new RegExp(String.raw`^\s+(?:(?:provide|give|pay|send|commit|contribute|make)\s+)?(?:any\s+|new\s+|more\s+|further\s+|additional\s+|extra\s+)?(?:funds|funding|money|a request for\s+${MONEY})`, 'u');
/** "funds", "will arm", "Iran, which …, funds": funding or arming what follows (a cue before the verb gives the status). */
const FUNDS_OR_ARMS = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+((?:[\p{Ll}’']+\s+){0,4}?)(funds|finances|bankrolls|arms|funded|financed|armed|will fund|will arm)\s+(?:the\s+)?$`, 'u');
/** "has repeatedly denied arming M23": no arms, no money, by its own word. */
const DENIED = new RegExp(String.raw`^(?:${WHICH_ASIDE})?\s+(?:has\s+|have\s+)?(?:repeatedly\s+|always\s+|long\s+)?(?:denied|denies|deny)\s+(?:(?:reports|claims|charges|accusations)\s+that\s+(?:it|they)\s+(?:was|were|is|are|had been)\s+)?(arming|funding|financing)\s+(?:the\s+)?`, 'u');
/** "which pays more than a quarter of the mission’s budget": money for the force the description names. */
const PAYS_SHARE = /^(?:,\s+which)?\s+(?:pays|paid|covers|covered|provides|provided)\s+(?:more than\s+|about\s+|nearly\s+|almost\s+|over\s+)?(?:a quarter|a third|half|most|part|\d+\s?%|\d+ percent)\s+of\s+(?:the\s+)?(mission|force|operation)[’']s\s+(?:budget|costs)\b/u;

/** Facts of money and weapons in one sentence. */
export function proposeMoney({ text, end, inside, named, relations, add, between, forceBefore, describedBefore, table }: SentenceScope): void {
  /** The fund the article last named before `at`, or else its force: what "a further $500 million" goes to. */
  const fundBefore = (at: number) => named.filter((n) => n.end <= at && n.label === 'Organization' && FUND_NAME.test(text.slice(n.start, n.end))).at(-1) ?? forceBefore(at);

  // ACTOR pledged $1 billion to ORGANIZATION; ACTOR promised a further $500 million (to the fund last named)
  for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
    const rest = text.slice(giver.end, end);
    const pledge = PLEDGE.exec(rest);
    const none = pledge ? null : NO_PLEDGE.exec(rest);
    const found = pledge ?? none;
    if (!found) continue;
    const reach = giver.end + found[0].length;
    const after = pledge?.[3] ? inside.find((n) => n.start === reach && (n.label === 'Organization' || n.label === 'Country')) : undefined;
    const owner = pledge && !after ? inside.find((n) => n.label === 'Country' && n.start > reach && FOR_A_STATES.test(text.slice(reach, n.start)) && /^[’']s\s/u.test(text.slice(n.end, n.end + 3))) : undefined;
    const to = after ?? owner;
    // "for the rest of the year" names no party: the money goes to the fund or force last named; "did not contribute",
    // to whom the article last reported money going.
    const lastPaid = none ? relations.findLast((r) => r.type === 'FUNDS' && r.from !== giver.id) : undefined;
    const fund = to ?? (lastPaid && named.find((n) => n.id === lastPaid.to)) ?? fundBefore(giver.start);
    if (!fund || fund.id === giver.id) continue;
    const status: FactStatus = none ? 'denied' : (statusOf(pledge![1]!) ?? (/^(?:pledge|promise|commit)/.test(pledge![2]!) ? 'offered' : 'asserted'));
    add({ type: 'FUNDS', from: giver.id, to: fund.id, status, evidence: text.slice(giver.start, to ? to.end : reach).replace(/[\s,;:.]+$/u, ''), pattern: 'pledges' });
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
    const active = FUNDS_OR_ARMS.exec(gap);
    if (active) {
      const status = statusOf(active[1]!) ?? 'asserted';
      add({ type: /arm/.test(active[2]!) ? 'ARMS' : 'FUNDS', from: giver.id, to: party.id, status, evidence: clauseFrom(text, giver.start, party.end, end), pattern: 'fundsArms' });
    }
    const purchase = /^\s+(?:funds|finances|funded|financed|pays for|paid for)\s+the\s+purchase\s+of\s+[^.;,]{3,60}?\s+for\s+(?:the\s+)?$/u.test(gap);
    if (purchase) add({ type: 'FUNDS', from: giver.id, to: party.id, status: 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
    const delivery = giver.label === 'Country' && isActor(party) && /^\s+((?:[\p{Ll}’']+\s+){0,3}?)(?:sends?|sent|delivers?|delivered|supplies|supply|supplied|provides?|provided|sells?|sold)\s+([^.;,]{2,60}?)\s+to\s+(?:the\s+)?$/u.exec(gap);
    if (delivery && WEAPONS.test(delivery[2]!))
      add({ type: 'ARMS', from: giver.id, to: party.id, status: statusOf(delivery[1]!) ?? 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'armsDelivery' });
    const passive = /^,\s+which\s+(?:is|are|was|were|has been|have been)\s+(?:long\s+)?(funded|financed|armed|funded and armed|armed and funded)\s+by\s+(?:the\s+)?$/u.exec(gap);
    if (passive)
      for (const type of passive[1]!.includes('and') ? (['FUNDS', 'ARMS'] as const) : [passive[1]!.startsWith('arm') ? ('ARMS' as const) : ('FUNDS' as const)])
        add({ type, from: party.id, to: giver.id, status: 'asserted', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
  }

  // "Canada, which funds the force": the force "the force" names
  for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
    const funds = /^,\s+which\s+(?:has\s+long\s+|also\s+)?(funds|finances|funded|financed|pays for)\s+the\s+(force|mission|operation)\b/u.exec(text.slice(giver.end, end));
    const force = funds && describedBefore(giver.start, funds[2]!);
    if (force && force.id !== giver.id) add({ type: 'FUNDS', from: giver.id, to: force.id, status: 'asserted', evidence: text.slice(giver.start, giver.end + funds![0].length), pattern: 'pledges' });
  }

  // ACTOR said it would pay for ORGANIZATION (or "the mission" last named): an offer of money
  for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
    const pays = PAYS_FOR.exec(text.slice(giver.end, end));
    if (!pays) continue;
    const reach = giver.end + pays[0].length;
    const described = /^(force|mission|operation|coalition)\b/u.exec(text.slice(reach, reach + 12));
    // A party named right after is funding only in the payer's own promise: "funds Hamas" is fundsArms's.
    const named = pays[1] ? inside.find((n) => n.start === reach && (n.label === 'Organization' || n.label === 'Country') && !describesNoun(text, n, table)) : undefined;
    const to = named ?? (described ? describedBefore(giver.start, described[1]!) : undefined);
    const status: FactStatus = pays[1] ? 'offered' : pays[2] ? 'expected' : 'asserted';
    if (to && to.id !== giver.id) add({ type: 'FUNDS', from: giver.id, to: to.id, status, evidence: text.slice(giver.start, Math.max(to.end, reach + (described?.[0].length ?? 0))), pattern: 'pledges' });
  }

  // ACTOR said it would not provide new funds; ACTOR is still weighing a request for MONEY (for the fund or force last named)
  for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
    const rest = text.slice(giver.end, end);
    const status = statusOf(rest.slice(0, 50));
    const cued = status && status !== 'asserted' ? CUE_AFTER_SUBJECT.get(status)!.exec(rest) : null;
    const money = cued && MONEY_AFTER_CUE.exec(rest.slice(cued[0].length));
    const fund = money && fundBefore(giver.start);
    if (fund && fund.id !== giver.id)
      add({ type: 'FUNDS', from: giver.id, to: fund.id, status: status!, evidence: text.slice(giver.start, giver.end + cued[0].length + money[0].length), pattern: 'pledges' });
  }

  // ACTOR has denied arming PARTY; ACTOR, which …, denied reports that it was arming PARTY
  for (const giver of inside.filter(isActor)) {
    const denied = DENIED.exec(text.slice(giver.end, end));
    const named = denied && inside.find((n) => n.start === giver.end + denied[0].length && (isActor(n) || n.label === null));
    // "arming Vega’s Patriotic Army": the organisation of the person.
    const party = named && (inside.find((n) => n.label === 'Organization' && n.start === named.end + 3 && /^[’']s\s$/u.test(text.slice(named.end, n.start))) ?? named);
    if (party) add({ type: denied[1] === 'arming' ? 'ARMS' : 'FUNDS', from: giver.id, to: party.id, status: 'denied', evidence: text.slice(giver.start, party.end), pattern: 'fundsArms' });
  }

  // The United States, which pays more than a quarter of the mission’s budget
  for (const giver of inside.filter((n) => n.label === 'Country' || n.label === 'Organization')) {
    const share = PAYS_SHARE.exec(text.slice(giver.end, end));
    const force = share && describedBefore(giver.start, share[1]!);
    if (force && force.id !== giver.id) add({ type: 'FUNDS', from: giver.id, to: force.id, status: 'asserted', evidence: text.slice(giver.start, giver.end + share[0].length), pattern: 'pledges' });
  }
}
