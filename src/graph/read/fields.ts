/**
 * What is shown of each thing a query reaches: an entity's fields, a fact's, an article's, an
 * evidence sentence's, each the map of the fields the operation asked for. Nested lists are
 * COLLECT subqueries over pages (pages.ts), counts COUNT subqueries, so an operation however
 * nested costs one round trip per root field.
 */
import { ARTICLE, ENTITY, ENTITY_PROPERTIES, ENTITY_SINGLE_VALUED, entityPropertyField, MENTIONS, type EntityPropertySpec, type EntitySingleValued, type RelationType } from '../../model.ts';
import { VARIANT_SEPARATOR } from './contract.ts';
import { allOf, CompileError, FACT_TYPES, factIdentityParts, KEY_DATE_END_LITERAL, map, projection, typename, whereAll, type Cypher } from './cypher.ts';
import { connection, connectionParts, entityPrefix, pageRows } from './pages.ts';
import { relationsConnection } from './relations.ts';
import { fieldsOf, type RequestedField, type Selection } from './request.ts';
import { evidenceDerived, factStatus, factVisible, HIDDEN, overtakingVisible, reportedBy, shownEvidence, statusAsked, unlessHidden, type AsOf } from './visibility.ts';

/** The API fields that show an entity's stored properties (the model's table), each with the property it reads. */
const PROPERTY_BY_FIELD = new Map<string, EntitySingleValued>(ENTITY_SINGLE_VALUED.map((property) => [entityPropertyField(property), property]));
/** Fields read straight from the entity node. */
const ENTITY_SCALARS = new Set(['__typename', 'id', 'aliases', 'kind', ...PROPERTY_BY_FIELD.keys()]);

function entityProperty(v: string, property: EntitySingleValued): string {
  const spec: EntityPropertySpec = ENTITY_PROPERTIES[property];
  return spec.enumeration ? `toUpper(${v}.${property})` : `${v}.${property}`;
}

/** Whether an entity's projection is plain property access, with no subquery that needs a bound variable. */
export function entityIsFlat(selection: Selection): boolean {
  return [...selection.values()].every((fields) => fields.every((f) => ENTITY_SCALARS.has(f.name)));
}

/** Entities related to `v` one hop away through one relationship type, in id order, at most `first`. */
function relatedList(q: Cypher, v: string, type: RelationType, direction: 'OUT' | 'IN', selection: Selection, first: number, single = false): string {
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  const key = direction === 'OUT' ? 'outKey' : 'inKey';
  const where = [factVisible(q, r), firstOfPair(q, r, s, e, type, key)];
  const source = { pattern: `(${s})-[${r}:${type}]->(${e})`, key: `${r}.${key}`, prefix: entityPrefix(v), tag: [], where };
  const rows = pageRows(q, { sources: [source], bind: [r, s, e], tagsFirst: true, page: { first, after: null }, imports: [v], exact: true }, [
    ['__node', entity(q, direction === 'OUT' ? e : s, selection)],
  ]);
  const list = `[row IN ${rows} | row.__node]`;
  return single ? `${list}[0]` : list;
}

/**
 * Keeps only the first visible fact of a type between two entities, in key order: two facts of one
 * type between them (an offer made twice, on two days) list the other entity once. The key of every
 * fact between the two begins with their ids, so the earlier ones are a short range of it.
 */
export function firstOfPair(q: Cypher, r: string, s: string, e: string, type: RelationType, key: 'outKey' | 'inKey'): string {
  const x = q.variable('x');
  return `NOT EXISTS { MATCH (${s})-[${x}:${type}]->(${e}) WHERE ${allOf([`${x}.${key} < ${r}.${key}`, factVisible(q, x)])} }`;
}

function listSize(field: RequestedField): number {
  return field.args.page!.first;
}

