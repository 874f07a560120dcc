/**
 * A reference executor for the API's schema, for differential tests: plain graphql-js resolvers over
 * the same Neo4j, one naive query per field, every order, filter, page and count worked out in
 * JavaScript from what the schema's descriptions promise, with no compiler, no index keys and no
 * cursors of the API's own (a cursor here is the position in the whole list). What it cannot work
 * out independently, it asks the same way: search ranks by the same full-text query.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import type { GraphDatabase } from '../../src/db/client.ts';
import { readTypeDefs } from '../../src/api/schema.ts';
import { fullTextQuery } from '../../src/graph/read/roots.ts';
import { dateRange, ENTITY_LABELS, FULLTEXT_INDEX, RELATION_TYPE_NAMES } from '../../src/model.ts';
import { plainFactDays, type PlainDays } from './fact-time.ts';

type Args = Record<string, any>;

interface EntityRow {
  __typename: string;
  props: Record<string, any>;
}

interface ReportRow {
  quote: string;
  source: string;
  reported: string;
  status: string;
  /** The time the article gave, as stored: `date`, `since/until`, or ''. */
  time: string;
  /** The forces and tenure it gave, as JSON. */
  details: string;
}

interface FactRow {
  type: string;
  s: string;
  o: string;
  key: string;
  props: Record<string, any>;
  evidence: ReportRow[];
  /** Every report, where `evidence` holds only those of the day asked. */
  all?: ReportRow[];
}

/** A report's time as its article gave it. */
function givenTime(time: string): { date?: string; since?: string; until?: string } {
  if (time === '') return {};
  if (!time.includes('/')) return { date: time };
  const [since, until] = time.split('/');
  return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
}

/**
 * When a fact holds, worked out from what its reports gave (all of them, whatever the day asked:
 * a state's time is the graph's now), not from what the seeder derived; null for a fact with no time.
 */
function daysOf(fact: FactRow): PlainDays | null {
  return plainFactDays(
    fact.type,
    (fact.all ?? fact.evidence).map((e) => ({ reported: e.reported, ...givenTime(e.time) })),
    fact.props.overtakenUntil ?? null,
  );
}

/** Whether a fact is over by today: overtaken, or its last day is past. */
function hasEnded(fact: FactRow): boolean {
  const today = new Date().toISOString().slice(0, 10);
  if (fact.props.overtakenBy) return true;
  const days = daysOf(fact);
  return days?.endsOn !== null && days?.endsOn !== undefined && days.endsOn < today;
}

/** The last day of an asOf argument, or null. */
const asOfDay = (args: Args): string | null => (args.asOf ? dateRange(args.asOf).dateTo : null);

/** A fact as the news stood on a day: only the evidence reported by then; null when none was. */
function asReportedBy(fact: FactRow, day: string | null): FactRow | null {
  if (day === null) return fact;
  const evidence = fact.evidence.filter((e) => e.reported <= day);
  return evidence.length > 0 ? { ...fact, evidence, all: fact.all ?? fact.evidence } : null;
}

/** The period a time filter asks about (validAt is one day, month or year), checked as the API checks it. */
function periodOf(args: Args): { since: string | null; until: string | null } {
  if (args.validAt && (args.since || args.until)) throw bad('validAt with a period');
  const since = args.validAt ? dateRange(args.validAt).dateFrom : args.since ? dateRange(args.since).dateFrom : null;
  const until = args.validAt ? dateRange(args.validAt).dateTo : args.until ? dateRange(args.until).dateTo : null;
  if (since && until && since > until) throw bad('since after until');
  return { since, until };
}

/** Whether a fact is true at some time in the period asked about, and not ended if only current facts are asked for. */
function holdsInTime(fact: FactRow, args: Args, period = periodOf(args)): boolean {
  const days = daysOf(fact);
  if (period.since && !(days && (days.last === null || days.last >= period.since))) return false;
  if (period.until && !(days && (days.first === null || days.first <= period.until))) return false;
  return !(args.current && hasEnded(fact));
}

