/**
 * What the compiler is asked: the requested fields of a selection, per concrete type, with their
 * arguments already checked and typed at the API boundary (src/api/arguments.ts). Plain data, no
 * GraphQL: the compiler turns it into Cypher and never meets a value it has to refuse.
 */
import type { FactStatus } from '../../facts.ts';
import type { EntityLabel, RelationType } from '../../model.ts';

/**
 * Where a page starts: the position of the last item of the page before, as the list orders its
 * items (keyset pagination: a page costs the same however far into the list it is).
 */
export type Position = (string | number)[];

export interface Page {
  first: number;
  /** The position after which the page starts; null for the first page. */
  after: Position | null;
}

export type RelationOrder = 'TYPE' | 'CORROBORATION' | 'DATE';
export type Direction = 'OUT' | 'IN' | 'BOTH';

/** A filter over facts, as an entity's `relations` and the root `relations` take it. */
export interface RelationFilter {
  /** The types asked for, in the model's order; every type when none were given. */
  types: RelationType[];
  direction: Direction;
  /** The first and last day of the period (2025 → 2025-01-01 … 2025-12-31); null where open. */
  since: string | null;
  until: string | null;
  /** Only facts that have not ended: no `until` before today, not an event of the past. */
  current: boolean;
  /** As the news stood at the end of this day (YYYY-MM-DD): only evidence from articles published by then; null for all. */
  asOf: string | null;
  /** Only facts whose status (as the news stood, see asOf) is one of these; null for all. */
  statuses: FactStatus[] | null;
  order: RelationOrder;
  page: Page;
  /**
   * Whether the operation's text spells out the types and the direction (no variables): Cypher may
   * then be specialised to them, as every request of that operation asks the same.
   */
  literal: boolean;
  /**
   * Whether the operation's text spells out when the facts hold (since, until, validAt, current: no
   * variables): Cypher then tests only the bounds given, as every request of that operation gives the same.
   */
  fixedTime?: boolean;
}

/** The typed arguments of one field; each field fills in the parts it takes. */
export interface FieldArguments {
  page?: Page;
  relations?: RelationFilter;
  /** Only facts whose status is one of these (a list of facts of one type, such as troop contributions); null for all. */
  statuses?: FactStatus[] | null;
}

export interface RequestedField {
  /** The response key: the alias, or else the field name. */
  key: string;
  name: string;
  args: FieldArguments;
  /** Sub-fields by concrete type: one entry for an object type, one per possible type for an interface. */
  selection: Selection;
}

/** The fields asked of each concrete type (a GraphQL object type's name), in response order. */
export type Selection = ReadonlyMap<string, RequestedField[]>;

export const NO_SELECTION: Selection = new Map();

/** The fields of a selection over one object type (the only type it has). */
export function fieldsOfSelection(selection: Selection): RequestedField[] {
  const [only] = selection.values();
  return only ?? [];
}

/** The fields asked of a field whose type is one object type. */
export function fieldsOf(field: RequestedField): RequestedField[] {
  return fieldsOfSelection(field.selection);
}

// Root fields: each takes its own arguments.

export interface RootRelationsRequest {
  subject: string | null;
  object: string | null;
  filter: RelationFilter;
}

/** When the facts a traversal may follow hold, and how the news stood: as a relation filter takes them. */
export type TimeFilter = Pick<RelationFilter, 'since' | 'until' | 'current' | 'asOf' | 'fixedTime'>;

export interface SearchRequest {
  text: string;
  labels: EntityLabel[] | null;
  first: number;
  /** Only entities that an article published by this day (YYYY-MM-DD) names; null for all. */
  asOf: string | null;
}

export interface PathRequest {
  from: string;
  to: string;
  maxHops: number;
  time: TimeFilter;
}

export interface NeighborhoodRequest {
  id: string;
  hops: number;
  types: RelationType[] | null;
  time: TimeFilter;
  /** Entities at most, the centre included. */
  first: number;
}

export interface TimelineRequest {
  entity: string;
  /** The types asked for, in the model's order; every type when none were given. */
  types: RelationType[];
  /** The first and last day of the period in which the facts listed begin; null where open. */
  since: string | null;
  until: string | null;
  page: Page;
  /** Whether the operation's text spells out the types: Cypher may then read only theirs. */
  literal: boolean;
}

export interface ArticlesRequest {
  page: Page;
  /** Only articles published by this day (YYYY-MM-DD); null for all. */
  asOf: string | null;
}

export interface OffersRequest {
  by: string | null;
  rejectedBy: string | null;
  page: Page;
}