/**
 * An entity's projection: one map whose keys are every response key any type asks for. A field
 * asked of every type alike, or of some types only, is projected once (GraphQL reads only the keys
 * each type selected). Where type conditions ask different things under one key, each request is
 * projected under a key of its own and a cheap label test says which one is the node's: subqueries
 * stay out of CASE expressions, where Neo4j 5.26 fails on some of them inside a neighbourhood.
 */
export function entity(q: Cypher, v: string, selection: Selection): string {
  const byKey = new Map<string, Map<RequestedField, string[]>>();
  for (const [type, fields] of selection) {
    for (const field of fields) {
      const variants = byKey.get(field.key) ?? new Map<RequestedField, string[]>();
      variants.set(field, [...(variants.get(field) ?? []), type]);
      byKey.set(field.key, variants);
    }
  }
  const entries: [string, string][] = [['__typename', typename(v)]];
  for (const [key, variants] of byKey) {
    if (key === '__typename') continue;
    if (variants.size === 1) {
      entries.push([key, entityField(q, v, [...variants.keys()][0]!)]);
      continue;
    }
    const which = [...variants.values()].map((types, i) => `WHEN ${types.map((type) => `${v}:${type}`).join(' OR ')} THEN ${i}`);
    entries.push([`${key}${VARIANT_SEPARATOR}`, `CASE ${which.join(' ')} END`]);
    [...variants.keys()].forEach((field, i) => entries.push([`${key}${VARIANT_SEPARATOR}${i}`, entityField(q, v, field)]));
  }
  return map(entries);
}

function entityField(q: Cypher, v: string, field: RequestedField): string {
  switch (field.name) {
    case '__typename':
      return typename(v);
    case 'id':
      return `${v}.id`;
    case 'aliases':
      return `coalesce(${v}.aliases, [])`;
    case 'kind':
      return `toUpper(${typename(v)})`;
    case 'relations':
      return entityRelations(q, v, field);
    case 'mentionedIn':
      return mentionedIn(q, v, field);
    case 'statements':
      return factConnection(q, v, field, 'SAID', 'OUT', ({ e }, node) => entity(q, e, node.selection));
    case 'troopsContributedTo':
      return factConnection(q, v, field, 'CONTRIBUTES_TROOPS_TO', 'OUT', (vars, node) => troopContribution(q, vars, fieldsOf(node)));
    case 'troopContributors':
      return factConnection(q, v, field, 'CONTRIBUTES_TROOPS_TO', 'IN', (vars, node) => troopContribution(q, vars, fieldsOf(node)));
    case 'by':
      return relatedList(q, v, 'MADE', 'IN', field.selection, listSize(field));
    case 'to':
      return relatedList(q, v, 'TO', 'OUT', field.selection, listSize(field));
    case 'rejectedBy':
      return relatedList(q, v, 'REJECTED', 'IN', field.selection, listSize(field));
    case 'acceptedBy':
      return relatedList(q, v, 'ACCEPTED', 'IN', field.selection, listSize(field));
    case 'speaker':
      return relatedList(q, v, 'SAID', 'IN', field.selection, 1, true);
    case 'about':
      return relatedList(q, v, 'ABOUT', 'OUT', field.selection, listSize(field));
    case 'authors':
      return relatedList(q, v, 'AUTHORED', 'IN', field.selection, listSize(field));
    default: {
      const property = PROPERTY_BY_FIELD.get(field.name);
      if (property) return entityProperty(v, property);
      throw new CompileError(`no Cypher for Entity field ${field.name}`);
    }
  }
}

interface FactVars {
  r: string;
  s: string;
  e: string;
}

