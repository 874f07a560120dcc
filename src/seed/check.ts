/**
 * The checks that look across files, and at what the graph already holds: one label per id,
 * values that agree (or say they correct), likely duplicates, and containment that never goes
 * round in a circle.
 */
import { isEventType, keyParts, type EntityLabel, type EntitySingleValued } from '../model.ts';
import { foldName } from '../names.ts';
import { addDefinition, definitionOf, disagreements, noClaims, type Claims } from './claims.ts';
import type { ParsedFile } from './parse.ts';
import { normalizeQuote } from './text.ts';
import { factIdentity, parseFactIdentity } from '../graph/keys.ts';
import { plannedEntity, type ArticlePlan, type PlannedEntity } from './plan.ts';
import type { EntityInput } from './schema.ts';
import { clip } from './text.ts';

/**
 * Looks up entities in the database: those the files refer to but do not define (e.g. defined by an
 * article loaded earlier), and those they define, whose label must stay and whose values must agree.
 * With each comes an article other than the `replaced` ones that uses it (none when only they do),
 * and the claims of what the articles other than the `replaced` ones say it is.
 */
export type ExternalEntities = (
  ids: string[],
  replaced: string[],
) => Promise<Map<string, Pick<PlannedEntity, 'label' | 'name' | 'aliases'> & { article: string | null; claims: Claims }>>;

/** For each (entity, property, value) asked, an article other than the `replaced` ones that gives the entity that value, if one does. */
export type StoredDefiners = (
  asks: { id: string; property: EntitySingleValued; value: string }[],
  replaced: string[],
) => Promise<(string | null)[]>;

/**
 * Containment relationships already in the database that lead on from these entities, leaving out
 * those that only the `replaced` articles state (their new versions are being validated).
 */
export type ExternalContainment = (type: ContainmentType, ids: string[], replaced: string[]) => Promise<{ from: string; to: string }[]>;

/** Entities in the database with a name or alias that folds to each of these keys (see `foldName`). */
export type StoredLookalikes = (keys: string[]) => Promise<{ key: string; id: string; name: string }[]>;

/** Every entity a file defines, by id, at its first definition; an id defined twice in one file, or with two labels, is a problem. */
export function collectDefinitions(
  parsed: ParsedFile[],
  loadedArticles: ReadonlyMap<string, string> | undefined,
  problems: string[],
): Map<string, { entity: EntityInput; where: string }> {
  const defined = new Map<string, { entity: EntityInput; where: string }>();
  const articleIds = new Map<string, string>();
  for (const { file, seed } of parsed) {
    const where = `${file}: article.id`;
    const earlier = articleIds.get(seed.article.id) ?? loadedArticles?.get(seed.article.id);
    if (earlier) problems.push(`${where}: article id "${seed.article.id}" is also used by ${earlier}`);
    else articleIds.set(seed.article.id, file);

    seed.entities.forEach((entity, i) => {
      const here = `${file}: entities.${i}`;
      const first = defined.get(entity.id);
      if (!first) defined.set(entity.id, { entity, where: here });
      else if (first.where.startsWith(`${file}:`)) problems.push(`${here}.id: duplicate id "${entity.id}" (first defined at ${first.where})`);
      else if (first.entity.label !== entity.label) {
        problems.push(`${here}.label: "${entity.id}" is ${aLabel(entity.label)} here but ${aLabel(first.entity.label)} at ${first.where}; ${anotherId(entity)}`);
      }
    });
  }
  return defined;
}

