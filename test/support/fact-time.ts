/**
 * When a fact holds, worked out plainly from its reports, for tests that check what the seeder
 * stores and what the API answers: the rule docs/model.md states, written here again on its own
 * rather than taken from src/facts.ts.
 */
import { dateRange, isEventType, type RelationType } from '../../src/model.ts';

export interface PlainReport {
  reported: string;
  date?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** The first and last day a fact covers (null: open), the last day it is known to hold (null: none), or null for a fact with no time. */
export interface PlainDays {
  first: string | null;
  last: string | null;
  endsOn: string | null;
  /** An event's date, a state's first known day and its own end, each as a report gave it. */
  date: string | null;
  since: string | null;
  until: string | null;
}

export function plainFactDays(type: RelationType | string, reports: PlainReport[], overtakenUntil: string | null): PlainDays | null {
  const firstDay = (d: string) => dateRange(d).dateFrom;
  const lastDay = (d: string) => dateRange(d).dateTo;
  if (isEventType(type as RelationType)) {
    const dated = reports.filter((r) => r.date);
    if (dated.length === 0) return null;
    const date = dated[0]!.date!;
    return { first: firstDay(date), last: lastDay(date), endsOn: lastDay(date), date, since: null, until: null };
  }
  // The days each report says it was true on (a report with only an end says none), and the ends reports give.
  const starts = reports.filter((r) => r.since || r.date || !r.until).map((r) => ({ day: firstDay(r.since ?? r.date ?? r.reported), given: r.since ?? r.date ?? r.reported }));
  starts.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const stillTrueFrom = reports.filter((r) => !r.until).map((r) => firstDay(r.since ?? r.date ?? r.reported)).sort();
  // The latest end; of ends on the same day, the one reported first.
  let own: { day: string; given: string } | null = null;
  for (const r of reports) if (r.until && (own === null || lastDay(r.until) > own.day)) own = { day: lastDay(r.until), given: r.until };
  if (own !== null && stillTrueFrom.length > 0 && stillTrueFrom[stillTrueFrom.length - 1]! > own.day) own = null;
  const end = own?.day ?? (overtakenUntil ? lastDay(overtakenUntil) : null);
  const start = starts[0] ?? null;
  if (start === null && end === null) return null;
  return { first: start?.day ?? null, last: end, endsOn: end, date: null, since: start?.given ?? null, until: own?.given ?? null };
}