/** What the latest report (of all, whatever the day asked) that gives a property gives, or null. */
const latestGiven = (fact: FactRow, property: string): string | null =>
  (fact.all ?? fact.evidence).reduce<string | null>((found, e) => (JSON.parse(e.details)[property] as string | undefined) ?? found, null);

/** The number of troops: the first report's that gives one, or the latest that says it corrects it. */
const troopsOf = (fact: FactRow): number | null => {
  let troops: string | null = null;
  for (const e of fact.all ?? fact.evidence) {
    const given = JSON.parse(e.details) as { troops?: string; corrects?: string[] };
    if (given.troops !== undefined && (troops === null || given.corrects?.includes('troops'))) troops = given.troops;
  }
  return troops === null ? null : Number(troops);
};

/** A fact's status: its latest report's, of those of the day asked. */
const statusOf = (fact: FactRow) => String(fact.evidence.at(-1)?.status ?? 'asserted').toUpperCase();

/** Whether a fact's status is one of those asked (all, when none are). */
const statusAsked = (fact: FactRow, args: Args) => !args.statuses?.length || args.statuses.includes(statusOf(fact));

const bad = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
const notFound = (message: string) => new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });

const cmp = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
  return 0;
};
const sortBy = <T>(items: T[], key: (item: T) => (string | number)[]) => [...items].sort((a, b) => cmp(key(a), key(b)));

function checkId(name: string, id: unknown) {
  if (typeof id === 'string' && id.length > 200) throw bad(`${name} too long`);
}

function checkFirst(first: unknown, max = 100): number {
  if (typeof first !== 'number' || first < 0 || first > max) throw bad('first out of range');
  return first;
}

/** A page of a list: the reference's cursor is the position in the whole list. */
function page<T>(items: T[], args: Args, cursor = (i: number) => `ref:${i}`) {
  const first = checkFirst(args.first);
  let start = 0;
  if (args.after !== null && args.after !== undefined) {
    const match = /^ref:(\d+)$/.exec(String(args.after));
    if (!match) throw bad('after is not a cursor');
    start = Number(match[1]) + 1;
  }
  const slice = items.slice(start, start + first).map((item, i) => ({ item, cursor: cursor(start + i) }));
  return {
    edges: slice.map(({ item, cursor: c }) => ({ cursor: c, node: item })),
    nodes: slice.map(({ item }) => item),
    pageInfo: { hasNextPage: start + first < items.length, hasPreviousPage: args.after != null, startCursor: slice[0]?.cursor ?? null, endCursor: slice.at(-1)?.cursor ?? null },
    totalCount: items.length,
  };
}

/**
 * The reference answers over a graph that does not change while it is asked (its caller loads the
 * graph first, then only reads), so each distinct read runs once, however many answers ask it: read
 * anew for every mention, entities alone were 1,344 of the differential test's 2,091 reads in one run.
 */