/** A connection over one type of fact of `v` in one direction, in the order of the other end's id. */
function factConnection(
  q: Cypher,
  v: string,
  field: RequestedField,
  type: RelationType,
  direction: 'OUT' | 'IN',
  project: (vars: FactVars, node: RequestedField) => string,
): string {
  const page = field.args.page!;
  const vars = { r: q.variable('r'), s: q.variable('s'), e: q.variable('e') };
  // A list that takes statuses (troop contributions) keeps the facts of those asked; with none asked, every fact.
  const statuses = field.args.statuses === undefined ? [] : [statusAsked(q, vars.r, q.param(field.args.statuses))];
  const where = [factVisible(q, vars.r), ...statuses];
  const source = {
    pattern: `(${vars.s})-[${vars.r}:${type}]->(${vars.e})`,
    key: `${vars.r}.${direction === 'OUT' ? 'outKey' : 'inKey'}`,
    prefix: entityPrefix(v),
    tag: [],
    where,
  };
  const pattern = direction === 'OUT' ? `(${v})-[${vars.r}:${type}]->()` : `(${v})<-[${vars.r}:${type}]-()`;
  const exact = `COUNT { MATCH ${pattern}${whereAll(where)} }`;
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [vars.r, vars.s, vars.e], tagsFirst: true, page, imports: [v] }, projection),
    (node) => project(vars, node),
    () => (field.args.statuses ? exact : unlessHidden(q, `COUNT { ${pattern.replace(vars.r, '')} }`, () => exact)),
  );
}

function troopContribution(q: Cypher, { r, s: country, e: force }: FactVars, fields: RequestedField[]): string {
  return projection('TroopContribution', fields, (field) => {
    switch (field.name) {
      case 'country':
        return entity(q, country, field.selection);
      case 'force':
        return entity(q, force, field.selection);
      case 'sourceCount':
      case 'lastReported':
        return evidenceDerived(q, r, field.name);
      default:
        return factField(q, r, field);
    }
  });
}

/** The fields a fact `r` shows alike as a Relation and as a TroopContribution (its evidence as of the day `asOf` holds, if given). */
function factField(q: Cypher, r: string, field: RequestedField, asOf?: AsOf): string | undefined {
  switch (field.name) {
    case 'date':
    case 'since':
    case 'role':
    case 'share':
    case 'regarding':
    case 'forces':
    case 'tenure':
      return `${r}.${field.name}`;
    case 'troops':
      return `toInteger(${r}.troops)`;
    case 'until':
      return `coalesce(${r}.until, CASE WHEN ${overtakingVisible(q, r, asOf)} THEN ${r}.overtakenUntil END)`;
    case 'overtaken':
      return overtaking(q, r, field, asOf);
    case 'status':
      return `toUpper(${factStatus(q, r, asOf)})`;
    case 'evidence':
      return evidenceConnection(q, r, field, asOf);
    default:
      return undefined;
  }
}

/** The articles that name an entity, newest first, each with the sentence where it first does. */
function mentionedIn(q: Cypher, v: string, field: RequestedField): string {
  const page = field.args.page!;
  const [m, a, e] = [q.variable('m'), q.variable('a'), q.variable('e')];
  const source = { pattern: `(${a}:${ARTICLE})-[${m}:${MENTIONS}]->(${e})`, key: `${m}.inKey`, prefix: entityPrefix(v), tag: [], where: [`NOT ${a}.id IN ${HIDDEN}`] };
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [m, a], tagsFirst: true, descending: true, page, imports: [v] }, projection),
    (node) =>
      projection('Mention', fieldsOf(node), (f) => {
        if (f.name === 'article') return article(q, a, fieldsOf(f));
        if (f.name === 'quote') return `${m}.evidence[0]`;
        return undefined;
      }),
    () => `COUNT { (${v})<-[:${MENTIONS}]-() }${q.nothingHidden ? '' : ` - size([h IN ${HIDDEN} WHERE EXISTS { (:${ARTICLE} {id: h})-[:${MENTIONS}]->(${v}) }])`}`,
  );
}

/** An article's fields; its mentions are a page of the entities it names. */
export function article(q: Cypher, a: string, fields: RequestedField[]): string {
  return projection('Article', fields, (field) => {
    switch (field.name) {
      case 'id':
      case 'title':
      case 'publisher':
      case 'path':
        return `${a}.${field.name}`;
      case 'publishedAt':
        return `toString(${a}.publishedAt)`;
      case 'mentions':
        return articleMentions(q, a, field);
      default:
        return undefined;
    }
  });
}

