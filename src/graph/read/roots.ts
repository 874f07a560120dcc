/**
 * Every root field's Cypher, one builder each: the expression whose value is the field's answer,
 * with the clauses before it that bind what it reads. queries.ts runs them; fields.ts projects what
 * each reaches; pages.ts and relations.ts read the lists.
 */
import { ARTICLE, ENTITY, FULLTEXT_INDEX, QUERY_LIMITS, RELATION_TYPE_NAMES, type EntityLabel } from '../../model.ts';
import { KEY_END } from '../keys.ts';
import { ALWAYS, allOf, FACT_TYPES, whereAll, type Cypher } from './cypher.ts';
import { article, entity, firstOfPair, projectEntities, projectRelations, relation } from './fields.ts';
import { BEYOND, connection, pageRows, paramPrefix, type Listing, type Source } from './pages.ts';
import { keyRangeCount, LISTING_KEYS, relationsConnection, traversedFacts } from './relations.ts';
import {
  fieldsOf,
  type ArticlesRequest,
  type NeighborhoodRequest,
  type OffersRequest,
  type Page,
  type PathRequest,
  type RequestedField,
  type RootRelationsRequest,
  type SearchRequest,
  type Selection,
  type TimelineRequest,
} from './request.ts';
import { entityVisible, factVisible, HIDDEN, hiddenOnly } from './visibility.ts';

/** What a root field compiles to. */
export interface Expression {
  /** What the query returns as its result. */
  expression: string;
  /** Clauses before it, which bind what the expression reads. */
  prefix?: string;
}

const { neighborhoodEdges: NEIGHBORHOOD_EDGES } = QUERY_LIMITS;

/**
 * `entity(id)`: whether the entity was found (an article that names it is visible), and its fields.
 * Matched before the answer, not in a subquery of it: Neo4j's front end goes through each part of a
 * text once for every subquery around it, and an entity's fields hold most of the text (its
 * relations' pages, their evidence). Not found, its fields are read from nothing (no CASE around
 * them: see `entity`).
 */
export function entityRoot(q: Cypher, selection: Selection, id: string): Expression {
  const n = q.variable('n');
  return {
    prefix: `OPTIONAL MATCH (${n}:${ENTITY} {id: ${q.param(id)}})${whereAll([entityVisible(q, n)])} `,
    expression: `{found: ${n} IS NOT NULL, entity: ${entity(q, n, selection)}}`,
  };
}

/** Entities in name order (of one label, or all): a range of the label's name-order index. */
export function entitiesRoot(q: Cypher, fields: RequestedField[], label: EntityLabel | null, page: Page): Expression {
  const n = q.variable('n');
  const target = label ?? ENTITY;
  const source = { pattern: `(${n}:${target})`, key: `${n}.listKey`, prefix: null, tag: [], where: [entityVisible(q, n)] };
  const expression = connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, { sources: [source], bind: [n], tagsFirst: true, page, imports: [] }, projection),
    (node) => entity(q, n, node.selection),
    () => `COUNT { (:${target}) } - ${hiddenOnly(q, target)}`,
  );
  return { expression };
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A full-text query that finds each word exactly (ranked higher) or within `edits` edits: one for
 * the first try, which is cheap; two for longer words (six letters and more) if that finds nothing,
 * as a Levenshtein automaton of two edits costs Lucene several times more. Lucene scales a fuzzy
 * match's score by how much of the word survives the edits, so short words allow fewer (or none):
 * two edits to a two-letter word match everything, all with score 0.
 */
export function fullTextQuery(text: string, widest: 1 | 2 = 2): string | undefined {
  const words = text
    .split(/\s+/)
    // Lower case, because Lucene reads AND, OR, NOT and TO in capitals as operators.
    .map((word) => word.toLowerCase().replace(LUCENE_SPECIAL, ' ').trim())
    .flatMap((word) => word.split(' '))
    .filter((word) => word.length > 0)
    .slice(0, 10);
  if (words.length === 0) return undefined;
  return words.map((word) => (word.length < 3 ? word : `(${word}^2 OR ${word}~${word.length < 6 ? 1 : widest})`)).join(' ');
}

