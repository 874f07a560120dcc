/**
 * Random valid GraphQL operations over the API's schema, for differential tests: every root field,
 * inline fragments on each concrete type, one response key under different type conditions,
 * fragment spreads, @skip/@include with variables, arguments as literals or variables, nested
 * connections with `first`, and `__typename`. Built from fast-check combinators, so a failing
 * operation shrinks to a small one.
 */
import fc from 'fast-check';
import { FACT_STATUS_NAMES } from '../../src/facts.ts';
import { ENTITY_LABELS } from '../../src/model.ts';

export interface Pools {
  entityIds: string[];
  articleIds: string[];
  relationTypes: string[];
  dates: string[];
  /** Days to ask the news as of: around the articles' publication dates. */
  reported: string[];
}

export interface GeneratedOperation {
  /** The root field's text, with `$after` where its pages are walked. */
  root: string;
  /** Variables the root's arguments use, with their types and values. */
  variables: { name: string; type: string; value: unknown }[];
  /** Whether the root is a connection whose pages are walked with `$after`. */
  walks: boolean;
}

const KINDS = ENTITY_LABELS.map((label) => label.toUpperCase());
const STATUSES = FACT_STATUS_NAMES.map((status) => status.toUpperCase());
const statusList = fc.subarray(STATUSES, { minLength: 1, maxLength: 3 });
const DIRECTIVES = ['', '', '', '', ' @skip(if: $yes)', ' @skip(if: $no)', ' @include(if: $yes)', ' @include(if: $no)', ' @skip(if: true)'];

/** The fragments a spread may name, and their definitions (only those used are sent). */
export const FRAGMENTS: Record<string, string> = {
  EntityBasics: 'fragment EntityBasics on Entity { id name kind __typename }',
  CountryCode: 'fragment CountryCode on Country { code name }',
  StatementWords: 'fragment StatementWords on Statement { x: quote form }',
  RelationBasics: 'fragment RelationBasics on Relation { type subject { id } object { id __typename } }',
};

const directive = fc.constantFrom(...DIRECTIVES);
const join = (parts: string[]) => parts.filter((part) => part.length > 0).join(' ');

interface Budget {
  depth: number;
  pools: Pools;
}

const small = fc.integer({ min: 0, max: 4 });

function argList(entries: [string, string | null][]): string {
  const given = entries.filter((entry): entry is [string, string] => entry[1] !== null);
  return given.length > 0 ? `(${given.map(([name, value]) => `${name}: ${value}`).join(', ')})` : '';
}

function nestedRelationArgs(pools: Pools): fc.Arbitrary<string> {
  return fc
    .record({
      first: fc.option(small, { freq: 2 }),
      direction: fc.option(fc.constantFrom('OUT', 'IN', 'BOTH'), { freq: 2 }),
      types: fc.option(fc.subarray(pools.relationTypes, { minLength: 1, maxLength: 3 }), { freq: 2 }),
      // A period or a day (the root field tries both together, which is refused).
      time: fc.oneof(
        { weight: 2, arbitrary: fc.record({ period: fc.option(fc.tuple(fc.constantFrom(...pools.dates), fc.constantFrom(...pools.dates)), { freq: 3 }), validAt: fc.constant(null) }) },
        { weight: 1, arbitrary: fc.record({ period: fc.constant(null), validAt: fc.constantFrom(...pools.dates) }) },
      ),
      current: fc.option(fc.boolean(), { freq: 3 }),
      asOf: fc.option(fc.constantFrom(...pools.reported), { freq: 3 }),
      statuses: fc.option(statusList, { freq: 3 }),
      orderBy: fc.option(fc.constantFrom('TYPE', 'CORROBORATION'), { freq: 3 }),
    })
    // Ranking by corroboration as of a day is refused at the root, where its error is compared; nested, it is left out.
    .map(({ asOf, orderBy, ...rest }) => ({ ...rest, orderBy, asOf: orderBy === 'CORROBORATION' ? null : asOf }))
    .map(({ first, direction, types, time: { period, validAt }, current, asOf, statuses, orderBy }) => {
      const [since, until] = period ? [period[0], period[1]].sort() : [null, null];
      return argList([
        ['first', first === null ? null : String(first)],
        ['direction', direction],
        ['types', types ? `[${types.join(', ')}]` : null],
        ['since', since ? `"${since}"` : null],
        ['until', until ? `"${until}"` : null],
        ['validAt', validAt ? `"${validAt}"` : null],
        ['current', current === null ? null : String(current)],
        ['asOf', asOf ? `"${asOf}"` : null],
        ['statuses', statuses ? `[${statuses.join(', ')}]` : null],
        ['orderBy', orderBy],
      ]);
    });
}

