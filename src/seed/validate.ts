/**
 * Reads seed files and checks everything before anything is written: the file's shape, ids,
 * references, the model's rules for each relationship type, dates, and that every piece of
 * evidence is a verbatim substring of its article. Every problem is reported at once, as
 * `file: path.to.field: message`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { dateRange, RELATION_PROPERTIES, RELATION_TYPES, type ArticleMeta, type DatePrecision, type EntityLabel, type EntitySingleValued, type RelationProperty, type RelationType } from '../model.ts';
import { ArticleTextError, readArticleText } from './article-text.ts';
import { addDefinition, definitionOf, disagreements, noClaims, type Claims } from './claims.ts';
import { seedFileSchema, type EntityInput, type SeedFile } from './schema.ts';
import { ArticleText } from './text.ts';
import { UserFacingError } from '../errors.ts';

export class SeedValidationError extends UserFacingError {
  override name = 'SeedValidationError';
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the seed data:\n${problems.join('\n')}`);
  }
}

export interface Evidence {
  quote: string;
  source: string;
}

export interface PlannedEntity {
  id: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  description?: string;
  code?: string;
  kind?: string;
  quote?: string;
  form?: 'direct' | 'reported';
  date?: string;
  /** Properties whose values here correct what earlier articles gave. */
  corrects?: EntitySingleValued[];
}

export interface PlannedRelation {
  type: RelationType;
  from: string;
  to: string;
  /** Tells apart two relationships of one type between the same two entities (e.g. two attacks). */
  key: string;
  evidence: Evidence[];
  date?: string;
  datePrecision?: DatePrecision;
  /** First and last day the date covers, for range queries: 2025-06 covers 2025-06-01 … 2025-06-30. */
  dateFrom?: string;
  dateTo?: string;
  properties: Partial<Record<RelationProperty, string>>;
}

export interface PlannedMention {
  id: string;
  evidence: Evidence;
}

export interface ArticlePlan {
  file: string;
  article: ArticleMeta;
  entities: PlannedEntity[];
  relations: PlannedRelation[];
  mentions: PlannedMention[];
  /** Entities this article relates but another one defines; the article mentions them too, so it keeps them alive. */
  references: PlannedEntity[];
}

/**
 * The version of what the seeder makes of a seed file. It is part of every file's hash, so that a
 * seeder that writes the graph differently loads every article anew once.
 */
export const SEED_FORMAT = 'entity-graph seed format 3';

/** The most rows (entities, relationships, mentions) one article may write: an article is written in one transaction. */
export const MAX_ARTICLE_ROWS = 50_000;

/** A seed file as read, before parsing: its hash tells whether it changed since it was loaded. */
export interface SeedSource {
  file: string;
  content: string;
  fileHash: string;
}

export function hashText(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

export async function readSeedSource(file: string): Promise<SeedSource> {
  const content = await readFile(file, 'utf8');
  return { file, content, fileHash: hashText(SEED_FORMAT, content) };
}

/**
 * Looks up entities in the database: those the files refer to but do not define (e.g. defined by an
 * article loaded earlier), and those they define, whose label must stay and whose values must agree.
 * With each comes an article other than the `replaced` ones that uses it (none when only they do),
 * and the tally of what the articles other than the `replaced` ones say it is.
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

export interface ValidationContext {
  entities?: ExternalEntities;
  definers?: StoredDefiners;
  lookalikes?: StoredLookalikes;
  /** Hears each likely duplicate: two ids whose names or aliases are the same once folded. */
  warn?: (warning: string) => void;
  /** Likely duplicates are problems, not warnings. */
  strict?: boolean;
  containment?: ExternalContainment;
  /** Articles loaded from seed files that are not being validated (unchanged ones), by id, with their file. */
  loadedArticles?: ReadonlyMap<string, string>;
}

interface ParsedFile {
  file: string;
  seed: SeedFile;
  text: string;
  fileHash: string;
  textHash: string;
}

export async function validateSeedFiles(files: string[], context: ValidationContext = {}): Promise<ArticlePlan[]> {
  const problems: string[] = [];
  const sources: SeedSource[] = [];
  for (const file of files) {
    try {
      sources.push(await readSeedSource(file));
    } catch (error) {
      problems.push(`${file}: cannot be read: ${(error as Error).message}`);
    }
  }
  return validateSeedSources(sources, context, problems);
}