/** `search(text)`: entities whose names or aliases match, best first; a text that is its name or alias first of all. */
export function searchRoot(q: Cypher, fields: RequestedField[], request: SearchRequest): Expression {
  const { text, labels, first, asOf } = request;
  const quick = fullTextQuery(text, 1)!;
  const thorough = fullTextQuery(text, 2)!;
  const where = whereAll([entityVisible(q, 'node', asOf === null ? undefined : q.param(asOf)), ...(labels ? [`any(label IN labels(node) WHERE label IN ${q.param(labels)})`] : [])]);
  // An entity whose name or alias is the text itself comes first: Lucene's score favours short fields, and would
  // rank a statement whose name holds the word above the force whose alias it is.
  const asked = q.param(text.trim().toLowerCase());
  const named = `(toLower(node.name) = ${asked} OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) = ${asked}))`;
  const hits = (query: string) =>
    `COLLECT { CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', ${q.param(query)}) YIELD node, score${where} ` +
    `WITH node, score, ${named} AS named ORDER BY named DESC, score DESC, node.id LIMIT toInteger(${q.param(first)}) RETURN {node: node, score: score} }`;
  // Two edits are tried only when one finds nothing (and a word is long enough to allow them).
  const widen = q.param(thorough !== quick);
  // The hits are projected once, whichever search found them: the projection is most of the Cypher Neo4j plans.
  const [hit, node] = [q.variable('hit'), q.variable('node')];
  const entries = fields.map((field) =>
    field.name === 'score'
      ? `\`${field.key}\`: ${hit}.score`
      : field.name === 'entity'
        ? `\`${field.key}\`: ${entity(q, node, field.selection)}`
        : `\`${field.key}\`: null`,
  );
  return {
    expression: `COLLECT { UNWIND found AS ${hit} WITH ${hit}, ${hit}.node AS ${node} RETURN {${entries.join(', ')}} }`,
    prefix:
      `WITH epoch, ${HIDDEN}, ${hits(quick)} AS quick ` +
      `WITH epoch, ${HIDDEN}, CASE WHEN size(quick) > 0 OR NOT ${widen} THEN quick ELSE ${hits(thorough)} END AS found `,
  };
}

/** `relations(…)`: the graph's facts, from a subject, to an object, or all, filtered and in the order asked. */
export function relationsRoot(q: Cypher, fields: RequestedField[], { subject, object, filter }: RootRelationsRequest): Expression {
  return { expression: relationsConnection(q, fields, filter, { subject, object }, relation) };
}

/**
 * An entity's timeline: its dated facts in the order they begin (then by the other end's id), those
 * that begin from `since` to `until`. Each type and direction is a range of the keys that begin with
 * the entity's id and the first day a fact covers (see keys.ts), merged by key: a hub's page costs a
 * leaf's.
 */
function timelineConnection(q: Cypher, fields: RequestedField[], request: TimelineRequest): string {
  const { entity: id, page } = request;
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  const prefix = paramPrefix(q, id);
  const types = new Set(request.types);
  // Types the operation itself leaves out need no source in its Cypher: a plan of 62 sources takes Neo4j seconds to make.
  const listed = request.literal ? RELATION_TYPE_NAMES.filter((type) => types.has(type)) : RELATION_TYPE_NAMES;
  const sources: Source[] = listed.flatMap((type) =>
    (['OUT', 'IN'] as const).map((direction) => ({
      pattern: `(${s})-[${r}:${type}]->(${e})`,
      key: `${r}.${LISTING_KEYS.TIME[direction]}`,
      prefix,
      tag: [type, direction === 'OUT' ? 0 : 1],
      where: [factVisible(q, r)],
      enabled: types.has(type),
      listed: { type, key: LISTING_KEYS.TIME[direction] },
    })),
  );
  const low = request.since ?? '';
  const high = request.until === null ? BEYOND : request.until + KEY_END;
  const outgoing = `${s}.id = ${q.param(id)}`;
  const position = {
    tags: [`type(${r})`, `CASE WHEN ${outgoing} THEN 0 ELSE 1 END`],
    rest: `substring(CASE WHEN ${outgoing} THEN ${r}.outTimeKey ELSE ${r}.inTimeKey END, size(${prefix.low}))`,
  };
  const listing: Listing = { sources, bind: [r, s, e], tagsFirst: false, page, imports: [], position, low, high };
  // Each type's range of each key, counted in one subquery each way: the types written in the operation, or those its arguments ask.
  const counted = { types: listed, asked: request.literal ? null : q.param(request.types) };
  const count = (key: 'outTimeKey' | 'inTimeKey') =>
    keyRangeCount(q, counted, key, { entity: q.param(id), low: q.param(low), high: q.param(high) }, (c) => [factVisible(q, c)]);
  return connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, listing, projection),
    (node) => relation(q, r, s, e, fieldsOf(node)),
    () => `(${count('outTimeKey')} + ${count('inTimeKey')})`,
  );
}

/** `timeline(entity)`: whether the entity is there, and its timeline. */
export function timelineRoot(q: Cypher, fields: RequestedField[], request: TimelineRequest): Expression {
  const n = q.variable('n');
  return {
    expression: `{found: EXISTS { MATCH (${n}:${ENTITY} {id: ${q.param(request.entity)}})${whereAll([entityVisible(q, n)])} }, timeline: ${timelineConnection(q, fields, request)}}`,
  };
}

