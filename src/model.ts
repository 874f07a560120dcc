/**
 * The closed set of node labels and relationship types of the graph. Cypher text only ever
 * contains labels and types from here; everything else reaches Neo4j as a parameter (and the two
 * statements that create entities and facts take a label or type as a value only once it is
 * checked to be one of these).
 * docs/model.md documents the same set (a test keeps the two in step).
 */

export const ENTITY_LABELS = ['Person', 'Country', 'Organization', 'Place', 'Event', 'Offer', 'Statement', 'Work'] as const;
export type EntityLabel = (typeof ENTITY_LABELS)[number];
/** The label statements are found again by their words under (`quoteKey`, see src/graph/lookups.ts statementsSaying). */
export const STATEMENT: EntityLabel = 'Statement';

/** Every entity node also carries this label; the article nodes do not (they are the sources, not the story). */
export const ENTITY = 'Entity';
export const ARTICLE = 'Article';
/**
 * An article's `status`: `loading` while the seeder writes it, when readers leave out everything it
 * states; `loaded` once it is written whole (see src/graph/write/articles.ts).
 */
export const ARTICLE_STATUS = { loading: 'loading', loaded: 'loaded' } as const;
/** The one node that holds the publication clock, which hiding an article moves (see src/graph/write/articles.ts). */
export const PUBLICATION = 'Publication';
/** Counts of entities' facts by the year, month and day they begin and end, which the seeder keeps (see src/graph/keys.ts). */
export const TALLY = 'Tally';
/** One node per fact that holds its list keys with its type inside them, so that a list of facts of every type reads one index (see src/graph/keys.ts). */
export const LISTING = 'Listing';
/** The one node every write transaction of the seeder locks first, so that seed runs at once never interleave their writes (see src/graph/write/articles.ts). */
export const SEED_LOCK = 'SeedLock';

/** The full-text index over entities' names and aliases, which search and the seeder's look-alike check read. */
export const FULLTEXT_INDEX = 'entity_names';

/**
 * Every property an entity has beside `id`, its label and its `aliases` (of which there are many):
 * which labels carry it, and the field the API shows it as. Each has one value per entity; several
 * articles may give it, and the seeder keeps who gave what (see src/seed/claims.ts). The seed schema,
 * the planner, the compiler and the GraphQL schema follow this table (test/unit/model.test.ts).
 */
export const ENTITY_PROPERTIES = {
  name: { labels: ENTITY_LABELS },
  description: { labels: ENTITY_LABELS },
  code: { labels: ['Country'] },
  /** A free-text sort (government, city, war); `kind` in the API is the label itself. */
  kind: { labels: ['Organization', 'Place', 'Event', 'Offer', 'Work'], field: 'category' },
  date: { labels: ['Event'] },
  quote: { labels: ['Statement'] },
  /** direct or reported; the API shows it as an enum, DIRECT or REPORTED. */
  form: { labels: ['Statement'], enumeration: true },
} as const satisfies Record<string, EntityPropertySpec>;

export interface EntityPropertySpec {
  labels: readonly EntityLabel[];
  /** The API field, where it is not the property's own name. */
  field?: string;
  /** Stored in lower case, shown as an enum value in upper case. */
  enumeration?: boolean;
}

export type EntitySingleValued = keyof typeof ENTITY_PROPERTIES;
export const ENTITY_SINGLE_VALUED = Object.keys(ENTITY_PROPERTIES) as EntitySingleValued[];

/** The properties an entity of this label carries. */
export function entityPropertiesOf(label: EntityLabel): EntitySingleValued[] {
  return ENTITY_SINGLE_VALUED.filter((property) => (ENTITY_PROPERTIES[property].labels as readonly EntityLabel[]).includes(label));
}

/** The API field that shows a property. */
export function entityPropertyField(property: EntitySingleValued): string {
  const spec: EntityPropertySpec = ENTITY_PROPERTIES[property];
  return spec.field ?? property;
}

/** Relationship properties beyond the evidence and the time, each a short string from the text. */
export const RELATION_PROPERTIES = ['role', 'share', 'regarding', 'forces', 'troops', 'tenure'] as const;

/**
 * The properties that tell apart two states of one type between the same two entities (two offices a
 * person holds, two shares of a territory one after the other): part of a fact's identity, with its
 * type, its ends and, for an event, its date. A state's time is not: every report of it, whenever
 * made and whatever time it gives, adds to the one fact.
 */