/** The entities an article names, in id order: read from the article's own relationships, as many as it has. */
function articleMentions(q: Cypher, a: string, field: RequestedField): string {
  const page = field.args.page!;
  const [m, e] = [q.variable('m'), q.variable('e')];
  const source = { pattern: `(${a})-[${m}:${MENTIONS}]->(${e}:${ENTITY})`, key: `${e}.id`, prefix: null, tag: [] };
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [e], tagsFirst: true, page, imports: [a] }, projection),
    (node) => entity(q, e, node.selection),
    () => `COUNT { (${a})-[:${MENTIONS}]->() }`,
  );
}

/** `evidence` and `sources` are parallel lists on the relationship: a page of them, each with its article. */
function evidenceConnection(q: Cypher, r: string, field: RequestedField, asOf?: AsOf): string {
  const page = field.args.page!;
  const offset = page.after ? Number(page.after[0]) + 1 : 0;
  const fields = fieldsOf(field);
  const parts = connectionParts(fields);
  // Positions in the visible evidence (all of it, unless articles are hidden), then in the lists.
  const [j, v] = [q.variable('j'), q.variable('v')];
  const i = `${v}[${j}]`;
  const visible = shownEvidence(q, r, asOf);
  const project = (node: RequestedField) =>
    projection('Evidence', fieldsOf(node), (f) => {
      switch (f.name) {
        case 'quote':
          return `${r}.evidence[${i}]`;
        case 'reported':
          return `toString(${r}.reported[${i}])`;
        case 'status':
          return `toUpper(${r}.statuses[${i}])`;
        case 'attributedTo': {
          const x = q.variable('x');
          return `COLLECT { MATCH (${x}:${ENTITY} {id: ${r}.attributions[${i}]}) RETURN ${entity(q, x, f.selection)} }[0]`;
        }
        case 'article': {
          const a = q.variable('a');
          return `COLLECT { MATCH (${a}:${ARTICLE} {id: ${r}.sources[${i}]}) RETURN ${article(q, a, fieldsOf(f))} }[0]`;
        }
        default:
          return undefined;
      }
    });
  const entries: [string, string][] = [];
  if (parts.wantsRows) {
    const from = `toInteger(${q.param(offset)})`;
    const until = `${from} + toInteger(${q.param(page.first + 1)})`;
    const row: [string, string][] = [['__key', `[${j}]`], ...parts.projections.map(({ key, field: node }): [string, string] => [key, project(node)])];
    // A list comprehension rather than a subquery: Neo4j plans a subquery in tens of milliseconds, an expression in far less.
    entries.push(
      [
        '__rows',
        `[${v} IN [${visible}] | [${j} IN range(${from}, CASE WHEN size(${v}) < ${until} THEN size(${v}) ELSE ${until} END - 1) | ${map(row)}]][0]`,
      ],
      ['__first', q.param(page.first)],
      ['__after', q.param(page.after !== null)],
    );
  }
  for (const f of fields) if (f.name === 'totalCount') entries.push([f.key, `size(${visible})`]);
  return map(entries);
}

/**
 * Whether `x` is the fact of this key, or holds it: an undated report of an event may be joined to
 * the one dated event it restates (see ../write/joining.ts), which then holds reports with no time.
 */
function sameFact(x: string, key: string): string {
  return `(${x}.key = ${key} OR (${key} STARTS WITH ${KEY_DATE_END_LITERAL} AND ${x}.key ENDS WITH ${key} AND '' IN ${x}.times))`;
}

/**
 * What overtook a fact: the later fact (found from its subject, by its type and key, which the
 * earlier fact keeps as `TYPE outKey`), when the earlier one ended, and the sentences that say so.
 */
