/**
 * What the API and the compiler share about the shape of an answer: the keys under which a
 * connection's rows carry their projections, the key of a field that differs by type, and the
 * parts of each list's cursor. The resolvers read answers by these; the compiler writes them.
 */
import type { RelationOrder } from './request.ts';

/** Row keys of a connection's projections: per response key of `nodes`, and of `node` under each `edges`. */
export const ITEM_PREFIX = '__item ';
export const NODE_PREFIX = '__node ';

/** Where one response key holds different requests for different types: `key@` names the one for a node's label, `key@i` holds it. */
export const VARIANT_SEPARATOR = '@';

export type CursorShape = readonly ('string' | 'number')[];

/**
 * The parts of each list's cursor, in the order of its merged sort (see pages.ts): one key for a
 * list of one source; for facts, the type (and, in TYPE order, the direction) of the source too.
 */
export const CURSOR_SHAPES = {
  list: ['string'],
  evidence: ['number'],
  relations: { TYPE: ['string', 'number', 'string'], CORROBORATION: ['string', 'string', 'number'], DATE: ['string', 'string'] },
  timeline: ['string', 'string', 'number'],
} as const satisfies { list: CursorShape; evidence: CursorShape; relations: Record<RelationOrder, CursorShape>; timeline: CursorShape };