export const IDENTIFYING_PROPERTIES = ['role', 'share', 'regarding'] as const satisfies readonly RelationProperty[];

/** The other properties: each report gives its own (in its own words), kept with its sentence; the fact shows the latest given. */
export const REPORTED_PROPERTIES = ['forces', 'troops', 'tenure'] as const satisfies readonly RelationProperty[];

/**
 * The one that is a single value, a number: two reports that give two numbers disagree, and a later
 * one says it corrects the earlier (`corrects: [troops]`); the fact shows the latest correction's, or
 * else the first report's.
 */
export const SINGLE_VALUED_RELATION_PROPERTIES = ['troops'] as const satisfies readonly ReportedProperty[];
export type ReportedProperty = (typeof REPORTED_PROPERTIES)[number];

/** How an office is held, where the text says (`former`: it had ended by the article's day). */
export const TENURES = ['former', 'acting', 'interim', 'designate', 'elect'] as const;
export type RelationProperty = (typeof RELATION_PROPERTIES)[number];

export interface RelationTypeSpec {
  from: readonly EntityLabel[];
  to: readonly EntityLabel[];
  meaning: string;
  /** Nearest CAMEO event code, where one exists. */
  cameo?: string;
  properties?: readonly RelationProperty[];
  /**
   * Something that happens, at a point in time (`date`), rather than a state that holds for a while
   * (a `from`–`until` period, or a `date` at which it is reported true). An event never has a period,
   * and once its date is past it is not current.
   */
  event?: true;
}

const ACTORS = ['Country', 'Organization', 'Person'] as const;
const ANY: readonly EntityLabel[] = ENTITY_LABELS;