function overtaking(q: Cypher, r: string, field: RequestedField, asOf?: AsOf): string {
  const [x, s, e, a, i] = [q.variable('x'), q.variable('s'), q.variable('e'), q.variable('a'), q.variable('i')];
  const later = factIdentityParts(r + '.overtakenBy');
  const fields = projection('Overtaking', fieldsOf(field), (f) => {
    switch (f.name) {
      case 'by':
        return `COLLECT { MATCH (${s}:${ENTITY} {id: ${later.subject}})-[${x}:${FACT_TYPES}]->(${e}:${ENTITY} {id: ${later.object}}) WHERE type(${x}) = ${later.type} AND ${sameFact(x, later.key)} RETURN ${relation(q, x, s, e, fieldsOf(f), asOf)} }[0]`;
      case 'until':
        return `${r}.overtakenUntil`;
      case 'evidence': {
        const project = projection('Evidence', fieldsOf(f), (g) => {
          if (g.name === 'quote') return `${r}.overtakenEvidence[${i}]`;
          if (g.name === 'reported') return `toString(${a}.publishedAt)`;
          if (g.name === 'article') return article(q, a, fieldsOf(g));
          return undefined;
        });
        const asked = asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `${a}.publishedAt`)})`;
        return `COLLECT { UNWIND range(0, size(${r}.overtakenIn) - 1) AS ${i} MATCH (${a}:${ARTICLE} {id: ${r}.overtakenIn[${i}]}) WHERE NOT ${a}.id IN ${HIDDEN}${asked} RETURN ${project} LIMIT toInteger(${q.param(listSize(f))}) }`;
      }
      default:
        return undefined;
    }
  });
  // Subqueries stay out of CASE expressions (see entity): the condition picks the rows of one that yields at most one.
  return `COLLECT { UNWIND CASE WHEN ${overtakingVisible(q, r, asOf)} THEN [1] ELSE [] END AS ${q.variable('one')} RETURN ${fields} }[0]`;
}

/** A relationship `r` from `s` to `e` (all three bound variables); its evidence as the news stood on the day `asOf` holds, if given. */
export function relation(q: Cypher, r: string, s: string, e: string, fields: RequestedField[], asOf?: AsOf): string {
  return projection('Relation', fields, (field) => {
    switch (field.name) {
      case 'type':
        return `type(${r})`;
      case 'subject':
        return entity(q, s, field.selection);
      case 'object':
        return entity(q, e, field.selection);
      case 'sourceCount':
      case 'firstReported':
      case 'lastReported':
        return evidenceDerived(q, r, field.name, asOf);
      case 'datePrecision':
        return `toUpper(${r}.datePrecision)`;
      default:
        return factField(q, r, field, asOf);
    }
  });
}

function entityRelations(q: Cypher, v: string, field: RequestedField): string {
  return relationsConnection(q, fieldsOf(field), field.args.relations!, { entity: v }, relation);
}

/**
 * The relationships of a list, in its order, each projected with its two ends. (Unwound in a
 * subquery rather than mapped with a list comprehension: Neo4j 5.26 fails on an index seek, such as
 * an evidence's article, nested in a subquery under a list comprehension.)
 */
export function projectRelations(q: Cypher, list: string, fields: RequestedField[], asOf: AsOf): string {
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  return `COLLECT { UNWIND ${list} AS ${r} WITH ${r}, startNode(${r}) AS ${s}, endNode(${r}) AS ${e} RETURN ${relation(q, r, s, e, fields, asOf)} }`;
}

/**
 * Entities of a list, in its order, each projected. Flat projections (properties only) map the list
 * directly; others unwind it in a subquery, as Neo4j 5.26 fails on some subqueries (a count over a
 * date range, a short page of related entities) under a list comprehension.
 */
export function projectEntities(q: Cypher, list: string, selection: Selection): string {
  const x = q.variable('x');
  if (entityIsFlat(selection)) return `[${x} IN ${list} | ${entity(q, x, selection)}]`;
  return `COLLECT { UNWIND ${list} AS ${x} RETURN ${entity(q, x, selection)} }`;
}