const firstArg = fc.option(small, { freq: 2 }).map((first) => (first === null ? '' : `(first: ${first})`));
/** A list of troop contributions: first, and the statuses to keep. */
const troopArgs = fc
  .record({ first: fc.option(small, { freq: 2 }), statuses: fc.option(statusList, { freq: 3 }) })
  .map(({ first, statuses }) => argList([['first', first === null ? null : String(first)], ['statuses', statuses ? `[${statuses.join(', ')}]` : null]]));

/**
 * A field with optional alias, arguments, directive and sub-selection. Aliases name their field
 * (`nameA`), so that two fields never clash under one key; `x` is the key deliberately shared
 * across type conditions (see typeSpecific).
 */
function field(name: string, args: fc.Arbitrary<string> = fc.constant(''), sub?: fc.Arbitrary<string>, alias?: string): fc.Arbitrary<string> {
  const aliases = alias !== undefined ? fc.constant(`${alias}: `) : fc.constantFrom('', '', '', `${name.replace(/^_+/, '')}A: `);
  return fc
    .tuple(aliases, args, directive, sub ?? fc.constant(''))
    .map(([alias, a, d, s]) => `${alias}${name}${a}${d}${s ? ` { ${s} }` : ''}`);
}

function selection(fields: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc.subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) }).chain((chosen) => fc.tuple(...chosen)).map((parts) => join(parts));
}

/** At the end of the depth budget, scalars only. */
function deeper(budget: Budget): Budget {
  return { ...budget, depth: budget.depth - 1 };
}

function connectionOf(node: (budget: Budget) => fc.Arbitrary<string>, budget: Budget): fc.Arbitrary<string> {
  const inner = deeper(budget);
  return selection([
    field('totalCount'),
    field('pageInfo', fc.constant(''), selection([field('hasNextPage'), field('hasPreviousPage'), field('endCursor'), field('startCursor')])),
    field('nodes', fc.constant(''), node(inner)),
    field('edges', fc.constant(''), selection([field('cursor'), field('node', fc.constant(''), node(inner))])),
    // The same list again under another key, asking other things of the same items.
    field('nodes', fc.constant(''), node(inner), 'moreNodes'),
    field('edges', fc.constant(''), selection([field('node', fc.constant(''), node(inner))]), 'moreEdges'),
  ]);
}

function articleSelection(budget: Budget): fc.Arbitrary<string> {
  const scalars = ['id', 'title', 'publisher', 'publishedAt', 'path', '__typename'].map((name) => field(name));
  if (budget.depth <= 0) return selection(scalars);
  return selection([...scalars, field('mentions', firstArg, connectionOf(entitySelection, budget))]);
}

function evidenceSelection(budget: Budget): fc.Arbitrary<string> {
  const scalars = [field('quote'), field('reported'), field('status'), field('__typename')];
  if (budget.depth <= 0) return selection(scalars);
  return selection([...scalars, field('article', fc.constant(''), articleSelection(deeper(budget))), field('attributedTo', fc.constant(''), entitySelection(deeper(budget)))]);
}

export function relationSelection(budget: Budget): fc.Arbitrary<string> {
  const scalars = ['type', 'date', 'datePrecision', 'since', 'until', 'status', 'role', 'share', 'regarding', 'forces', 'troops', 'tenure', 'sourceCount', 'firstReported', 'lastReported', '__typename'].map((name) =>
    field(name),
  );
  if (budget.depth <= 0) return selection(scalars);
  const inner = deeper(budget);
  return selection([
    ...scalars,
    field('subject', fc.constant(''), entitySelection(inner)),
    field('object', fc.constant(''), entitySelection(inner)),
    field('evidence', firstArg, connectionOf(evidenceSelection, budget)),
    fc.constant('...RelationBasics'),
  ]);
}