export const RELATION_TYPES = {
  CONTRIBUTES_TROOPS_TO: {
    from: ['Country'],
    to: ['Organization'],
    meaning: 'sends troops or forces to serve in a force, coalition or mission',
    cameo: '074',
    properties: ['forces', 'troops'],
  },
  LEADS: { from: ACTORS, to: ['Organization'], meaning: 'leads or commands (“U.S.-led”, “Centcom-led”)' },
  MADE: { from: ACTORS, to: ['Offer'], meaning: 'made an offer, proposal or plan', cameo: '03', event: true },
  TO: { from: ['Offer'], to: ['Country', 'Organization', 'Person'], meaning: 'the offer is made to, or for, this party' },
  PROVIDES_FOR: { from: ['Offer'], to: ['Organization', 'Event'], meaning: 'the offer or plan provides for this' },
  REJECTED: { from: ACTORS, to: ['Offer'], meaning: 'rejected the offer', cameo: '12', event: true },
  ACCEPTED: { from: ACTORS, to: ['Offer'], meaning: 'accepted the offer', event: true },
  FUNDS: { from: ['Country', 'Organization'], to: ['Country', 'Organization'], meaning: 'gives money to', cameo: '071' },
  ARMS: { from: ['Country', 'Organization'], to: ['Country', 'Organization'], meaning: 'gives weapons to', cameo: '072' },
  HOLDS_OFFICE: { from: ['Person'], to: ['Country', 'Organization'], meaning: 'holds a public office of', properties: ['role', 'tenure'] },
  AFFILIATED_WITH: { from: ['Person'], to: ['Organization'], meaning: 'works for or belongs to', properties: ['role'] },
  VISITED: { from: ['Person'], to: ['Country', 'Place', 'Organization'], meaning: 'visited', cameo: '042', event: true },
  ATTACKED: { from: ['Country', 'Organization'], to: ['Country', 'Organization', 'Place', 'Person'], meaning: 'carried out an attack on', cameo: '19', event: true },
  DEFENDED: { from: ['Country', 'Organization'], to: ['Country', 'Place'], meaning: 'helped defend against an attack', cameo: '074', event: true },
  THREATENS: { from: ['Country', 'Organization'], to: ['Country', 'Organization'], meaning: 'poses a threat to', cameo: '13' },
  PRESSURED: { from: ACTORS, to: ['Country', 'Organization', 'Person'], meaning: 'put pressure on', cameo: '17' },
  HOSTILE_TO: { from: ACTORS, to: ['Country', 'Organization'], meaning: 'is an enemy or adversary of' },
  CLASHED_WITH: { from: ['Country', 'Organization'], to: ['Country', 'Organization'], meaning: 'has clashed with', cameo: '11' },
  CLOSE_TO: { from: ACTORS, to: ['Country', 'Organization'], meaning: 'has close ties to', cameo: '05' },
  CONTROLS: { from: ['Country', 'Organization'], to: ['Place'], meaning: 'controls the territory', properties: ['share'] },
  DEPLOYED_TO: { from: ACTORS, to: ['Place', 'Country'], meaning: 'sent or keeps forces there', cameo: '15', properties: ['forces', 'troops'] },
  WITHDREW_TO: { from: ['Country', 'Organization'], to: ['Place'], meaning: 'pulled its forces back to', cameo: '0874', properties: ['forces'], event: true },
  OVERSEES: { from: ['Organization'], to: ['Event'], meaning: 'monitors or keeps (a ceasefire, a treaty)' },
  BASED_IN: { from: ['Organization'], to: ['Place', 'Country'], meaning: 'is based in' },
  LOCATED_IN: { from: ['Place'], to: ['Place', 'Country'], meaning: 'lies within' },
  PART_OF: { from: ['Organization', 'Event'], to: ['Organization', 'Event'], meaning: 'is a part of' },
  PARTICIPATED_IN: { from: ACTORS, to: ['Event'], meaning: 'took part in the event', properties: ['role'] },
  OCCURRED_IN: { from: ['Event'], to: ['Place', 'Country'], meaning: 'took place in' },
  SAID: { from: ACTORS, to: ['Statement'], meaning: 'said (the statement’s quote is verbatim)', cameo: '010', event: true },
  ABOUT: { from: ['Statement', 'Work', 'Offer'], to: ANY, meaning: 'is about' },
  AUTHORED: { from: ['Person'], to: ['Work'], meaning: 'wrote', properties: ['role'], event: true },
  OPPOSED: {
    from: ACTORS,
    to: ['Country', 'Organization', 'Person', 'Offer', 'Event'],
    meaning: 'opposed, vetoed or blocked it: a party’s part in something (`regarding`: what, e.g. “participation in the force”), or a plan or event',
    cameo: '12',
    properties: ['regarding'],
    event: true,
  },
  SUPPORTS: {
    from: ACTORS,
    to: ['Country', 'Organization', 'Person', 'Offer', 'Event', 'Statement'],
    meaning: 'backs a party or its position (`regarding`: which), a plan or what someone said',
    cameo: '051',
    properties: ['regarding'],
  },
  MET: { from: ACTORS, to: ACTORS, meaning: 'met, or held talks with', cameo: '043', event: true },
  MANDATED: { from: ['Organization', 'Country'], to: ['Organization'], meaning: 'authorised, or gave a mandate to (a resolution adopted)', event: true },
  REQUIRES: { from: ['Country', 'Organization', 'Person', 'Offer'], to: ANY, meaning: 'sets it as a condition', properties: ['regarding'] },
} as const satisfies Record<string, RelationTypeSpec>;

export type RelationType = keyof typeof RELATION_TYPES;
export const RELATION_TYPE_NAMES = Object.keys(RELATION_TYPES) as RelationType[];

/** Derived by the seeder from each entity's first appearance in the article; not written in seed files. */
export const MENTIONS = 'MENTIONS';

/** An article as its node holds it (dates as ISO strings). */
export interface ArticleMeta {
  id: string;
  title: string;
  publisher: string;
  publishedAt: string;
  path: string;
  textFile: string;
  /** Hash of the seed file as written (and of the seed format), and of the article text: together they tell an unchanged article. */
  fileHash: string;
  textHash: string;
}

export function isRelationType(value: string): value is RelationType {
  return Object.hasOwn(RELATION_TYPES, value);
}

export function isEntityLabel(value: string): value is EntityLabel {
  return (ENTITY_LABELS as readonly string[]).includes(value);
}

export function relationSpec(type: RelationType): RelationTypeSpec {
  return RELATION_TYPES[type];
}

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/**
 * Every limit on what one request may ask, in one place: the API checks arguments against these
 * before any Cypher is written, and the schema's descriptions state the same numbers.
 */
