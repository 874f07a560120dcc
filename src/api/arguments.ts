/**
 * Every argument a client sends is checked here, once, before any Cypher is written: root and
 * nested fields alike, into the typed values of src/graph/read/request.ts. GraphQL has already coerced
 * each value to its declared type and filled in the schema's defaults; what remains are the limits
 * (QUERY_LIMITS), cursors, periods and combinations the type system cannot express. A value refused
 * here is the client's mistake: BAD_USER_INPUT, naming the argument.
 */
import { FACT_STATUS_NAMES, type FactStatus } from '../facts.ts';
import { ENTITY_LABELS, QUERY_LIMITS, RELATION_TYPE_NAMES, dateRange, type EntityLabel, type RelationType } from '../model.ts';
import { CURSOR_SHAPES, type CursorShape } from '../graph/read/contract.ts';
import type { ArticlesRequest, Direction, FieldArguments, NeighborhoodRequest, OffersRequest, Page, PathRequest, Position, RelationFilter, RelationOrder, RootRelationsRequest, SearchRequest, TimeFilter, TimelineRequest } from '../graph/read/request.ts';

/** A value the client sent that cannot be answered; the API reports it as BAD_USER_INPUT. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

export type RawArguments = Readonly<Record<string, unknown>>;

/** Whether the operation's text spells out an argument (no variable in it): Cypher may be specialised to it. */
export type IsLiteral = (argument: string) => boolean;

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function readId(name: string, value: unknown): string {
  const id = String(value);
  if (id.length > QUERY_LIMITS.idLength) throw new InvalidArgumentError(`${name} must be at most ${QUERY_LIMITS.idLength} characters (got ${id.length})`);
  return id;
}

/** An optional id; an empty one names no entity, so it filters nothing. */
function readOptionalId(name: string, value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : readId(name, value);
}

function readInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}

/**
 * `first` and `after`; `shape` lists the kinds of the cursor's parts for the list it pages, so that
 * a cursor of another list, or a forged one, is refused rather than misread.
 */
function readPage(raw: RawArguments, shape: CursorShape): Page {
  const first = readInt('first', raw.first, 0, QUERY_LIMITS.pageSize);
  const after = raw.after;
  if (after === undefined || after === null) return { first, after: null };
  const refused = new InvalidArgumentError('after is not a cursor this API gave out for this list');
  if (typeof after !== 'string' || after.length > QUERY_LIMITS.cursorLength) throw refused;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!Array.isArray(position) || position.length !== shape.length || position.some((part, i) => typeof part !== shape[i])) throw refused;
  if (position.some((part) => typeof part === 'number' && (!Number.isInteger(part) || part < 0))) throw refused;
  return { first, after: position as Position };
}

function readLabels(kinds: unknown): EntityLabel[] | null {
  if (!Array.isArray(kinds) || kinds.length === 0) return null;
  return ENTITY_LABELS.filter((label) => kinds.includes(label.toUpperCase()));
}

function readTypes(types: unknown): RelationType[] | null {
  if (!Array.isArray(types) || types.length === 0) return null;
  return RELATION_TYPE_NAMES.filter((type) => types.includes(type));
}

/** The statuses asked for (the API's enum values, in capitals), in the model's order; null for all. */
function readStatuses(statuses: unknown): FactStatus[] | null {
  if (!Array.isArray(statuses) || statuses.length === 0) return null;
  return FACT_STATUS_NAMES.filter((status) => statuses.includes(status.toUpperCase()));
}

/**
 * A relation filter. `anchored`: the facts of one entity (a subject or an object, or the entity
 * whose field this is), which DATE order cannot list; the whole graph's facts cannot be ranked by
 * corroboration.
 */
/** The last day of `asOf` (the news as it stood then), or null where none is given. */
function readAsOf(raw: RawArguments): string | null {
  return typeof raw.asOf === 'string' ? dateRange(raw.asOf).dateTo : null;
}

/** When the facts hold (since and until, or validAt; current) and how the news stood (asOf). */
function readTime(raw: RawArguments): TimeFilter {
  const validAt = typeof raw.validAt === 'string' ? dateRange(raw.validAt) : null;
  if (validAt && (typeof raw.since === 'string' || typeof raw.until === 'string')) {
    throw new InvalidArgumentError('validAt asks for the facts true on one day (or month, or year): give it alone, or a period with since and until');
  }
  const since = validAt ? validAt.dateFrom : typeof raw.since === 'string' ? dateRange(raw.since).dateFrom : null;
  const until = validAt ? validAt.dateTo : typeof raw.until === 'string' ? dateRange(raw.until).dateTo : null;
  if (since && until && since > until) throw new InvalidArgumentError(`since (${String(raw.since)}) is after until (${String(raw.until)})`);
  return { since, until, current: raw.current === true, asOf: readAsOf(raw) };
}

function readRelationFilter(raw: RawArguments, literal: IsLiteral, anchored: boolean): RelationFilter {
  const { since, until, current, asOf } = readTime(raw);
  const dated = since !== null || until !== null;
  const order = (raw.orderBy as RelationOrder | null | undefined) ?? (!anchored && dated ? 'DATE' : 'TYPE');
  if (order === 'DATE' && anchored) {
    throw new InvalidArgumentError('orderBy DATE lists the facts of the whole graph: leave out subject and object, or order by TYPE or CORROBORATION');
  }
  if (order === 'CORROBORATION' && !anchored) throw new InvalidArgumentError('orderBy CORROBORATION lists the facts of one entity: give subject or object');
  if (order === 'CORROBORATION' && asOf !== null) {
    throw new InvalidArgumentError('orderBy CORROBORATION ranks facts by the articles the graph holds now, not as of a day: order by TYPE, or leave out asOf');
  }
  const types = readTypes(raw.types);
  return {
    types: types ?? [...RELATION_TYPE_NAMES],
    direction: (raw.direction as Direction | null | undefined) ?? 'BOTH',
    since,
    until,
    current,
    asOf,
    statuses: readStatuses(raw.statuses),
    order,
    page: readPage(raw, CURSOR_SHAPES.relations[order]),
    // Left out, the types are every type: as fixed by the operation as a list written in it.
    literal: literal('types') && literal('direction'),
    fixedTime: literal('since') && literal('until') && literal('validAt') && literal('current'),
  };
}