/** `path(from, to)`: whether each end is there, and the shortest connection between them. */
export function pathRoot(q: Cypher, fields: RequestedField[], request: PathRequest): Expression {
  const { from, to, maxHops, time } = request;
  const followed = traversedFacts(q, 'hop', time);
  const entries = fields.map((field) => {
    switch (field.name) {
      case 'length':
        return `\`${field.key}\`: length(p)`;
      case 'nodes':
        return `\`${field.key}\`: ${projectEntities(q, 'nodes(p)', field.selection)}`;
      case 'hops':
        return `\`${field.key}\`: ${projectRelations(q, 'relationships(p)', fieldsOf(field), followed.asOf)}`;
      default:
        return `\`${field.key}\`: null`;
    }
  });
  const [f, t] = [q.variable('f'), q.variable('t')];
  // A path whose every hop is kept (nothing hidden, no time asked) takes no filter at all.
  const hops = allOf(followed.conditions);
  const ends = `{from: COUNT { MATCH (${f}:${ENTITY} {id: ${q.param(from)}})${whereAll([entityVisible(q, f)])} }, to: COUNT { MATCH (${t}:${ENTITY} {id: ${q.param(to)}})${whereAll([entityVisible(q, t)])} }}`;
  // The hop count is a validated integer: Cypher takes no parameter for a path's length bound.
  return {
    expression:
      `{ends: ${ends}, path: COLLECT { MATCH (a:${ENTITY} {id: ${q.param(from)}}), (b:${ENTITY} {id: ${q.param(to)}}) ` +
      `MATCH p = shortestPath((a)-[:${FACT_TYPES}*1..${maxHops}]-(b)) ${hops === ALWAYS ? '' : `WHERE all(hop IN relationships(p) WHERE ${hops}) `}` +
      `RETURN {${entries.join(', ')}} }[0]}`,
  };
}

/** `neighborhood(id)`: what surrounds an entity, ring by ring, ready to draw. */
export function neighborhoodRoot(q: Cypher, fields: RequestedField[], request: NeighborhoodRequest): Expression {
  const { id, hops, types, first, time } = request;
  // Only fact types, so that a path never leads through an article that mentions two entities.
  const typeFilter = types ? [`type(r) IN ${q.param(types)}`] : [];
  const followed = traversedFacts(q, 'r', time);
  const limit = q.param(first);
  // Ring by ring, nearest first: each ring reads at most one relationship more than NEIGHBORHOOD_EDGES
  // from the entities the ring before reached, stopping there, so a hub costs what any entity does;
  // the one more says that the ring was cut.
  const step = (from: string) =>
    `COLLECT { UNWIND ${from} AS y MATCH (y)-[r:${FACT_TYPES}]-(z:${ENTITY}) WHERE ${allOf(['z <> c', ...followed.conditions, ...typeFilter])} ` +
    `RETURN r LIMIT ${NEIGHBORHOOD_EDGES + 1} }`;
  const reachedBy = (ring: string, most: string) =>
    `COLLECT { UNWIND ${ring} AS r UNWIND [startNode(r), endNode(r)] AS x WITH DISTINCT x WHERE x <> c RETURN x LIMIT toInteger(${most}) }`;
  const rings: string[] = [];
  const cut: string[] = [];
  let carried = `epoch, ${HIDDEN}, c`;
  let prefix = `MATCH (c:${ENTITY} {id: ${q.param(id)}})${whereAll([entityVisible(q, 'c')])} `;
  for (let ring = 1; ring <= hops; ring++) {
    const from = ring === 1 ? '[c]' : `reached${ring - 1}`;
    prefix += `WITH ${carried}, ${step(from)} AS read${ring} `;
    prefix += `WITH ${carried}, read${ring}[..${NEIGHBORHOOD_EDGES}] AS ring${ring}, size(read${ring}) > ${NEIGHBORHOOD_EDGES} AS cut${ring} `;
    carried += `, ring${ring}, cut${ring}`;
    rings.push(`ring${ring}`);
    cut.push(`cut${ring}`);
    if (ring < hops) {
      prefix += `WITH ${carried}, ${reachedBy(`ring${ring}`, `${limit} - 1`)} AS reached${ring} `;
      carried += `, reached${ring}`;
    }
  }
  const all = rings.join(' + ');
  // One entity and one relationship more than drawn, to tell whether any were left out.
  prefix += `WITH ${carried}, ${reachedBy(all, limit)} AS others `;
  prefix += `WITH ${carried}, ${cut.join(' OR ')} OR size(others) >= ${limit} AS cut, [c] + others[..toInteger(${limit}) - 1] AS reached `;
  const wanted = new Set(fields.map((field) => field.name));
  if (wanted.has('edges') || wanted.has('truncated')) {
    prefix +=
      `WITH ${carried}, cut, reached, COLLECT { UNWIND ${all} AS rel WITH DISTINCT rel WHERE startNode(rel) IN reached AND endNode(rel) IN reached ` +
      `RETURN rel LIMIT ${NEIGHBORHOOD_EDGES + 1} } AS among `;
  }
  const entries = fields.map((field) => {
    switch (field.name) {
      case 'nodes':
        return `\`${field.key}\`: ${projectEntities(q, 'reached', field.selection)}`;
      case 'edges':
        return `\`${field.key}\`: ${projectRelations(q, `among[..${NEIGHBORHOOD_EDGES}]`, fieldsOf(field), followed.asOf)}`;
      case 'truncated':
        return `\`${field.key}\`: cut OR size(among) > ${NEIGHBORHOOD_EDGES}`;
      default:
        return `\`${field.key}\`: null`;
    }
  });
  return { expression: `{${entries.join(', ')}}`, prefix };
}

