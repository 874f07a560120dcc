/**
 * How the reports of a fact make the fact. One fact (a type, its two ends, and for an event its date)
 * is stated by many articles, months apart, each in its own words: as certain or as only expected,
 * with a time of its own or none. Each report is kept as it was given; what the fact is (its status,
 * when it holds) is worked out from all of them here, the same way whatever order they came in.
 */
import { dateRange, isEventType, OPEN_END, OPEN_START, type RelationType } from './model.ts';

/**
 * How sure a report is that a fact is so: the closed set of statuses, each with the wording that
 * signals it and its nearest terms in FactBank (factuality values: CT certain, PR probable, PS
 * possible, Uu underspecified; + and − for polarity), PLOVER (event categories and contexts) and
 * CAMEO (intent codes 03x against action codes).
 */
export const FACT_STATUSES = {
  asserted: {
    meaning: 'stated as so: it happens, happened or holds',
    signals: 'plain statements: “sends troops to”, “has sent”, “controls”',
    factbank: 'CT+',
    plover: 'the category itself (e.g. AID, SUPPORT), no context',
    cameo: 'action codes (e.g. 074 provide military protection)',
  },
  expected: {
    meaning: 'planned, likely or potential, by the reporter’s or others’ account',
    signals: '“expected to”, “set to”, “will”, “plans to”, “named as potential contributors”, “likely to”',
    factbank: 'PR+ (probable), PS+ (possible)',
    plover: 'context “future”',
    cameo: '03 express intent to cooperate (intent, not action)',
  },
  offered: {
    meaning: 'offered or proposed by the subject itself, not yet done',
    signals: '“offered”, “proposed”, “ready to”, “prepared to”, “willing to”, “seeks to”',
    factbank: 'PS+ by the subject as source',
    plover: 'AGREE (offer, promise)',
    cameo: '033 express intent to provide material aid, 0356 offer peacekeeping',
  },
  undecided: {
    meaning: 'not decided yet: the subject or others say no decision has been taken',
    signals: '“no final decision”, “under consideration”, “weighing”, “has not decided”',
    factbank: 'Uu (uncommitted)',
    plover: 'context “hypothetical”',
    cameo: '—',
  },
  declined: {
    meaning: 'the subject itself refused or held off',
    signals: '“declined to”, “refused to”, “ruled out”, “will not take part”',
    factbank: 'CT− by the subject as source',
    plover: 'REJECT',
    cameo: '12 reject (125 reject proposal, 1246 refuse to participate)',
  },
  denied: {
    meaning: 'the text says it is not, or will not be, so',
    signals: '“will not enter”, “no country has formally announced”, “did not send”, “denied that”',
    factbank: 'CT−',
    plover: 'the category, negated',
    cameo: '—',
  },
} as const;

export type FactStatus = keyof typeof FACT_STATUSES;
export const FACT_STATUS_NAMES = Object.keys(FACT_STATUSES) as FactStatus[];
export const DEFAULT_STATUS: FactStatus = 'asserted';

/** One report of a fact: its article's publication day, the status it gives, and the time it gives (each as written, year to day). */
export interface Report {
  reported: string;
  status: FactStatus;
  date?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/**
 * A report's time as one string, as the fact's `times` list stores it: `date`, or `since/until`
 * with either side empty, or '' for none.
 */
export function encodeTime(time: { date?: string | undefined; since?: string | undefined; until?: string | undefined }): string {
  if (time.date !== undefined && time.until !== undefined) throw new Error('a report gives a date or a period, not both');
  if (time.date !== undefined) return time.date;
  if (time.since === undefined && time.until === undefined) return '';
  return `${time.since ?? ''}/${time.until ?? ''}`;
}

export function decodeTime(text: string): { date?: string; since?: string; until?: string } {
  if (text === '') return {};
  const slash = text.indexOf('/');
  if (slash < 0) return { date: text };
  const [since, until] = [text.slice(0, slash), text.slice(slash + 1)];
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/** When a fact holds, as the API shows it and the index keys follow it. */
export interface FactTime {
  /** An event's date (at its precision); null for a state. */
  date: string | null;
  datePrecision: string | null;
  /** A state's first known day, as given (a report's since or date, or its article's day); null for an event or where unknown. */
  since: string | null;
  /** A state's last day as its reports give it (the latest until); null where none does. */
  until: string | null;
  /** The first and last day it covers (an open end is the end of the calendar); null for a fact with no time. */
  dateFrom: string | null;
  dateTo: string | null;
  /** The last day it is known to hold, for `current`: an event's last day, a state's end; null for a state with no end. */
  endsOn: string | null;
}

const NO_TIME: FactTime = { date: null, datePrecision: null, since: null, until: null, dateFrom: null, dateTo: null, endsOn: null };

/**
 * When a fact holds, from all its reports, and the day a later fact overtook it (if one did).
 *
 * An event happens on its date, which is part of its identity, so every report gives the same one.
 *
 * A state holds from its earliest known start until its end: a known start is a report's `since` or
 * `date` (it was true then), or else its article's publication day (a report with no time says it
 * is so as it is published); a report that gives only an `until` gives no start. Its end is the
 * latest `until` any report gives, unless a report has it hold after that (it was stated again
 * later), and otherwise the day a later fact overtook it. So a prime minister reported in November
 * is still prime minister in December unless something says otherwise.
 */
export function factTime(type: RelationType, reports: readonly Report[], overtakenUntil: string | null): FactTime {
  if (isEventType(type)) {
    const date = reports.find((report) => report.date !== undefined)?.date;
    if (date === undefined) return NO_TIME;
    const range = dateRange(date);
    return { ...NO_TIME, date, datePrecision: range.datePrecision, dateFrom: range.dateFrom, dateTo: range.dateTo, endsOn: range.dateTo };
  }
  let start: { day: string; given: string } | null = null;
  let end: { day: string; given: string } | null = null;
  for (const report of reports) {
    const given = report.since ?? report.date ?? (report.until === undefined ? report.reported : undefined);
    if (given !== undefined) {
      const day = dateRange(given).dateFrom;
      if (start === null || day < start.day) start = { day, given };
    }
    if (report.until !== undefined) {
      const day = dateRange(report.until).dateTo;
      if (end === null || day > end.day) end = { day, given: report.until };
    }
  }
  // Stated to hold after its stated end: it holds again, with no end known.
  if (end !== null && reports.some((report) => report.until === undefined && reportStart(report) > end!.day)) end = null;
  // Its own end is what its reports say; a later fact that overtakes it ends it too (shown as `overtaken`, see the API).
  const ends = end ?? (overtakenUntil === null ? null : { day: dateRange(overtakenUntil).dateTo, given: overtakenUntil });
  if (start === null && ends === null) return NO_TIME;
  return {
    ...NO_TIME,
    since: start?.given ?? null,
    until: end?.given ?? null,
    dateFrom: start?.day ?? OPEN_START,
    dateTo: ends?.day ?? OPEN_END,
    endsOn: ends?.day ?? null,
  };
}

function reportStart(report: Report): string {
  return dateRange(report.since ?? report.date ?? report.reported).dateFrom;
}

/** A fact's status: its latest report's (reports are kept in publication order, then by article). */
export function latestStatus(reports: readonly Pick<Report, 'status'>[]): FactStatus {
  return reports.at(-1)?.status ?? DEFAULT_STATUS;
}