type NestedReader = (raw: RawArguments, literal: IsLiteral) => FieldArguments;

const list: NestedReader = (raw) => ({ page: readPage(raw, CURSOR_SHAPES.list) });
/** A short list with no cursor: the few entities one relationship type links to an offer, a statement or a work. */
const related: NestedReader = (raw) => ({ page: { first: readInt('first', raw.first, 0, QUERY_LIMITS.pageSize), after: null } });

/** The arguments of fields below the root, by `Type.field`; `Entity.field` serves every entity type. */
const NESTED: Record<string, NestedReader> = {
  'Entity.relations': (raw, literal) => ({ relations: readRelationFilter(raw, literal, true) }),
  'Entity.mentionedIn': list,
  'Person.statements': list,
  'Country.statements': list,
  'Organization.statements': list,
  'Country.troopsContributedTo': (raw) => ({ ...list(raw, () => true), statuses: readStatuses(raw.statuses) }),
  'Organization.troopContributors': (raw) => ({ ...list(raw, () => true), statuses: readStatuses(raw.statuses) }),
  'Offer.by': related,
  'Offer.to': related,
  'Offer.rejectedBy': related,
  'Offer.acceptedBy': related,
  'Statement.about': related,
  'Work.authors': related,
  'Relation.evidence': (raw) => ({ page: readPage(raw, CURSOR_SHAPES.evidence) }),
  'Overtaking.evidence': related,
  'TroopContribution.evidence': (raw) => ({ page: readPage(raw, CURSOR_SHAPES.evidence) }),
  'Article.mentions': list,
};

/** The typed arguments of a field below the root; a field that takes none gets none. */
export function readNestedArguments(type: string, field: string, isEntity: boolean, raw: RawArguments, literal: IsLiteral): FieldArguments {
  const reader = NESTED[`${type}.${field}`] ?? (isEntity ? NESTED[`Entity.${field}`] : undefined);
  return reader ? reader(raw, literal) : {};
}

/** The arguments of the root fields, each into the request its query takes. */
export const rootArguments = {
  entity: (raw: RawArguments) => readId('id', raw.id),
  article: (raw: RawArguments) => readId('id', raw.id),
  entities: (raw: RawArguments): { label: EntityLabel | null; page: Page } => ({
    label: readLabels(raw.kind === null || raw.kind === undefined ? [] : [raw.kind])?.[0] ?? null,
    page: readPage(raw, CURSOR_SHAPES.list),
  }),
  articles: (raw: RawArguments): ArticlesRequest => ({ page: readPage(raw, CURSOR_SHAPES.list), asOf: readAsOf(raw) }),
  search: (raw: RawArguments): SearchRequest => {
    const text = String(raw.text);
    if (text.length > QUERY_LIMITS.searchTextLength) throw new InvalidArgumentError(`text must be at most ${QUERY_LIMITS.searchTextLength} characters`);
    return { text, labels: readLabels(raw.kinds), first: readInt('first', raw.first, 0, QUERY_LIMITS.searchHits), asOf: readAsOf(raw) };
  },
  relations: (raw: RawArguments, literal: IsLiteral): RootRelationsRequest => {
    const subject = readOptionalId('subject', raw.subject);
    const object = readOptionalId('object', raw.object);
    return { subject, object, filter: readRelationFilter(raw, literal, subject !== null || object !== null) };
  },
  timeline: (raw: RawArguments, literal: IsLiteral): TimelineRequest => {
    const since = typeof raw.since === 'string' ? dateRange(raw.since).dateFrom : null;
    const until = typeof raw.until === 'string' ? dateRange(raw.until).dateTo : null;
    if (since && until && since > until) throw new InvalidArgumentError(`since (${String(raw.since)}) is after until (${String(raw.until)})`);
    const types = readTypes(raw.types);
    return { entity: readId('entity', raw.entity), types: types ?? [...RELATION_TYPE_NAMES], since, until, page: readPage(raw, CURSOR_SHAPES.timeline), literal: literal('types') };
  },
  path: (raw: RawArguments): PathRequest => {
    const [from, to] = [readId('from', raw.from), readId('to', raw.to)];
    if (from === to) throw new InvalidArgumentError('from and to must be different entities');
    return { from, to, maxHops: readInt('maxHops', raw.maxHops, 1, QUERY_LIMITS.pathHops), time: readTime(raw) };
  },
  neighborhood: (raw: RawArguments): NeighborhoodRequest => ({
    id: readId('id', raw.id),
    hops: readInt('hops', raw.hops, 1, QUERY_LIMITS.neighborhoodHops),
    types: readTypes(raw.types),
    first: readInt('first', raw.first, 1, QUERY_LIMITS.neighborhoodNodes),
    time: readTime(raw),
  }),
  offers: (raw: RawArguments): OffersRequest => ({
    by: readOptionalId('by', raw.by),
    rejectedBy: readOptionalId('rejectedBy', raw.rejectedBy),
    page: readPage(raw, CURSOR_SHAPES.list),
  }),
};