export async function validateSeedSources(sources: SeedSource[], context: ValidationContext = {}, problems: string[] = []): Promise<ArticlePlan[]> {
  const parsed: ParsedFile[] = [];
  // Files are parsed in order; their article texts are read a few at a time, so that reading overlaps parsing.
  for (let i = 0; i < sources.length; i += PARSE_CONCURRENCY) {
    const results = await Promise.all(sources.slice(i, i + PARSE_CONCURRENCY).map((source) => parseSeedFile(source, problems)));
    for (const result of results) if (result) parsed.push(result);
  }

  // Entities are global: collect every definition first, so any file may refer to any of them.
  const defined = new Map<string, { entity: EntityInput; where: string }>();
  const articleIds = new Map<string, string>();
  for (const { file, seed } of parsed) {
    const where = `${file}: article.id`;
    const earlier = articleIds.get(seed.article.id) ?? context.loadedArticles?.get(seed.article.id);
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

  const warnings = await likelyDuplicates(defined, context.lookalikes);
  for (const warning of warnings) {
    if (context.strict) problems.push(`${warning} (--strict)`);
    else context.warn?.(warning);
  }

  // One look-up for the entities the files refer to without defining, and for those they define.
  const missing = [
    ...new Set(parsed.flatMap(({ seed }) => seed.relations.flatMap((r) => [r.from, r.to])).filter((id) => !defined.has(id))),
  ];
  const asked = [...defined.keys(), ...missing];
  const stored: Awaited<ReturnType<ExternalEntities>> =
    asked.length > 0 && context.entities ? await context.entities(asked, parsed.map(({ seed }) => seed.article.id)) : new Map();

  // An id names one thing for good: a file may not give an id the graph holds another label.
  for (const [id, { entity, where }] of defined) {
    const other = stored.get(id);
    if (!other || other.label === entity.label) continue;
    problems.push(
      other.article
        ? `${where}.label: "${id}" is ${aLabel(entity.label)} here but ${aLabel(other.label)} in the graph, where article "${other.article}" uses it; ${anotherId(entity)}`
        : `${where}.label: "${id}" is ${aLabel(other.label)} in the graph, used only by the articles being loaded; a label does not change in place: withdraw them first (npm run seed -- --withdraw <article id>), or ${anotherId(entity)}`,
    );
  }

  await checkAgreement(parsed, stored, context.definers, problems);

  const lookup = (id: string) => {
    const local = defined.get(id)?.entity;
    return local ? plannedEntity(local) : stored.get(id);
  };

  const plans = parsed.map((file) => planArticle(file, lookup, problems));
  const reloading = new Set(parsed.map(({ seed }) => seed.article.id));
  for (const type of CONTAINMENT_TYPES) problems.push(...(await containmentCycles(parsed, type, context.containment, reloading)));
  if (problems.length > 0) throw new SeedValidationError(problems);
  return plans;
}

/**
 * Articles never erase each other: an entity's value from one article may not be contradicted by
 * another, unless the later one says it corrects it (`corrects`). Each file is checked, in load
 * order, against what the graph's other articles and the files before it say.
 */
async function checkAgreement(
  parsed: ParsedFile[],
  stored: Awaited<ReturnType<ExternalEntities>>,
  definers: StoredDefiners | undefined,
  problems: string[],
): Promise<void> {
  const tallies = new Map<string, Claims>();
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
      const tally = tallies.get(entity.id) ?? stored.get(entity.id)?.claims ?? noClaims();
      tallies.set(entity.id, tally);
      for (const disagreement of disagreements(tally, definition)) found.push({ where, id: entity.id, label: entity.label, ...disagreement });
      addDefinition(tally, definition);
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
 * A name as it is compared for likely duplicates: case, accents and punctuation folded away, so
 * that "Hamas", "HAMAS" and "Ḥamās" meet, and "U.S." meets "U S".
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Pairs of different ids whose names or aliases fold to the same key: among the files' entities,
 * and between them and the database's. Homonyms are real (Georgia, Jordan), so these are warnings.
 */
async function likelyDuplicates(defined: Map<string, { entity: EntityInput; where: string }>, stored: StoredLookalikes | undefined): Promise<string[]> {
  const byKey = new Map<string, { id: string; where: string; name: string }[]>();
  for (const [id, { entity, where }] of defined) {
    for (const name of new Set([entity.name, ...(entity.aliases ?? [])])) {
      const key = foldName(name);
      if (!key) continue;
      const holders = byKey.get(key) ?? [];
      if (!holders.some((h) => h.id === id)) holders.push({ id, where, name });
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
  if (stored && byKey.size > 0) {
    for (const found of await stored([...byKey.keys()])) {
      if (defined.has(found.id)) continue;
      for (const holder of byKey.get(found.key) ?? []) {
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

const PARSE_CONCURRENCY = 32;

/** Seed files have no use for YAML aliases; a few are allowed, never enough to multiply the data. */
const MAX_YAML_ALIASES = 20;

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

async function parseSeedFile({ file, content: source, fileHash }: SeedSource, problems: string[]): Promise<ParsedFile | undefined> {
  let data: unknown;
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(source);
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
  } else {
    try {
      data = load(source, { maxAliases: MAX_YAML_ALIASES });
    } catch (error) {
      if (!(error instanceof YAMLException)) throw error;
      const at = error.mark ? `:${error.mark.line + 1}:${error.mark.column + 1}` : '';
      // Aliases are shared, never copied, but whatever reads the data may still walk every copy ("billion laughs").
      problems.push(
        /maxAliases/.test(error.reason)
          ? `${file}${at}: not valid seed data: its YAML aliases expand too far (at most ${MAX_YAML_ALIASES} aliases)`
          : `${file}${at}: not valid YAML: ${error.reason}`,
      );
      return undefined;
    }
  }
  const result = seedFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${file}: ${formatIssuePath(issue)}: ${issue.message}`);
    return undefined;
  }
  try {
    const text = await readArticleText(file, result.data.article.text);
    return { file, seed: result.data, text, fileHash, textHash: hashText(text) };
  } catch (error) {
    if (!(error instanceof ArticleTextError)) throw error;
    problems.push(`${file}: article.text: ${error.message}`);
    return undefined;
  }
}

function formatIssuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
}

type Known = Pick<PlannedEntity, 'label' | 'name' | 'aliases'> & Partial<PlannedEntity>;

function planArticle({ file, seed, text, fileHash, textHash }: ParsedFile, lookup: (id: string) => Known | undefined, problems: string[]): ArticlePlan {
  const source = seed.article.id;
  const article = new ArticleText(text);
  const verbatim = (quote: string, where: string) => {
    if (!article.includes(quote)) problems.push(`${file}: ${where}: not found verbatim in the article text: "${clip(quote)}"`);
  };

  const entities: PlannedEntity[] = seed.entities.map((entity, i) => {
    if (entity.label === 'Statement') verbatim(entity.quote, `entities.${i}.quote`);
    return plannedEntity(entity);
  });

  const relations: PlannedRelation[] = [];
  const seen = new Map<string, number>();
  seed.relations.forEach((relation, i) => {
    const where = `relations.${i}`;
    const type = relation.type as RelationType;
    const spec = RELATION_TYPES[type];
    const from = lookup(relation.from);
    const to = lookup(relation.to);
    if (!from) problems.push(`${file}: ${where}.from: unknown entity "${relation.from}"`);
    else if (!(spec.from as readonly string[]).includes(from.label)) {
      problems.push(`${file}: ${where}.from: ${type} must start at ${spec.from.join(' or ')}, but "${relation.from}" is a ${from.label}`);
    }
    if (!to) problems.push(`${file}: ${where}.to: unknown entity "${relation.to}"`);
    else if (!(spec.to as readonly string[]).includes(to.label)) {
      problems.push(`${file}: ${where}.to: ${type} must end at ${spec.to.join(' or ')}, but "${relation.to}" is a ${to.label}`);
    }
    if (relation.from === relation.to) problems.push(`${file}: ${where}: a relationship from "${relation.from}" to itself says nothing`);

    const properties: Partial<Record<RelationProperty, string>> = {};
    for (const name of RELATION_PROPERTIES) {
      const value = relation[name];
      if (value === undefined) continue;
      if (!(('properties' in spec ? spec.properties : []) as readonly string[]).includes(name)) {
        problems.push(`${file}: ${where}.${name}: ${type} has no property "${name}"`);
      }
      properties[name] = value;
    }

    const quotes = typeof relation.evidence === 'string' ? [relation.evidence] : relation.evidence;
    quotes.forEach((quote, q) => verbatim(quote, typeof relation.evidence === 'string' ? `${where}.evidence` : `${where}.evidence.${q}`));

    const key = `${relation.date ?? ''}|${properties.role ?? ''}`;
    const identity = `${relation.from} ${type} ${relation.to} ${key}`;
    const first = seen.get(identity);
    if (first !== undefined) problems.push(`${file}: ${where}: repeats relations.${first} (same type, ends, date and role); add its evidence there`);
    seen.set(identity, i);

    relations.push({
      type,
      from: relation.from,
      to: relation.to,
      key,
      evidence: [...new Set(quotes)].map((quote) => ({ quote, source })),
      ...(relation.date ? dateRange(relation.date) : {}),
      properties,
    });
  });

  // The article mentions every entity it defines or relates, at the first place it names it.
  const mentions: PlannedMention[] = [];
  const mentioned = new Set<string>();
  const mention = (id: string, terms: string[], where?: string) => {
    if (mentioned.has(id)) return;
    const found = article.firstAppearance(terms);
    if (!found) {
      if (where) problems.push(`${file}: ${where}: the article names it nowhere: none of ${terms.map((t) => `"${clip(t)}"`).join(', ')} appears in its text`);
      return;
    }
    mentioned.add(id);
    mentions.push({ id, evidence: { quote: article.sentenceAround(found.index), source } });
  };
  // A statement's quote is checked verbatim above; a missing quote is reported there, once.
  seed.entities.forEach((entity, i) =>
    entity.label === 'Statement'
      ? mention(entity.id, [entity.quote])
      : mention(entity.id, [entity.name, ...entity.aliases], `entities.${i}`),
  );
  // An entity the article relates but does not define must be named in it too: the article's mention keeps it alive.
  seed.relations.forEach((relation, i) => {
    for (const end of ['from', 'to'] as const) {
      const entity = lookup(relation[end]);
      if (entity) mention(relation[end], [entity.name, ...entity.aliases], `relations.${i}.${end}`);
    }
  });

  const meta: ArticleMeta = {
    id: seed.article.id,
    title: seed.article.title,
    publisher: seed.article.publisher,
    publishedAt: seed.article.publishedAt,
    path: seed.article.path,
    textFile: seed.article.text,
    fileHash,
    textHash,
  };
  const ownIds = new Set(entities.map((entity) => entity.id));
  const references = [...new Set(relations.flatMap((r) => [r.from, r.to]))]
    .filter((id) => !ownIds.has(id))
    .sort()
    .flatMap((id) => {
      const known = lookup(id);
      return known ? [{ id, ...known, aliases: [...known.aliases] } as PlannedEntity] : [];
    });
  const rows = entities.length + references.length + relations.length + mentions.length;
  if (rows > MAX_ARTICLE_ROWS) {
    problems.push(
      `${file}: the article writes ${rows} rows (entities, relationships and mentions); at most ${MAX_ARTICLE_ROWS} fit in the one transaction an article is written in: split it into several articles`,
    );
  }
  return { file, article: meta, entities, relations, mentions, references };
}

function plannedEntity(entity: EntityInput): PlannedEntity {
  const { label, id, name, aliases, description } = entity;
  const planned: PlannedEntity = { id, label, name, aliases: [...new Set(aliases)] };
  if (description !== undefined) planned.description = description;
  if ('code' in entity) planned.code = entity.code;
  if ('kind' in entity) planned.kind = entity.kind;
  if ('quote' in entity) {
    planned.quote = entity.quote;
    planned.form = entity.form;
  }
  if ('date' in entity && entity.date !== undefined) planned.date = entity.date;
  if (entity.corrects?.length) planned.corrects = [...new Set(entity.corrects)];
  return planned;
}

function clip(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