/** Offers in name order, or those one entity made (or rejected), in id order. */
export function offersRoot(q: Cypher, fields: RequestedField[], request: OffersRequest): Expression {
  return { expression: offerConnection(q, fields, request) };
}

function offerConnection(q: Cypher, fields: RequestedField[], { by, rejectedBy, page }: OffersRequest): string {
  const [r, s, o] = [q.variable('r'), q.variable('s'), q.variable('o')];
  const maker = by ?? rejectedBy;
  if (!maker) {
    const source = { pattern: `(${o}:Offer)`, key: `${o}.listKey`, prefix: null, tag: [], where: [entityVisible(q, o)] };
    return connection(
      q,
      fields,
      page,
      (projection) => pageRows(q, { sources: [source], bind: [o], tagsFirst: true, page, imports: [] }, projection),
      (node) => entity(q, o, node.selection),
      () => `COUNT { (:Offer) } - ${hiddenOnly(q, 'Offer')}`,
    );
  }
  const type = by ? 'MADE' : 'REJECTED';
  const x = q.variable('x');
  const also = by && rejectedBy ? [`EXISTS { MATCH (:${ENTITY} {id: ${q.param(rejectedBy)}})-[${x}:REJECTED]->(${o})${whereAll([factVisible(q, x)])} }`] : [];
  // An offer made (or rejected) twice by the same entity is listed and counted once.
  const where = [factVisible(q, r), ...also, firstOfPair(q, r, s, o, type, 'outKey')];
  const prefix = paramPrefix(q, maker);
  return connection(
    q,
    fields,
    page,
    (projection) =>
      pageRows(q, { sources: [{ pattern: `(${s})-[${r}:${type}]->(${o}:Offer)`, key: `${r}.outKey`, prefix, tag: [], where }], bind: [r, o], tagsFirst: true, page, imports: [] }, projection),
    (node) => entity(q, o, node.selection),
    () => `COUNT { MATCH (${s}:${ENTITY} {id: ${q.param(maker)}})-[${r}:${type}]->(${o}:Offer)${whereAll(where)} }`,
  );
}

/** `article(id)`: the article, unless it is being written. */
export function articleRoot(q: Cypher, fields: RequestedField[], id: string): Expression {
  const a = q.variable('a');
  return { expression: `COLLECT { MATCH (${a}:${ARTICLE} {id: ${q.param(id)}}) WHERE NOT ${a}.id IN ${HIDDEN} RETURN ${article(q, a, fields)} }[0]` };
}

/** The articles, newest first; as of a day, only those published by then (a range of the publication-order index). */
export function articlesRoot(q: Cypher, fields: RequestedField[], { page, asOf }: ArticlesRequest): Expression {
  const a = q.variable('a');
  const source = { pattern: `(${a}:${ARTICLE})`, key: `${a}.listKey`, prefix: null, tag: [], where: [`NOT ${a}.id IN ${HIDDEN}`] };
  const before = asOf === null ? {} : { high: asOf + KEY_END };
  const expression = connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, { sources: [source], bind: [a], tagsFirst: true, descending: true, page, imports: [], ...before }, projection),
    (node) => article(q, a, fieldsOf(node)),
    () =>
      asOf === null
        ? `COUNT { (:${ARTICLE}) } - size(${HIDDEN})`
        : `COUNT { MATCH (${a}:${ARTICLE}) WHERE ${a}.listKey < ${q.param(before.high)} AND NOT ${a}.id IN ${HIDDEN} }`,
  );
  return { expression };
}
