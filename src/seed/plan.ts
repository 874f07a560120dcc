/** What the seeder makes of one parsed seed file: its entities, relationships and mentions, each checked. */
import type { FactStatus } from '../facts.ts';
import { dateRange, ENTITY_SINGLE_VALUED, factKey, isEventType, RELATION_PROPERTIES, RELATION_TYPES, type ArticleMeta, type EntityLabel, type EntitySingleValued, type RelationProperty, type RelationType, type RelationTypeSpec } from '../model.ts';
import type { ParsedFile } from './parse.ts';
import type { EntityInput, RelationInput } from './schema.ts';
import { ArticleText, clip } from './text.ts';

export interface Evidence {
  quote: string;
  source: string;
}

/** An entity as one article defines it: the properties of the model's table that it gives (name always). */
export type PlannedEntity = {
  id: string;
  label: EntityLabel;
  name: string;
  aliases: string[];
  /** Properties whose values here correct what earlier articles gave. */
  corrects?: EntitySingleValued[];
} & Partial<Record<EntitySingleValued, string>>;

/** What one article says of a fact: how sure it is, and the time it gives (each as written; see src/facts.ts). */
export interface StatedReport {
  status: FactStatus;
  /** The agency or outlet the article attributes it to, by id. */
  attributedTo?: string;
  /** Single values this report gives as corrections of earlier reports' (troops). */
  corrects?: string[];
  date?: string;
  since?: string;
  until?: string;
}

/** A relationship as one article states it: the fact (type, ends, key), and the article's report of it. */
export interface PlannedRelation {
  type: RelationType;
  from: string;
  to: string;
  /** Tells apart two relationships of one type between the same two entities (two attacks, two offices; see factKey). */
  key: string;
  evidence: Evidence[];
  report: StatedReport;
  properties: Partial<Record<RelationProperty, string>>;
  /** The earlier fact this one overtakes, by its identity, where the seed file says it does. */
  overtakes?: OvertakenFact;
}