export const QUERY_LIMITS = {
  /** Items in one page of any list. */
  pageSize: 100,
  /** Ids are short slugs; anything far longer is a mistake or an attack. */
  idLength: 200,
  /** A cursor holds the sort key of the last item of a page: ids, a date and a role at most. */
  cursorLength: 2_000,
  searchTextLength: 200,
  searchHits: 100,
  pathHops: 6,
  neighborhoodHops: 3,
  /** Entities in a neighbourhood at most (the centre included), and relationships among them: enough to draw. */
  neighborhoodNodes: 200,
  neighborhoodEdges: 500,
} as const;

/** ISO 8601 calendar date of year, month or day precision: 2025, 2025-06 or 2025-06-19 (seed files and the API's Date). */
export const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** Whether a date of the form PARTIAL_DATE (or YYYY-MM-DD) names a day, month or year of the calendar. */
export function isRealDate(value: string): boolean {
  const [y, m = 1, d = 1] = value.split('-').map(Number);
  if (y === undefined || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE.test(value) && isRealDate(value);
}

/** The days a partial date spans, with its precision: 2025-06 is 2025-06-01 … 2025-06-30. */
export function dateRange(date: string): { date: string; datePrecision: DatePrecision; dateFrom: string; dateTo: string } {
  const [year, month, day] = date.split('-');
  if (day !== undefined) return { date, datePrecision: 'day', dateFrom: date, dateTo: date };
  if (month !== undefined) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { date, datePrecision: 'month', dateFrom: `${date}-01`, dateTo: `${date}-${String(last).padStart(2, '0')}` };
  }
  return { date, datePrecision: 'year', dateFrom: `${date}-01-01`, dateTo: `${date}-12-31` };
}

/** Where a period is open, its range runs to the ends of the calendar Neo4j and ISO 8601 share, so range queries need no special case. */
export const OPEN_START = '0001-01-01';
export const OPEN_END = '9999-12-31';

/**
 * When a fact is true, as a seed file gives it: at a point in time (`date`), for a period (`since`,
 * `until`, either open; not `from`, which names a fact's subject), or with no time at all.
 * `dateFrom`/`dateTo` are the first and last day it covers (a period's open end is the end of the
 * calendar); `endsOn` is the last day it is known to hold, for `current`: an event's date, a
 * period's `until`, none for a state with no end.
 */
export interface Validity {
  date?: string;
  datePrecision?: DatePrecision;
  since?: string;
  until?: string;
  dateFrom?: string;
  dateTo?: string;
  endsOn?: string;
}

export function validityOf(type: RelationType, time: { date?: string | undefined; since?: string | undefined; until?: string | undefined }): Validity {
  const { date, since, until } = time;
  if (date !== undefined) {
    const range = dateRange(date);
    return { ...range, ...(isEventType(type) ? { endsOn: range.dateTo } : {}) };
  }
  if (since === undefined && until === undefined) return {};
  const dateTo = until === undefined ? OPEN_END : dateRange(until).dateTo;
  return {
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until, endsOn: dateTo } : {}),
    dateFrom: since === undefined ? OPEN_START : dateRange(since).dateFrom,
    dateTo,
  };
}

export function isEventType(type: RelationType): boolean {
  const spec: RelationTypeSpec = RELATION_TYPES[type];
  return spec.event === true;
}

/** The relationship types that are events (see isEventType). */
export const EVENT_TYPE_NAMES: readonly RelationType[] = RELATION_TYPE_NAMES.filter(isEventType);

/** Ends an event's date in a fact's key; the role or share follows (see factKey). */
export const KEY_DATE_END = '|';

/** A fact's key read back: the event's date ('' for a state or an undated report) and what follows it, the role or share. */
export function keyParts(key: string): { date: string; qualifier: string } {
  const end = key.indexOf(KEY_DATE_END);
  return end < 0 ? { date: '', qualifier: key } : { date: key.slice(0, end), qualifier: key.slice(end + 1) };
}

/**
 * The part of a fact's identity beyond its type and ends (its `key`): an event's date, and the role or
 * share that tells apart two states (see IDENTIFYING_PROPERTIES), as `date|role`. A state's time is not
 * part of it.
 */
export function factKey(type: RelationType, given: { date?: string | undefined; role?: string | undefined; share?: string | undefined; regarding?: string | undefined }): string {
  return `${isEventType(type) ? (given.date ?? '') : ''}${KEY_DATE_END}${given.role ?? given.share ?? given.regarding ?? ''}`;
}