/** An id names one thing for good: a file may not give an id the graph holds another label. */
export function checkStoredLabels(
  defined: Map<string, { entity: EntityInput; where: string }>,
  stored: Awaited<ReturnType<ExternalEntities>>,
  problems: string[],
): void {
  for (const [id, { entity, where }] of defined) {
    const other = stored.get(id);
    if (!other || other.label === entity.label) continue;
    problems.push(
      other.article
        ? `${where}.label: "${id}" is ${aLabel(entity.label)} here but ${aLabel(other.label)} in the graph, where article "${other.article}" uses it; ${anotherId(entity)}`
        : `${where}.label: "${id}" is ${aLabel(other.label)} in the graph, used only by the articles being loaded; a label does not change in place: withdraw them first (npm run seed -- --withdraw <article id>), or ${anotherId(entity)}`,
    );
  }
}

/**
 * Articles never erase each other: an entity's value from one article may not be contradicted by
 * another, unless the later one says it corrects it (`corrects`). Each file is checked, in load
 * order, against what the graph's other articles and the files before it say.
 */
export async function checkAgreement(
  parsed: ParsedFile[],
  stored: Awaited<ReturnType<ExternalEntities>>,
  definers: StoredDefiners | undefined,
  problems: string[],
): Promise<void> {
  const claimsById = new Map<string, Claims>();
  /** Where a file of this run first gave a value: `id property value` → file and place. */
  const givenAt = new Map<string, string>();
  const found: { where: string; id: string; label: EntityLabel; property: EntitySingleValued; current: string; given: string }[] = [];
  for (const { file, seed } of parsed) {
    seed.entities.forEach((entity, i) => {
      const where = `${file}: entities.${i}`;
      const definition = definitionOf(plannedEntity(entity), seed.article.publishedAt);
      for (const property of definition.corrects) {
        if (definition.values[property] === undefined) problems.push(`${where}.corrects: corrects ${property}, but gives no ${property}`);
      }
      const claims = claimsById.get(entity.id) ?? stored.get(entity.id)?.claims ?? noClaims();
      claimsById.set(entity.id, claims);
      for (const disagreement of disagreements(claims, definition)) found.push({ where, id: entity.id, label: entity.label, ...disagreement });
      addDefinition(claims, definition);
      for (const [property, value] of Object.entries(definition.values)) {
        const key = `${entity.id} ${property} ${value}`;
        if (!givenAt.has(key)) givenAt.set(key, `${file} (article "${seed.article.id}")`);
      }
    });
  }
  if (found.length === 0) return;
  const fromGraph = found.filter((f) => !givenAt.has(`${f.id} ${f.property} ${f.current}`));
  const articles = definers && fromGraph.length > 0 ? await definers(fromGraph.map(({ id, property, current }) => ({ id, property, value: current })), parsed.map(({ seed }) => seed.article.id)) : [];
  const stating = new Map(fromGraph.map((f, i) => [f, articles[i] ? `article "${articles[i]}" in the graph` : 'the graph']));
  for (const f of found) {
    const source = givenAt.get(`${f.id} ${f.property} ${f.current}`) ?? stating.get(f)!;
    problems.push(
      `${f.where}.${f.property}: "${f.id}" has ${f.property} "${clip(f.current)}" from ${source}, but "${clip(f.given)}" here; ` +
        `if this article corrects it, add corrects: [${f.property}] to this entity; if it is another thing, ${anotherId(f)}`,
    );
  }
}

/**
 * Pairs of different ids whose names or aliases fold to the same key: among the files' entities,
 * and between them and the database's. Homonyms are real (Georgia, Jordan), so these are warnings.
 *
 * The database is asked only about names it does not already give the same id (`knownNames`):
 * a name the graph holds was checked against the graph when it was first loaded, so a hub that
 * thousands of articles define costs one look-up when its name is new, not one per article.
 */