function troopSelection(budget: Budget): fc.Arbitrary<string> {
  const scalars = [field('forces'), field('troops'), field('status'), field('since'), field('until'), field('sourceCount'), field('lastReported'), field('__typename')];
  if (budget.depth <= 0) return selection(scalars);
  const inner = deeper(budget);
  return selection([...scalars, field('country', fc.constant(''), entitySelection(inner, 'Country')), field('force', fc.constant(''), entitySelection(inner, 'Organization')), field('evidence', firstArg, connectionOf(evidenceSelection, budget))]);
}

/** Fields of one concrete entity type, for an inline fragment on it. */
function typeSpecific(type: string, budget: Budget): fc.Arbitrary<string>[] {
  const inner = deeper(budget);
  const nested = budget.depth > 0;
  const entityList = (name: string, only?: string) => field(name, firstArg, entitySelection(inner, only));
  switch (type) {
    case 'Country':
      return [field('code'), fc.constant('x: code'), fc.constant('...CountryCode'), ...(nested ? [field('troopsContributedTo', troopArgs, connectionOf(troopSelection, budget)), field('statements', firstArg, connectionOf((b) => entitySelection(b, 'Statement'), budget))] : [])];
    case 'Organization':
      return [field('category'), fc.constant('x: category'), ...(nested ? [field('troopContributors', troopArgs, connectionOf(troopSelection, budget))] : [])];
    case 'Person':
      return [fc.constant('x: name'), ...(nested ? [field('statements', firstArg, connectionOf((b) => entitySelection(b, 'Statement'), budget))] : [])];
    case 'Place':
    case 'Work':
      return [field('category'), fc.constant('x: category'), ...(nested && type === 'Work' ? [entityList('authors', 'Person')] : [])];
    case 'Event':
      return [field('category'), field('date')];
    case 'Offer':
      return [field('category'), ...(nested ? ['by', 'to', 'rejectedBy', 'acceptedBy'].map((name) => entityList(name)) : [])];
    case 'Statement':
      return [field('quote'), field('form'), fc.constant('x: quote'), fc.constant('...StatementWords'), ...(nested ? [field('speaker', fc.constant(''), entitySelection(inner)), entityList('about')] : [])];
    default:
      return [];
  }
}

/** An entity's selection; `only` for a field whose type is one entity type (fragments on others cannot apply). */
export function entitySelection(budget: Budget, only?: string): fc.Arbitrary<string> {
  const scalars = ['id', 'name', 'aliases', 'kind', 'description', '__typename'].map((name) => field(name));
  const fragments = ENTITY_LABELS.filter((type) => !only || type === only).map((type) =>
    fc.tuple(directive, selection(typeSpecific(type, budget))).map(([d, s]) => `... on ${type}${d} { ${s} }`),
  );
  const nested =
    budget.depth > 0
      ? [field('relations', nestedRelationArgs(budget.pools), connectionOf(relationSelection, budget)), field('mentionedIn', firstArg, connectionOf(mentionSelection, budget))]
      : [];
  const spreads = only === 'Country' ? ['...CountryCode'] : only === 'Statement' ? ['...StatementWords'] : [];
  return selection([...scalars, ...nested, ...fragments, fc.constant('...EntityBasics'), fc.constant('... { id }'), ...spreads.map((spread) => fc.constant(spread))]);
}

function mentionSelection(budget: Budget): fc.Arbitrary<string> {
  return selection([field('quote'), field('__typename'), field('article', fc.constant(''), articleSelection(deeper(budget)))]);
}

/** An argument as a literal or, sometimes, a variable of the given type. */
function argument(name: string, type: string, values: fc.Arbitrary<unknown>): fc.Arbitrary<{ text: string; variable?: { name: string; type: string; value: unknown } } | null> {
  return fc.option(
    fc.tuple(values, fc.boolean()).map(([value, asVariable]) =>
      asVariable ? { text: `${name}: $${name}`, variable: { name, type, value } } : { text: `${name}: ${literal(value, type)}` },
    ),
    { freq: 3 },
  );
}