/** An earlier fact named by a later one that overtakes it: its identity, and where the seed file names it. */
export interface OvertakenFact {
  type: RelationType;
  from: string;
  to: string;
  key: string;
  where: string;
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

/** The most rows (entities, relationships, mentions) one article may write: an article is written in one transaction. */
export const MAX_ARTICLE_ROWS = 50_000;

type Known = Pick<PlannedEntity, 'label' | 'name' | 'aliases'> & Partial<PlannedEntity>;

/** What planning one file needs at every step: where problems are reported, and what the article says. */
interface Planning {
  file: string;
  /** The article's id, which every piece of evidence names as its source. */
  source: string;
  text: ArticleText;
  lookup: (id: string) => Known | undefined;
  problems: string[];
}

export function planArticle({ file, seed, text, fileHash, textHash }: ParsedFile, lookup: (id: string) => Known | undefined, problems: string[]): ArticlePlan {
  const planning: Planning = { file, source: seed.article.id, text: new ArticleText(text), lookup, problems };
  const entities = seed.entities.map((entity, i) => {
    if (entity.label === 'Statement') checkVerbatim(planning, entity.quote, `entities.${i}.quote`);
    return plannedEntity(entity);
  });
  const relations = planRelations(planning, seed.relations, seed.article.publishedAt);
  const mentions = planMentions(planning, seed);
  const named = [...relations.flatMap((r) => [r.from, r.to, ...(r.report.attributedTo ? [r.report.attributedTo] : [])]), ...seed.known.map((k) => (typeof k === 'string' ? k : k.id))];
  const references = referencesOf(planning, entities, named);
  const rows = entities.length + references.length + relations.length + mentions.length;
  if (rows > MAX_ARTICLE_ROWS) {
    problems.push(
      `${file}: the article writes ${rows} rows (entities, relationships and mentions); at most ${MAX_ARTICLE_ROWS} fit in the one transaction an article is written in: split it into several articles`,
    );
  }
  const { id, title, publisher, publishedAt, path, text: textFile } = seed.article;
  const article: ArticleMeta = { id, title, publisher, publishedAt, path, textFile, fileHash, textHash };
  return { file, article, entities, relations, mentions, references };
}

function checkVerbatim({ file, text, problems }: Planning, quote: string, where: string): void {
  if (!text.includes(quote)) problems.push(`${file}: ${where}: not found verbatim in the article text: "${clip(quote)}"`);
}

/** Each relationship checked (ends, properties, evidence, repeats) and planned. */
function planRelations(planning: Planning, inputs: RelationInput[], publishedAt: string): PlannedRelation[] {
  const { file, source, problems } = planning;
  const seen = new Map<string, number>();
  return inputs.map((relation, i) => {
    const where = `relations.${i}`;
    const type = relation.type as RelationType;
    checkEnds(planning, relation, type, where);
    checkAttribution(planning, relation, where);
    const properties = relationProperties(planning, relation, type, where);
    const quotes = typeof relation.evidence === 'string' ? [relation.evidence] : relation.evidence;
    quotes.forEach((quote, q) => checkVerbatim(planning, quote, typeof relation.evidence === 'string' ? `${where}.evidence` : `${where}.evidence.${q}`));

    checkTime(planning, relation, type, where);
    const key = factKey(type, { date: relation.date, ...properties });
    const overtakes = overtakenFact(planning, relation, type, key, where);
    const report = statedReport(relation, publishedAt);
    // One article may report one fact twice, with another status or time; the same report twice is a slip.
    const identity = `${relation.from} ${type} ${relation.to} ${key} ${report.status} ${report.date ?? ''} ${report.since ?? ''} ${report.until ?? ''}`;
    const first = seen.get(identity);
    if (first !== undefined) problems.push(`${file}: ${where}: repeats relations.${first} (same fact, status and time); add its evidence there`);
    seen.set(identity, i);

    return {
      type,
      from: relation.from,
      to: relation.to,
      key,
      evidence: [...new Set(quotes)].map((quote) => ({ quote, source })),
      report,
      properties,
      ...(overtakes ? { overtakes } : {}),
    };
  });
}

/**
 * What the article says of the fact. `tenure: former` with no until says it had ended by the
 * article's day: it held from its date (or since) until then.
 */
function statedReport(relation: RelationInput, publishedAt: string): StatedReport {
  const status = relation.status as FactStatus;
  const attributed = {
    ...(relation.attributedTo !== undefined ? { attributedTo: relation.attributedTo } : {}),
    ...(relation.corrects?.length ? { corrects: [...relation.corrects] } : {}),
  };
  if (relation.tenure === 'former' && relation.until === undefined) {
    const since = relation.since ?? relation.date;
    return { status, ...attributed, ...(since !== undefined ? { since } : {}), until: publishedAt };
  }
  return {
    status,
    ...attributed,
    ...(relation.date !== undefined ? { date: relation.date } : {}),
    ...(relation.since !== undefined ? { since: relation.since } : {}),
    ...(relation.until !== undefined ? { until: relation.until } : {}),
  };
}

/** The earlier fact a relationship says it overtakes: its ends and type default to the relationship's own; it is never the relationship itself. */
function overtakenFact({ file, problems }: Planning, relation: RelationInput, type: RelationType, key: string, where: string): OvertakenFact | undefined {
  const named = relation.overtakes;
  if (!named) return undefined;
  const earlierType = (named.type ?? type) as RelationType;
  const earlier: OvertakenFact = {
    type: earlierType,
    from: named.from ?? relation.from,
    to: named.to ?? relation.to,
    key: factKey(earlierType, named),
    where: `${file}: ${where}.overtakes`,
  };
  if (named.date !== undefined && !isEventType(earlierType)) {
    problems.push(`${earlier.where}.date: ${earlierType} is a state, named by its type, ends and role or share, not by a date: leave the date out`);
    return undefined;
  }
  if (earlier.type === type && earlier.from === relation.from && earlier.to === relation.to && earlier.key === key) {
    problems.push(`${earlier.where}: names this fact itself; a fact overtakes an earlier one (another time, share, role or type)`);
    return undefined;
  }
  return earlier;
}

/** A point in time or a period (`since`, `until`), not both; a period only for a state, never for an event; a period that ends after it begins. */
function checkTime({ file, problems }: Planning, relation: RelationInput, type: RelationType, where: string): void {
  const period = relation.since !== undefined || relation.until !== undefined;
  if (!period) return;
  const which = relation.since !== undefined ? 'since' : 'until';
  if (relation.date !== undefined) {
    problems.push(`${file}: ${where}.${which}: a fact has a point in time (date) or a period (since, until), not both`);
  } else if (isEventType(type)) {
    problems.push(`${file}: ${where}.${which}: ${type} is an event, which happens at a point in time: give its date, not a period`);
  } else if (relation.since !== undefined && relation.until !== undefined && dateRange(relation.until).dateTo < dateRange(relation.since).dateFrom) {
    problems.push(`${file}: ${where}.until: the period ends (${relation.until}) before it begins (${relation.since})`);
  }
}

/** A report is attributed to an agency or outlet, or a person, that the graph or a file defines. */
function checkAttribution({ file, lookup, problems }: Planning, relation: RelationInput, where: string): void {
  if (relation.attributedTo === undefined) return;
  const entity = lookup(relation.attributedTo);
  if (!entity) problems.push(`${file}: ${where}.attributedTo: unknown entity "${relation.attributedTo}"`);
  else if (entity.label !== 'Organization' && entity.label !== 'Person') {
    problems.push(`${file}: ${where}.attributedTo: a report is attributed to an Organization (an agency, an outlet) or a Person, but "${relation.attributedTo}" is a ${entity.label}`);
  }
}

/** Both ends exist, with labels the type allows, and are two different entities. */
function checkEnds({ file, lookup, problems }: Planning, relation: RelationInput, type: RelationType, where: string): void {
  const spec = RELATION_TYPES[type];
  for (const [end, allowed, verb] of [['from', spec.from, 'start at'], ['to', spec.to, 'end at']] as const) {
    const entity = lookup(relation[end]);
    if (!entity) problems.push(`${file}: ${where}.${end}: unknown entity "${relation[end]}"`);
    else if (!(allowed as readonly string[]).includes(entity.label)) {
      problems.push(`${file}: ${where}.${end}: ${type} must ${verb} ${allowed.join(' or ')}, but "${relation[end]}" is a ${entity.label}`);
    }
  }
  if (relation.from === relation.to) problems.push(`${file}: ${where}: a relationship from "${relation.from}" to itself says nothing`);
}

/** The relationship's properties, each one its type takes. */
function relationProperties({ file, problems }: Planning, relation: RelationInput, type: RelationType, where: string): Partial<Record<RelationProperty, string>> {
  const spec: RelationTypeSpec = RELATION_TYPES[type];
  const properties: Partial<Record<RelationProperty, string>> = {};
  for (const name of RELATION_PROPERTIES) {
    const value = relation[name];
    if (value === undefined) continue;
    if (!(spec.properties ?? []).includes(name)) problems.push(`${file}: ${where}.${name}: ${type} has no property "${name}"`);
    properties[name] = value;
  }
  return properties;
}

/** The article mentions every entity it defines or relates, at the first place it names it. */
function planMentions(planning: Planning, seed: ParsedFile['seed']): PlannedMention[] {
  const { file, source, text, lookup, problems } = planning;
  const mentions: PlannedMention[] = [];
  const mentioned = new Set<string>();
  const mention = (id: string, terms: string[], where?: string) => {
    if (mentioned.has(id)) return;
    const found = text.firstAppearance(terms);
    if (!found) {
      if (where) problems.push(`${file}: ${where}: the article names it nowhere: none of ${terms.map((t) => `"${clip(t)}"`).join(', ')} appears in its text`);
      return;
    }
    mentioned.add(id);
    mentions.push({ id, evidence: { quote: text.sentenceAround(found.index), source } });
  };
  // A statement's quote is checked verbatim with the entities; a missing quote is reported there, once.
  seed.entities.forEach((entity, i) =>
    entity.label === 'Statement' ? mention(entity.id, [entity.quote]) : mention(entity.id, [entity.name, ...entity.aliases, ...entity.mentionedAs], `entities.${i}`),
  );
  // An entity the article names by id alone must be defined elsewhere, and named in the text.
  seed.known.forEach((known, i) => {
    const { id, mentionedAs = [] } = typeof known === 'string' ? { id: known } : known;
    const entity = lookup(id);
    const here = seed.entities.findIndex((e) => e.id === id);
    if (here >= 0) problems.push(`${file}: known.${i}: "${id}" is defined in this file (entities.${here}): name it there only`);
    else if (!entity) problems.push(`${file}: known.${i}: unknown entity "${id}": an entity given by its id alone must be defined by another seed file or be in the graph`);
    else mention(id, [entity.name, ...entity.aliases, ...mentionedAs], `known.${i}`);
  });
  // An entity the article relates but does not define must be named in it too: the article's mention keeps it alive.
  // One the article defines was looked for (and, if named nowhere, reported) at its definition.
  const defined = new Set(seed.entities.map((entity) => entity.id));
  seed.relations.forEach((relation, i) => {
    for (const end of ['from', 'to', 'attributedTo'] as const) {
      const id = relation[end];
      if (id === undefined || defined.has(id)) continue;
      const entity = lookup(id);
      if (entity) mention(id, [entity.name, ...entity.aliases], `relations.${i}.${end}`);
    }
  });
  return mentions;
}

/** The entities the article relates or names by id but another defines, as the graph or an earlier file has them. */
function referencesOf({ lookup }: Planning, entities: PlannedEntity[], named: string[]): PlannedEntity[] {
  const ownIds = new Set(entities.map((entity) => entity.id));
  return [...new Set(named)]
    .filter((id) => !ownIds.has(id))
    .sort()
    .flatMap((id) => {
      const known = lookup(id);
      return known ? [{ id, ...known, aliases: [...known.aliases] } as PlannedEntity] : [];
    });
}

export function plannedEntity(entity: EntityInput): PlannedEntity {
  const { label, id, name, aliases } = entity;
  const planned: PlannedEntity = { id, label, name, aliases: [...new Set(aliases)] };
  const given = entity as Partial<Record<EntitySingleValued, string>>;
  for (const property of ENTITY_SINGLE_VALUED) {
    const value = given[property];
    if (value !== undefined) planned[property] = value;
  }
  if (entity.corrects?.length) planned.corrects = [...new Set(entity.corrects)];
  return planned;
}