export async function likelyDuplicates(
  defined: Map<string, { entity: EntityInput; where: string }>,
  stored: StoredLookalikes | undefined,
  knownNames: (id: string) => readonly string[] = () => [],
): Promise<string[]> {
  const byKey = new Map<string, { id: string; where: string; name: string; fresh: boolean }[]>();
  for (const [id, { entity, where }] of defined) {
    const known = new Set(knownNames(id).map(foldName));
    for (const name of new Set([entity.name, ...(entity.aliases ?? [])])) {
      const key = foldName(name);
      if (!key) continue;
      const holders = byKey.get(key) ?? [];
      if (!holders.some((h) => h.id === id)) holders.push({ id, where, name, fresh: !known.has(key) });
      byKey.set(key, holders);
    }
  }
  const warnings = new Set<string>();
  for (const holders of byKey.values()) {
    for (let i = 1; i < holders.length; i++) {
      const [a, b] = [holders[0]!, holders[i]!];
      warnings.add(`${b.where}: likely duplicate: "${b.id}" is called "${b.name}", as "${a.id}" is at ${a.where}; if they are one thing, use one id`);
    }
  }
  const fresh = [...byKey].filter(([, holders]) => holders.some((h) => h.fresh)).map(([key]) => key);
  if (stored && fresh.length > 0) {
    for (const found of await stored(fresh)) {
      if (defined.has(found.id)) continue;
      for (const holder of byKey.get(found.key) ?? []) {
        if (!holder.fresh) continue;
        warnings.add(`${holder.where}: likely duplicate: "${holder.id}" is called "${holder.name}", as "${found.id}" ("${found.name}") in the graph is; if they are one thing, use one id`);
      }
    }
  }
  return [...warnings];
}