export function referenceSchema(db: GraphDatabase): GraphQLSchema {
  const answered = new Map<string, Promise<unknown[]>>();
  const read = async <T = any>(cypher: string, params: Record<string, unknown> = {}): Promise<T[]> => {
    const key = `${cypher}\u0000${JSON.stringify(params)}`;
    let rows = answered.get(key);
    if (!rows) {
      rows = db.read('reference', (tx) => tx.query(cypher, params));
      answered.set(key, rows);
      // A failed read is not kept: the next ask reads again.
      rows.catch(() => answered.delete(key));
    }
    // Callers may sort what they get; the rows themselves are never changed.
    return [...((await rows) as T[])];
  };

  const entityById = async (id: string): Promise<EntityRow | null> => {
    const [row] = await read(`MATCH (n:Entity {id: $id}) RETURN n {.*, date: toString(n.date)} AS props, [l IN labels(n) WHERE l <> 'Entity'][0] AS label`, { id });
    return row ? { __typename: row.label, props: row.props } : null;
  };
  const articleById = async (id: string) => {
    const [row] = await read(`MATCH (a:Article {id: $id}) RETURN a {.id, .title, .publisher, .path, publishedAt: toString(a.publishedAt)} AS a`, { id });
    return row?.a ?? null;
  };
  const FACT_RETURN =
    `RETURN type(r) AS type, startNode(r).id AS s, endNode(r).id AS o, r.key AS key, r {.role, .share, .regarding, .overtakenBy, .overtakenUntil} AS props, ` +
    `[i IN range(0, size(r.evidence) - 1) | {quote: r.evidence[i], source: r.sources[i], reported: toString(r.reported[i]), status: r.statuses[i], time: r.times[i], details: r.details[i], attributedTo: r.attributions[i]}] AS evidence`;
  const facts = async (where: string, params: Record<string, unknown>): Promise<FactRow[]> =>
    read(`MATCH (x:Entity)-[r]->(y:Entity) WHERE type(r) IN $types AND ${where} ${FACT_RETURN}`, { types: RELATION_TYPE_NAMES, ...params });

  /** The entities one fact of these types away from the frontier, over facts true in the time asked and reported by the day asked. */
  async function neighboursOf(frontier: string[], types: string[], args: Args, period: ReturnType<typeof periodOf>): Promise<string[]> {
    const rows = await facts('(x.id IN $frontier OR y.id IN $frontier) AND type(r) IN $kept', { frontier, kept: types });
    const inFrontier = new Set(frontier);
    return rows.flatMap((fact) => {
      const reported = asReportedBy(fact, asOfDay(args));
      if (!reported || !holdsInTime(reported, args, period)) return [];
      return [...(inFrontier.has(fact.s) ? [fact.o] : []), ...(inFrontier.has(fact.o) ? [fact.s] : [])];
    });
  }

  /** Facts kept by a filter; in the order the schema describes. */
  function listFacts(stored: FactRow[], args: Args, anchor: { id: string } | { subject: string | null; object: string | null }) {
    const period = periodOf(args);
    const { since, until } = period;
    const rows = stored.flatMap((fact) => asReportedBy(fact, asOfDay(args)) ?? []);
    const anchored = 'id' in anchor || anchor.subject !== null || anchor.object !== null;
    const order = args.orderBy ?? (!anchored && (since || until) ? 'DATE' : 'TYPE');
    if (order === 'DATE' && anchored) throw bad('DATE needs the whole graph');
    if (order === 'CORROBORATION' && !anchored) throw bad('CORROBORATION needs an entity');
    if (order === 'CORROBORATION' && args.asOf) throw bad('CORROBORATION ranks by what the graph holds now');
    const types: string[] = args.types?.length ? args.types : RELATION_TYPE_NAMES;
    const direction = args.direction ?? 'BOTH';
    const sides = rows.flatMap((fact) => {
      if ('id' in anchor) {
        const out = fact.s === anchor.id && direction !== 'IN' ? [{ fact, dir: 0, other: fact.o }] : [];
        const inn = fact.o === anchor.id && direction !== 'OUT' ? [{ fact, dir: 1, other: fact.s }] : [];
        return [...out, ...inn];
      }
      if (anchor.subject && fact.s !== anchor.subject) return [];
      if (anchor.object && fact.o !== anchor.object) return [];
      // The whole graph's facts go by subject, then object.
      return anchor.subject ? [{ fact, dir: 0, other: fact.o }] : anchor.object ? [{ fact, dir: 1, other: fact.s }] : [{ fact, dir: 0, other: `${fact.s} ${fact.o}` }];
    });
    const kept = sides.filter(({ fact }) => {
      if (!types.includes(fact.type)) return false;
      if (order === 'DATE' && !daysOf(fact)) return false;
      return holdsInTime(fact, args, period) && statusAsked(fact, args);
    });
    const sources = (fact: FactRow) => new Set(fact.evidence.map((e) => e.source)).size;
    // An entity's facts of a period: by type and direction, then latest beginning first.
    const byTime = 'id' in anchor && (since || until);
    const sorted =
      order === 'TYPE' && byTime
        ? sortBy(kept, ({ fact, dir, other }) => [fact.type, dir]).sort(
            (a, b) => cmp([a.fact.type, a.dir], [b.fact.type, b.dir]) || cmp([daysOf(b.fact)!.first ?? '', b.other, b.fact.key], [daysOf(a.fact)!.first ?? '', a.other, a.fact.key]),
          )
        : order === 'TYPE'
        ? sortBy(kept, ({ fact, dir, other }) => [fact.type, dir, other, fact.key])
        : order === 'CORROBORATION'
          ? sortBy(kept, ({ fact, other, dir }) => [-sources(fact) + 1e6, other, fact.key, fact.type, dir])
          : sortBy(kept, ({ fact }) => [daysOf(fact)!.first ?? '', fact.s, fact.o, fact.key, fact.type]);
    return page(
      sorted.map(({ fact }) => fact),
      args,
    );
  }

  const evidenceOf = (fact: FactRow) => sortBy(fact.evidence, (e) => [e.reported]);
  const factFields = {
    sourceCount: (fact: FactRow) => new Set(fact.evidence.map((e) => e.source)).size,
    evidence: (fact: FactRow, args: Args) => page(evidenceOf(fact), args),
  };

  const entityFields = {
    id: (n: EntityRow) => n.props.id,
    name: (n: EntityRow) => n.props.name,
    aliases: (n: EntityRow) => n.props.aliases ?? [],
    kind: (n: EntityRow) => n.__typename.toUpperCase(),
    description: (n: EntityRow) => n.props.description ?? null,
    relations: async (n: EntityRow, args: Args) => listFacts(await facts('(x.id = $id OR y.id = $id)', { id: n.props.id }), args, { id: n.props.id }),
    mentionedIn: async (n: EntityRow, args: Args) => {
      const rows = await read(`MATCH (a:Article)-[m:MENTIONS]->(:Entity {id: $id}) RETURN a.id AS article, toString(a.publishedAt) AS at, m.evidence[0] AS quote`, { id: n.props.id });
      return page(
        sortBy(rows, (r) => [r.at, r.article]).reverse(),
        args,
      );
    },
  };
  /** The entities one relationship type leads to from an entity (or from it to the entity), each once, in id order. */
  const related = (type: string, dir: 'OUT' | 'IN') => async (n: EntityRow, args: Args) => {
    const rows = await facts(dir === 'OUT' ? 'x.id = $id' : 'y.id = $id', { id: n.props.id });
    const ids = [...new Set(rows.filter((f) => f.type === type).map((f) => (dir === 'OUT' ? f.o : f.s)))].sort();
    const first = args.first === undefined ? ids.length : checkFirst(args.first);
    return Promise.all(ids.slice(0, first).map((id) => entityById(id)));
  };
  const factList = (type: string, dir: 'OUT' | 'IN') => async (n: EntityRow, args: Args) => {
    const rows = await facts(dir === 'OUT' ? 'x.id = $id' : 'y.id = $id', { id: n.props.id });
    return page(
      sortBy(
        rows.filter((f) => f.type === type && statusAsked(f, args)),
        (f) => [dir === 'OUT' ? f.o : f.s, f.key],
      ),
      args,
    );
  };
  const statements = async (n: EntityRow, args: Args) => {
    const connection = await factList('SAID', 'OUT')(n, args);
    const resolve = async (f: FactRow) => entityById(f.o);
    return { ...connection, edges: await Promise.all(connection.edges.map(async (e) => ({ ...e, node: await resolve(e.node) }))), nodes: await Promise.all(connection.nodes.map(resolve)) };
  };
  const byType = (extra: Record<string, unknown>) => ({ ...entityFields, ...extra });

  const resolvers = {
    Date: new GraphQLScalarType({ name: 'Date', serialize: String, parseValue: (v) => v, parseLiteral: (ast: any) => ast.value }),
    Query: {
      entity: (_: unknown, args: Args) => {
        checkId('id', args.id);
        return entityById(args.id);
      },
      entities: async (_: unknown, args: Args) => {
        const label = args.kind ? ENTITY_LABELS.find((l) => l.toUpperCase() === args.kind) : 'Entity';
        const rows = await read(`MATCH (n:Entity) WHERE $label IN labels(n) RETURN n.id AS id, n.name AS name`, { label });
        const ordered = rows.map((r) => ({ key: `${r.name}\u0001${r.id}`, id: r.id as string })).sort((a, b) => cmp([a.key], [b.key]));
        const p = page(ordered, args);
        const load = (x: { id: string }) => entityById(x.id);
        return { ...p, edges: await Promise.all(p.edges.map(async (e) => ({ ...e, node: await load(e.node) }))), nodes: await Promise.all(p.nodes.map(load)) };
      },
      search: async (_: unknown, args: Args) => {
        if (args.text.length > 200) throw bad('text too long');
        const first = checkFirst(args.first);
        const quick = fullTextQuery(args.text, 1);
        const thorough = fullTextQuery(args.text, 2);
        if (!quick || first === 0) return [];
        const labels = args.kinds?.length ? ENTITY_LABELS.filter((l) => args.kinds.includes(l.toUpperCase())) : null;
        const day = asOfDay(args);
        const hits = async (query: string) => {
          const rows = await read(`CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score RETURN node.id AS id, score, labels(node) AS labels, [node.name] + coalesce(node.aliases, []) AS names`, {
            index: FULLTEXT_INDEX,
            query,
          });
          const named = day === null ? null : new Set((await read(`MATCH (a:Article)-[:MENTIONS]->(e:Entity) WHERE a.publishedAt <= date($day) RETURN DISTINCT e.id AS id`, { day })).map((r) => r.id));
          const kept = rows.filter((r) => (!labels || r.labels.some((l: string) => labels.includes(l as never))) && (!named || named.has(r.id)));
          // Named exactly (name or alias, in any case) first, then by score.
          const exact = (r: { names: string[] }) => (r.names.some((n) => n.toLowerCase() === args.text.trim().toLowerCase()) ? 0 : 1);
          return kept.sort((a, b) => exact(a) - exact(b) || b.score - a.score || cmp([a.id], [b.id])).slice(0, first);
        };
        let found = await hits(quick);
        if (found.length === 0 && thorough !== quick) found = await hits(thorough!);
        return Promise.all(found.map(async (r) => ({ entity: await entityById(r.id), score: r.score })));
      },
      relations: async (_: unknown, args: Args) => {
        checkId('subject', args.subject);
        checkId('object', args.object);
        const anchor = { subject: args.subject || null, object: args.object || null };
        const where = anchor.subject ? 'x.id = $subject' : anchor.object ? 'y.id = $object' : 'true';
        return listFacts(await facts(where, anchor), args, anchor);
      },
      timeline: async (_: unknown, args: Args) => {
        checkId('entity', args.entity);
        const since = args.since ? dateRange(args.since).dateFrom : null;
        const until = args.until ? dateRange(args.until).dateTo : null;
        if (since && until && since > until) throw bad('since after until');
        const first = checkFirst(args.first);
        if (!(await entityById(args.entity))) throw notFound('entity');
        const types: string[] = args.types?.length ? args.types : RELATION_TYPE_NAMES;
        const rows = await facts('(x.id = $id OR y.id = $id)', { id: args.entity });
        const begins = (fact: FactRow) => daysOf(fact)?.first ?? '0001-01-01';
        const kept = rows
          .filter((fact) => types.includes(fact.type) && daysOf(fact) !== null)
          .flatMap((fact) => [
            ...(fact.s === args.entity ? [{ fact, dir: 0, other: fact.o }] : []),
            ...(fact.o === args.entity ? [{ fact, dir: 1, other: fact.s }] : []),
          ])
          .filter(({ fact }) => (!since || begins(fact) >= since) && (!until || begins(fact) <= until));
        const sorted = sortBy(kept, ({ fact, dir, other }) => [begins(fact), other, fact.key, fact.type, dir]);
        return page(
          sorted.map(({ fact }) => fact),
          { ...args, first },
        );
      },
      path: async (_: unknown, args: Args) => {
        checkId('from', args.from);
        checkId('to', args.to);
        if (args.maxHops < 1 || args.maxHops > 6) throw bad('maxHops out of range');
        if (args.from === args.to) throw bad('same entity');
        if (!(await entityById(args.from))) throw notFound('from');
        if (!(await entityById(args.to))) throw notFound('to');
        const period = periodOf(args);
        let frontier = [args.from as string];
        const seen = new Set(frontier);
        for (let hops = 1; hops <= args.maxHops; hops++) {
          const next = [...new Set(await neighboursOf(frontier, RELATION_TYPE_NAMES, args, period))].filter((id) => !seen.has(id));
          if (next.includes(args.to)) return { length: hops };
          next.forEach((id) => seen.add(id));
          frontier = next;
          if (frontier.length === 0) break;
        }
        return null;
      },
      neighborhood: async (_: unknown, args: Args) => {
        checkId('id', args.id);
        if (args.hops < 1 || args.hops > 3) throw bad('hops out of range');
        if (args.first < 1 || args.first > 200) throw bad('first out of range');
        if (!(await entityById(args.id))) throw notFound('id');
        const types: string[] = args.types?.length ? args.types : RELATION_TYPE_NAMES;
        const period = periodOf(args);
        // Entities by distance; the relationships reached by are those with an end nearer than hops.
        const reached = new Set<string>([args.id]);
        const inner: string[] = [];
        let frontier = [args.id as string];
        for (let hop = 1; hop <= args.hops && frontier.length > 0; hop++) {
          inner.push(...frontier);
          frontier = [...new Set(await neighboursOf(frontier, types, args, period))].filter((id) => !reached.has(id));
          frontier.forEach((id) => reached.add(id));
        }
        // Nearest first: the centre, then ring by ring.
        const ids = [...reached].slice(0, args.first);
        const edges = (await facts('x.id IN $ids AND y.id IN $ids AND (x.id IN $inner OR y.id IN $inner) AND type(r) IN $kept', { ids, inner, kept: types })).flatMap(
          (fact) => {
            const reported = asReportedBy(fact, asOfDay(args));
            return reported && holdsInTime(reported, args, period) ? [reported] : [];
          },
        );
        return { nodes: await Promise.all(ids.map(entityById)), edges, truncated: reached.size > args.first || edges.length > 500 };
      },
      offers: async (_: unknown, args: Args) => {
        checkId('by', args.by);
        checkId('rejectedBy', args.rejectedBy);
        const by = args.by || null;
        const rejectedBy = args.rejectedBy || null;
        let ordered: string[];
        if (!by && !rejectedBy) {
          const rows = await read(`MATCH (o:Offer) RETURN o.id AS id, o.name AS name`);
          ordered = rows.sort((a, b) => cmp([`${a.name}\u0001${a.id}`], [`${b.name}\u0001${b.id}`])).map((r) => r.id);
        } else {
          const type = by ? 'MADE' : 'REJECTED';
          const made = (await facts('x.id = $maker AND y:Offer', { maker: by ?? rejectedBy })).filter((f) => f.type === type);
          const rejected = by && rejectedBy ? new Set((await facts('x.id = $r AND y:Offer', { r: rejectedBy })).filter((f) => f.type === 'REJECTED').map((f) => f.o)) : null;
          ordered = [...new Set(made.filter((f) => !rejected || rejected.has(f.o)).map((f) => f.o))].sort();
        }
        const p = page(ordered, args);
        return { ...p, edges: await Promise.all(p.edges.map(async (e) => ({ ...e, node: await entityById(e.node) }))), nodes: await Promise.all(p.nodes.map(entityById)) };
      },
      articles: async (_: unknown, args: Args) => {
        const day = asOfDay(args);
        const rows = (await read(`MATCH (a:Article) RETURN a.id AS id, toString(a.publishedAt) AS at`)).filter((r) => day === null || r.at <= day);
        const p = page(
          sortBy(rows, (r) => [r.at, r.id]).reverse(),
          args,
        );
        return { ...p, edges: await Promise.all(p.edges.map(async (e) => ({ ...e, node: await articleById(e.node.id) }))), nodes: await Promise.all(p.nodes.map((r) => articleById(r.id))) };
      },
      article: (_: unknown, args: Args) => {
        checkId('id', args.id);
        return articleById(args.id);
      },
    },
    Entity: { __resolveType: (n: EntityRow) => n.__typename },
    Person: byType({ statements }),
    Country: byType({ code: (n: EntityRow) => n.props.code, statements, troopsContributedTo: factList('CONTRIBUTES_TROOPS_TO', 'OUT') }),
    Organization: byType({ category: (n: EntityRow) => n.props.kind, statements, troopContributors: factList('CONTRIBUTES_TROOPS_TO', 'IN') }),
    Place: byType({ category: (n: EntityRow) => n.props.kind }),
    Event: byType({ category: (n: EntityRow) => n.props.kind, date: (n: EntityRow) => n.props.date ?? null }),
    Offer: byType({
      category: (n: EntityRow) => n.props.kind,
      by: related('MADE', 'IN'),
      to: related('TO', 'OUT'),
      rejectedBy: related('REJECTED', 'IN'),
      acceptedBy: related('ACCEPTED', 'IN'),
    }),
    Statement: byType({
      quote: (n: EntityRow) => n.props.quote,
      form: (n: EntityRow) => String(n.props.form).toUpperCase(),
      speaker: async (n: EntityRow) => (await related('SAID', 'IN')(n, { first: 1 }))[0] ?? null,
      about: related('ABOUT', 'OUT'),
    }),
    Work: byType({ category: (n: EntityRow) => n.props.kind, authors: related('AUTHORED', 'IN') }),
    Relation: {
      type: (f: FactRow) => f.type,
      subject: (f: FactRow) => entityById(f.s),
      object: (f: FactRow) => entityById(f.o),
      date: (f: FactRow) => daysOf(f)?.date ?? null,
      datePrecision: (f: FactRow) => {
        const date = daysOf(f)?.date;
        return date ? dateRange(date).datePrecision.toUpperCase() : null;
      },
      since: (f: FactRow) => daysOf(f)?.since ?? null,
      until: (f: FactRow) => daysOf(f)?.until ?? f.props.overtakenUntil ?? null,
      status: statusOf,
      role: (f: FactRow) => f.props.role ?? null,
      share: (f: FactRow) => f.props.share ?? null,
      regarding: (f: FactRow) => f.props.regarding ?? null,
      troops: troopsOf,
      forces: (f: FactRow) => latestGiven(f, 'forces'),
      tenure: (f: FactRow) => latestGiven(f, 'tenure'),
      firstReported: (f: FactRow) => evidenceOf(f)[0]?.reported ?? null,
      lastReported: (f: FactRow) => evidenceOf(f).at(-1)?.reported ?? null,
      ...factFields,
    },
    TroopContribution: {
      country: (f: FactRow) => entityById(f.s),
      force: (f: FactRow) => entityById(f.o),
      forces: (f: FactRow) => latestGiven(f, 'forces'),
      troops: troopsOf,
      status: statusOf,
      since: (f: FactRow) => daysOf(f)?.since ?? null,
      until: (f: FactRow) => daysOf(f)?.until ?? f.props.overtakenUntil ?? null,
      lastReported: (f: FactRow) => evidenceOf(f).at(-1)?.reported ?? null,
      ...factFields,
    },
    Evidence: {
      quote: (e: any) => e.quote,
      reported: (e: any) => e.reported,
      status: (e: any) => String(e.status).toUpperCase(),
      attributedTo: (e: any) => (e.attributedTo ? entityById(e.attributedTo) : null),
      article: (e: any) => articleById(e.source),
    },
    Article: {
      mentions: async (a: any, args: Args) => {
        const rows = await read(`MATCH (:Article {id: $id})-[:MENTIONS]->(n:Entity) RETURN n.id AS id`, { id: a.id });
        const p = page(
          sortBy(rows, (r) => [r.id]),
          args,
        );
        return { ...p, edges: await Promise.all(p.edges.map(async (e) => ({ ...e, node: await entityById(e.node.id) }))), nodes: await Promise.all(p.nodes.map((r) => entityById(r.id))) };
      },
    },
    Mention: { article: (m: any) => articleById(m.article), quote: (m: any) => m.quote },
  };
  return makeExecutableSchema({ typeDefs: readTypeDefs(), resolvers: resolvers as never });
}
