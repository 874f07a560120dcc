/** What the seeder makes of one parsed seed file: its entities, relationships and mentions, each checked. */
import { dateRange, ENTITY_SINGLE_VALUED, RELATION_PROPERTIES, RELATION_TYPES, type ArticleMeta, type DatePrecision, type EntityLabel, type EntitySingleValued, type RelationProperty, type RelationType } from '../model.ts';
import type { ParsedFile } from './parse.ts';
import type { EntityInput } from './schema.ts';
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

/** The most rows (entities, relationships, mentions) one article may write: an article is written in one transaction. */
export const MAX_ARTICLE_ROWS = 50_000;

type Known = Pick<PlannedEntity, 'label' | 'name' | 'aliases'> & Partial<PlannedEntity>;

export function planArticle({ file, seed, text, fileHash, textHash }: ParsedFile, lookup: (id: string) => Known | undefined, problems: string[]): ArticlePlan {
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
