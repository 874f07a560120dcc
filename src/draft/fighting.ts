/**
 * Fighting and enmity, as a draft proposes them: two states' troops exchanging fire or clashing
 * (CLASHED_WITH), one accusing another of an attack on it (ATTACKED, from the accused), and a state
 * "in a dispute with" another (HOSTILE_TO). Described in FACT_PATTERNS (patterns.ts).
 */
import { isActor, type SentenceScope } from './scope.ts';

/** "Ethiopian and Eritrean troops exchanged artillery fire", "Serbia and Kosovo clashed": both sides fought. */
const CLASHED = /^\s+(?:(?:troops|forces|soldiers|armies)\s+)?(?:have\s+|had\s+)?(?:exchanged\s+(?:[\p{Ll}-]+\s+)?fire|clashed|fought)\b/u;
/** "accused Eritrea of shelling": an attack by the accused, on what follows or on the accuser. */
const ACCUSED = /^\s+(?:has\s+|have\s+)?accused\s+$/u;
const ACCUSED_OF = /^\s+of\s+(shelling|attacking|bombing|striking|raiding|firing on|invading)\b/u;
/** "which is in a long dispute with": an adversary. */
const DISPUTE = /^(?:,\s+which)?\s+(?:is|are|has been|have been)\s+(?:locked\s+)?in\s+an?\s+(?:[\p{Ll}-]+\s+){0,2}(?:dispute|feud|conflict|standoff)\s+with\s+(?:the\s+)?$/u;

/** Fighting and enmity in one sentence. */
export function proposeFighting({ text, inside, add, between }: SentenceScope): void {
  for (let k = 0; k + 1 < inside.length; k++) {
    const [one, other] = [inside[k]!, inside[k + 1]!];
    // Ethiopian and Eritrean troops exchanged artillery fire
    if (one.label === 'Country' && other.label === 'Country' && /^\s+and\s+$/u.test(between(one, other))) {
      const clash = CLASHED.exec(text.slice(other.end, other.end + 60));
      if (clash) add({ type: 'CLASHED_WITH', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start, other.end + clash[0].length), pattern: 'attacked' });
    }
    // Ethiopia accused Eritrea of shelling a military camp
    if (isActor(one) && isActor(other) && one.label !== 'Person' && ACCUSED.test(between(one, other))) {
      const of = ACCUSED_OF.exec(text.slice(other.end, other.end + 30));
      const target = of && inside.find((n) => n.start >= other.end + of[0].length && n.start <= other.end + of[0].length + 6 && n.label !== null);
      if (of) add({ type: 'ATTACKED', from: other.id, to: target?.id ?? one.id, status: 'asserted', evidence: text.slice(one.start, target ? target.end : other.end + of[0].length), pattern: 'attacked' });
    }
    // Egypt, which is in a long dispute with Ethiopia
    if (isActor(one) && isActor(other) && one.label !== 'Person' && DISPUTE.test(between(one, other)))
      add({ type: 'HOSTILE_TO', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(one.start, other.end), pattern: 'attacked' });
  }
}