const aLabel = (label: string) => `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

function anotherId(entity: Pick<EntityInput, 'id' | 'label'>): string {
  return `one id names one thing: give this one another, e.g. "${entity.id}-${entity.label.toLowerCase()}"`;
}

/** Relationship types that nest one thing in another, which therefore cannot lead back to where they start. */
const CONTAINMENT_TYPES = ['PART_OF', 'LOCATED_IN'] as const;
export type ContainmentType = (typeof CONTAINMENT_TYPES)[number];

interface ContainmentEdge {
  to: string;
  /** Where the seed files state it, or undefined for one already in the database. */
  where?: string;
}

/**
 * Every cycle of `type` relationships among the files and what the database already holds (except
 * what the articles being validated wrote before, which their new versions replace), reported at the
 * relationship that closes it, or if the database holds that one, at the first that a file states.
 */
async function containmentCycles(
  parsed: ParsedFile[],
  type: ContainmentType,
  external: ExternalContainment | undefined,
  reloading: ReadonlySet<string>,
): Promise<string[]> {
  const edges = new Map<string, ContainmentEdge[]>();
  const addEdge = (from: string, edge: ContainmentEdge) => {
    const list = edges.get(from) ?? [];
    list.push(edge);
    edges.set(from, list);
  };
  for (const { file, seed } of parsed) {
    seed.relations.forEach((relation, i) => {
      if (relation.type !== type || relation.from === relation.to) return;
      addEdge(relation.from, { to: relation.to, where: `${file}: relations.${i}` });
    });
  }
  if (edges.size === 0) return [];
  if (external) {
    const targets = [...new Set([...edges.values()].flat().map((edge) => edge.to))];
    for (const stored of await external(type, targets, [...reloading])) addEdge(stored.from, { to: stored.to });
  }
  const problems = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  // Iterative depth-first search: a long chain must not exhaust the call stack.
  for (const startId of edges.keys()) {
    if (state.has(startId)) continue;
    const stack: { id: string; next: number; via?: ContainmentEdge }[] = [{ id: startId, next: 0 }];
    state.set(startId, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = edges.get(top.id) ?? [];
      if (top.next >= out.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const edge = out[top.next++]!;
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const frames = stack.slice(stack.findIndex((frame) => frame.id === edge.to));
        const loop = [...frames.map((frame) => frame.id), edge.to];
        const stated = edge.where !== undefined ? edge : frames.slice(1).map((frame) => frame.via!).find((e) => e.where !== undefined);
        if (stated) problems.add(`${stated.where}: ${type} goes round in a circle: ${loop.map((id) => `"${id}"`).join(' → ')}`);
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        stack.push({ id: edge.to, next: 0, via: edge });
      }
    }
  }
  return [...problems];
}

/** Every containment circle among the files and the graph (leaving out what the files' own articles wrote before). */
export async function containmentProblems(parsed: ParsedFile[], external: ExternalContainment | undefined): Promise<string[]> {
  const reloading = new Set(parsed.map(({ seed }) => seed.article.id));
  const problems: string[] = [];
  for (const type of CONTAINMENT_TYPES) problems.push(...(await containmentCycles(parsed, type, external, reloading)));
  return problems;
}

/** A fact in the graph, as overtaking is checked against it: the articles that state it, and the later fact that overtakes it (by identity) in which articles. */
export interface StoredFact {
  sources: string[];
  overtakenBy: string | null;
  overtakenIn: string[];
  /** Each report's article, its day and what it gives in its own words (JSON, see src/graph/write/evidence.ts). */
  reports: { source: string; reported: string; details: string }[];
}

/** Facts in the graph by identity (`TYPE outKey`), for those of the identities asked that exist. */
export type ExternalFacts = (identities: string[]) => Promise<Map<string, StoredFact>>;

/** How far a chain of overtaking facts is followed looking for a circle: far beyond any real story. */
const MAX_OVERTAKING_CHAIN = 1_000;

/**
 * Every fact a file says it overtakes must exist: in a file of this run or in the graph, stated by an
 * article other than those being replaced. A fact is overtaken by one later fact at most, and
 * overtaking never goes round in a circle (through the files and what the graph holds).
 */
export async function overtakingProblems(plans: ArticlePlan[], stored: ExternalFacts | undefined): Promise<string[]> {
  const replaced = new Set(plans.map((plan) => plan.article.id));
  const planned = new Set(plans.flatMap((plan) => plan.relations.map((r) => factIdentity(r.type, r.from, r.to, r.key))));
  const links = plans.flatMap((plan) =>
    plan.relations.flatMap((r) => (r.overtakes ? [{ later: factIdentity(r.type, r.from, r.to, r.key), earlier: factIdentity(r.overtakes.type, r.overtakes.from, r.overtakes.to, r.overtakes.key), where: r.overtakes.where }] : [])),
  );
  if (links.length === 0) return [];
  const problems: string[] = [];
  const known = new Map<string, StoredFact>();
  const lookUp = async (identities: string[]) => {
    const missing = identities.filter((identity) => !known.has(identity));
    if (stored && missing.length > 0) for (const [identity, fact] of await stored(missing)) known.set(identity, fact);
  };
  const inGraph = (identity: string) => {
    const fact = known.get(identity);
    return fact && fact.sources.some((source) => !replaced.has(source)) ? fact : undefined;
  };
  await lookUp(links.map((link) => link.earlier));
  const overtaker = new Map<string, { later: string; where: string }>();
  for (const link of links) {
    const fact = inGraph(link.earlier);
    if (!planned.has(link.earlier) && !fact) {
      problems.push(`${link.where}: names no fact in these files or the graph: ${describeFact(link.earlier)}`);
      continue;
    }
    const first = overtaker.get(link.earlier);
    if (first && first.later !== link.later) problems.push(`${link.where}: ${describeFact(link.earlier)} is overtaken already, by ${describeFact(first.later)} at ${first.where}`);
    else if (fact?.overtakenBy && fact.overtakenBy !== link.later && fact.overtakenIn.some((article) => !replaced.has(article))) {
      problems.push(`${link.where}: ${describeFact(link.earlier)} is overtaken already, by ${describeFact(fact.overtakenBy)} in the graph (article "${fact.overtakenIn[0]}")`);
    }
    overtaker.set(link.earlier, { later: link.later, where: link.where });
  }
  // From the later fact, follows what overtakes it, and what overtakes that: reaching the earlier fact closes a circle.
  const overtakenIn = (fact: StoredFact) => fact.overtakenIn.some((article) => !replaced.has(article));
  for (const link of links) {
    let at: string | null = link.later;
    for (let step = 0; at !== null && step < MAX_OVERTAKING_CHAIN; step++) {
      if (at === link.earlier) {
        problems.push(`${link.where}: overtaking goes round in a circle: ${describeFact(link.earlier)} already overtakes, through the facts that overtake it, ${describeFact(link.later)}`);
        break;
      }
      const next: string | undefined = overtaker.get(at)?.later;
      if (next !== undefined) at = next;
      else {
        await lookUp([at]);
        const fact = known.get(at);
        at = fact && fact.overtakenBy && overtakenIn(fact) ? fact.overtakenBy : null;
      }
    }
  }
  return problems;
}

/** A fact's identity as a reader names it: `TYPE from → to (date, role or share)`. */
function describeFact(identity: string): string {
  const { type, subject: from, object: to, key } = parseFactIdentity(identity);
  const { date, qualifier } = keyParts(key);
  const qualifiers = [date ? `date ${date}` : '', qualifier ? `role or share "${qualifier}"` : ''].filter(Boolean).join(', ');
  return `${type} "${from}" → "${to}"${qualifiers ? ` (${qualifiers})` : ''}`;
}

/** Statements in the graph that a speaker said in these words (see statementsSaying), with an article outside `replaced` that names each. */
export type StoredStatements = (
  asks: { speaker: string; key: string }[],
  replaced: string[],
) => Promise<{ speaker: string; key: string; id: string; article: string | null }[]>;

/**
 * A remark is one statement: a statement that says what another statement of the same speaker says
 * (the same words once quotation marks, dashes and spacing are set aside), in these files or in the
 * graph, under another id, is refused with the id to give it, so that both articles corroborate one.
 */
export async function statementProblems(parsed: ParsedFile[], stored: StoredStatements | undefined): Promise<string[]> {
  const problems: string[] = [];
  const first = new Map<string, { id: string; where: string }>();
  const asks: { speaker: string; key: string; id: string; where: string }[] = [];
  for (const { file, seed } of parsed) {
    const speakers = new Map<string, string[]>();
    for (const relation of seed.relations) if (relation.type === 'SAID') speakers.set(relation.to, [...(speakers.get(relation.to) ?? []), relation.from]);
    seed.entities.forEach((entity, i) => {
      if (entity.label !== 'Statement') return;
      const key = normalizeQuote(entity.quote);
      const where = `${file}: entities.${i}`;
      for (const speaker of new Set(speakers.get(entity.id) ?? [])) {
        const earlier = first.get(`${speaker} ${key}`);
        if (earlier && earlier.id !== entity.id) problems.push(sameWords(where, entity.id, speaker, earlier.id, earlier.where));
        if (earlier) continue;
        first.set(`${speaker} ${key}`, { id: entity.id, where });
        asks.push({ speaker, key, id: entity.id, where });
      }
    });
  }
  if (stored && asks.length > 0) {
    const found = await stored(
      asks.map(({ speaker, key }) => ({ speaker, key })),
      parsed.map(({ seed }) => seed.article.id),
    );
    for (const row of found) {
      const ask = asks.find((candidate) => candidate.speaker === row.speaker && candidate.key === row.key);
      if (ask && row.id !== ask.id && row.article !== null) problems.push(sameWords(ask.where, ask.id, row.speaker, row.id, `in the graph, article "${row.article}"`));
    }
  }
  return problems;
}

function sameWords(where: string, id: string, speaker: string, other: string, otherWhere: string): string {
  return (
    `${where}: statement "${id}" says what "${speaker}" said in statement "${other}" (${otherWhere}), once quotation marks and dashes are set aside: ` +
    `give it the id "${other}", so that the remark is one statement that both articles corroborate`
  );
}

/**
 * A single value of a fact (its number of troops) is given once: a later report that gives another
 * number must say it corrects it (`corrects: [troops]`). Reports are taken in publication order,
 * those of the files with those the graph holds from other articles; the first value stands until a
 * correction replaces it.
 */
export async function singleValueProblems(plans: ArticlePlan[], stored: ExternalFacts | undefined): Promise<string[]> {
  const replaced = new Set(plans.map((plan) => plan.article.id));
  interface Given {
    value: string;
    corrects: boolean;
    article: string;
    reported: string;
    where?: string;
  }
  const byFact = new Map<string, Given[]>();
  for (const plan of plans) {
    plan.relations.forEach((relation) => {
      const value = relation.properties.troops;
      if (value === undefined) return;
      const identity = factIdentity(relation.type, relation.from, relation.to, relation.key);
      const given = { value, corrects: relation.report.corrects?.includes('troops') === true, article: plan.article.id, reported: plan.article.publishedAt, where: `${plan.file}: ${relationPlace(plan, relation)}.troops` };
      byFact.set(identity, [...(byFact.get(identity) ?? []), given]);
    });
  }
  if (byFact.size === 0) return [];
  const inGraph = stored ? await stored([...byFact.keys()]) : new Map<string, StoredFact>();
  const problems: string[] = [];
  for (const [identity, fromFiles] of byFact) {
    const fromGraph: Given[] = (inGraph.get(identity)?.reports ?? []).flatMap(({ source, reported, details }) => {
      const given = JSON.parse(details) as { troops?: string; corrects?: string[] };
      return given.troops === undefined || replaced.has(source) ? [] : [{ value: given.troops, corrects: given.corrects?.includes('troops') === true, article: source, reported }];
    });
    const all = [...fromGraph, ...fromFiles].sort((a, b) => (a.reported < b.reported ? -1 : a.reported > b.reported ? 1 : a.article < b.article ? -1 : a.article > b.article ? 1 : 0));
    let current: Given | undefined;
    for (const given of all) {
      if (current === undefined || given.corrects) current = given;
      else if (given.value !== current.value && given.where) {
        problems.push(
          `${given.where}: ${describeFact(identity)} has ${current.value} troops from article "${current.article}"${current.where ? ` (${current.where})` : ' in the graph'}, ` +
            `but ${given.value} here; if this article corrects it, add corrects: [troops]`,
        );
      }
    }
  }
  return problems;
}

/**
 * An article that reports an event with no date and the same event (type, ends, role) with one: the
 * undated report joins the dated event where it is the only one (see src/graph/write/joining.ts),
 * which is wrong if the article means another event. A warning, naming both, so the reader gives it its date.
 */
export function undatedBesideDated(plans: ArticlePlan[]): string[] {
  return plans.flatMap((plan) => {
    const dated = new Map<string, ArticlePlan['relations'][number]>();
    for (const relation of plan.relations) {
      const { date, qualifier } = keyParts(relation.key);
      if (date !== '' && isEventType(relation.type)) dated.set(factIdentity(relation.type, relation.from, relation.to, qualifier), relation);
    }
    return plan.relations.flatMap((relation) => {
      const { date, qualifier } = keyParts(relation.key);
      const beside = date === '' ? dated.get(factIdentity(relation.type, relation.from, relation.to, qualifier)) : undefined;
      if (!beside) return [];
      return [
        `${plan.file}: ${relationPlace(plan, relation)}: ${relation.type} "${relation.from}" → "${relation.to}" has no date, and ${relationPlace(plan, beside)} dates it ${keyParts(beside.key).date}: ` +
          `an undated report joins the one dated event it restates; if this is another event, give its date`,
      ];
    });
  });
}

/** Where a planned relationship is in its seed file. */
function relationPlace(plan: ArticlePlan, relation: ArticlePlan['relations'][number]): string {
  return `relations.${plan.relations.indexOf(relation)}`;
}