/** The time a path or a neighbourhood may be asked: a day, current facts only, the news as of a day. */
function traversalTime(pools: Pools) {
  return [argument('validAt', 'Date', fc.constantFrom(...pools.dates)), argument('current', 'Boolean', fc.boolean()), argument('asOf', 'Date', fc.constantFrom(...pools.reported))] as const;
}

/** since and until, or validAt, or now and then both (which the API refuses). */
function timeArguments(date: fc.Arbitrary<string>) {
  const none = fc.constant(null);
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(argument('since', 'Date', date), argument('until', 'Date', date), none) },
    { weight: 3, arbitrary: fc.tuple(none, none, argument('validAt', 'Date', date)) },
    { weight: 1, arbitrary: fc.tuple(argument('since', 'Date', date), none, argument('validAt', 'Date', date)) },
  );
}

function literal(value: unknown, type: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, type.replace(/^\[|!?\]!?$/g, ''))).join(', ')}]`;
  if (/^(RelationType|EntityKind|Direction|RelationOrder|FactStatus)/.test(type.replace(/^\[/, ''))) return String(value);
  return JSON.stringify(value);
}

/** One root field with its arguments (some invalid, which both sides must refuse alike) and selection. */
export function rootOperation(pools: Pools, depth = 2): fc.Arbitrary<GeneratedOperation> {
  const budget: Budget = { depth, pools };
  const id = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pools.entityIds) }, { weight: 1, arbitrary: fc.constantFrom('no-such-entity', 'x'.repeat(201), '') });
  const first = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 5 }) }, { weight: 1, arbitrary: fc.constantFrom(100, 101, -1) });
  const date = fc.constantFrom(...pools.dates);
  const roots: fc.Arbitrary<{ name: string; args: ({ text: string; variable?: GeneratedOperation['variables'][number] } | null)[]; sub: string; connection: boolean }>[] = [
    fc.record({ name: fc.constant('entity'), args: fc.tuple(id.map((v) => ({ text: `id: ${JSON.stringify(v)}` }))), sub: entitySelection(budget), connection: fc.constant(false) }),
    fc.record({
      name: fc.constant('entities'),
      args: fc.tuple(argument('kind', 'EntityKind', fc.constantFrom(...KINDS)), argument('first', 'Int', first)),
      sub: connectionOf(entitySelection, budget),
      connection: fc.constant(true),
    }),
    fc.record({
      name: fc.constant('search'),
      args: fc.tuple(
        fc.constantFrom('iran', 'Israel', 'israeli forces', 'turkiye', 'un', 'gaza strip', 'netanyahu', 'Centcom', 'Gaza', 'E1', 'zzzz').map((text) => ({ text: `text: ${JSON.stringify(text)}` })),
        argument('kinds', '[EntityKind!]', fc.subarray(KINDS, { minLength: 1, maxLength: 3 })),
        argument('first', 'Int', first),
        argument('asOf', 'Date', fc.constantFrom(...pools.reported)),
      ),
      sub: selection([field('score'), field('entity', fc.constant(''), entitySelection(budget))]),
      connection: fc.constant(false),
    }),
    fc.record({
      name: fc.constant('relations'),
      args: fc.tuple(
        argument('types', '[RelationType!]', fc.subarray(pools.relationTypes, { minLength: 1, maxLength: 3 })),
        argument('subject', 'ID', id),
        argument('object', 'ID', id),
        timeArguments(date),
        argument('current', 'Boolean', fc.boolean()),
        argument('asOf', 'Date', fc.constantFrom(...pools.reported)),
        argument('statuses', '[FactStatus!]', statusList),
        argument('orderBy', 'RelationOrder', fc.constantFrom('TYPE', 'CORROBORATION', 'DATE')),
        argument('first', 'Int', first),
      ).map((args) => args.flat()),
      sub: connectionOf(relationSelection, budget),
      connection: fc.constant(true),
    }),
    fc.record({
      name: fc.constant('timeline'),
      // Types written out, as a timeline usually asks: each new operation with every type costs Neo4j seconds to plan.
      args: fc.tuple(
        id.map((v) => ({ text: `entity: ${JSON.stringify(v)}` })),
        argument('since', 'Date', date),
        argument('until', 'Date', date),
        fc.subarray(pools.relationTypes, { minLength: 1, maxLength: 3 }).map((types) => ({ text: `types: [${types.join(', ')}]` })),
        argument('first', 'Int', first),
      ),
      sub: connectionOf(relationSelection, budget),
      connection: fc.constant(true),
    }),
    fc.record({
      name: fc.constant('path'),
      args: fc.tuple(
        id.map((v) => ({ text: `from: ${JSON.stringify(v)}` })),
        id.map((v) => ({ text: `to: ${JSON.stringify(v)}` })),
        argument('maxHops', 'Int', fc.integer({ min: 0, max: 7 })),
        ...traversalTime(pools),
      ),
      sub: selection([field('length'), field('__typename')]),
      connection: fc.constant(false),
    }),
    fc.record({
      name: fc.constant('neighborhood'),
      args: fc.tuple(
        id.map((v) => ({ text: `id: ${JSON.stringify(v)}` })),
        argument('hops', 'Int', fc.integer({ min: 0, max: 3 })),
        argument('types', '[RelationType!]', fc.subarray(pools.relationTypes, { minLength: 1, maxLength: 4 })),
        // Only the centre, or room for every entity of a one-article graph: the cuts that are the same on any
        // side (which entities a cut between those keeps is the order the database finds them in). 0 and 201 are refused.
        argument('first', 'Int', fc.constantFrom(0, 1, 100, 200, 201)),
        ...traversalTime(pools),
      ),
      sub: selection([
        field('nodes', fc.constant(''), entitySelection(deeper(budget))),
        field('edges', fc.constant(''), relationSelection(deeper(budget))),
        field('truncated'),
      ]),
      connection: fc.constant(false),
    }),
    fc.record({
      name: fc.constant('offers'),
      args: fc.tuple(argument('by', 'ID', id), argument('rejectedBy', 'ID', id), argument('first', 'Int', first)),
      sub: connectionOf((b) => entitySelection(b, 'Offer'), budget),
      connection: fc.constant(true),
    }),
    fc.record({ name: fc.constant('articles'), args: fc.tuple(argument('first', 'Int', first), argument('asOf', 'Date', fc.constantFrom(...pools.reported))), sub: connectionOf(articleSelection, budget), connection: fc.constant(true) }),
    fc.record({
      name: fc.constant('article'),
      args: fc.tuple(fc.constantFrom(...pools.articleIds, 'no-such-article').map((v) => ({ text: `id: ${JSON.stringify(v)}` }))),
      sub: articleSelection(budget),
      connection: fc.constant(false),
    }),
  ];
  return fc.tuple(fc.oneof(...roots), fc.boolean()).map(([root, walk]) => {
    const given = root.args.filter((arg): arg is NonNullable<typeof arg> => arg !== null);
    const walks = root.connection && walk;
    const texts = given.map((arg) => arg.text);
    if (walks) texts.push('after: $after');
    const sub = walks ? `${root.sub} pageInfo { endCursor hasNextPage }` : root.sub;
    return {
      root: `${root.name}${texts.length > 0 ? `(${texts.join(', ')})` : ''} { ${sub} }`,
      variables: given.flatMap((arg) => (arg.variable ? [arg.variable] : [])),
      walks,
    };
  });
}

/** The operation's text: variables declared, and only the fragments it uses defined. */
export function operationText(operation: GeneratedOperation): string {
  const declared = operation.variables.map((v) => `$${v.name}: ${v.type}`);
  if (operation.walks) declared.push('$after: String');
  let fragments = '';
  const used = new Set<string>();
  let text = operation.root;
  for (let pass = 0; pass < 3; pass++) {
    for (const [name, definition] of Object.entries(FRAGMENTS)) {
      if (!used.has(name) && (text.includes(`...${name}`) || fragments.includes(`...${name}`))) {
        used.add(name);
        fragments += ` ${definition}`;
      }
    }
  }
  text += fragments;
  if (text.includes('$yes')) declared.push('$yes: Boolean = true');
  if (text.includes('$no')) declared.push('$no: Boolean = false');
  return `query Generated${declared.length > 0 ? `(${declared.join(', ')})` : ''} { ${operation.root} }${fragments}`;
}

export function variablesOf(operation: GeneratedOperation, after: string | null = null): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(operation.variables.map((v) => [v.name, v.value]));
  if (operation.walks) values.after = after;
  return values;
}
