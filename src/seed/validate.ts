/**
 * Reads seed files and checks everything before anything is written: the file's shape, ids,
 * references, the model's rules for each relationship type, dates, and that every piece of
 * evidence is a verbatim substring of its article. Every problem is reported at once, as
 * `file: path.to.field: message`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { RELATION_PROPERTIES, RELATION_TYPES, type DatePrecision, type EntityLabel, type RelationProperty, type RelationType } from '../model.ts';
import { seedFileSchema, type EntityInput, type SeedFile } from './schema.ts';
import { ArticleText } from './text.ts';

export class SeedValidationError extends Error {
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
  article: { id: string; title: string; publisher: string; publishedAt: string; path: string; textFile: string };
  /** Identifies the content loaded, so that an unchanged article is not loaded twice. */
  checksum: string;
  entities: PlannedEntity[];
  relations: PlannedRelation[];
  mentions: PlannedMention[];
  /** Entities this article relates but another one defines: they are the article's too, so it keeps them alive. */
  references: string[];
}

/** Looks up entities that the files refer to but do not define (e.g. defined by an article loaded earlier). */
export type ExternalEntities = (ids: string[]) => Promise<Map<string, Pick<PlannedEntity, 'label' | 'name' | 'aliases'>>>;

interface ParsedFile {
  file: string;
  seed: SeedFile;
  text: string;
}

export async function validateSeedFiles(files: string[], external?: ExternalEntities): Promise<ArticlePlan[]> {
  const problems: string[] = [];
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    const result = await parseSeedFile(file, problems);
    if (result) parsed.push(result);
  }

  // Entities are global: collect every definition first, so any file may refer to any of them.
  const defined = new Map<string, { entity: EntityInput; where: string }>();
  const articleIds = new Map<string, string>();
  for (const { file, seed } of parsed) {
    const where = `${file}: article.id`;
    const earlier = articleIds.get(seed.article.id);
    if (earlier) problems.push(`${where}: article id "${seed.article.id}" is also used by ${earlier}`);
    else articleIds.set(seed.article.id, file);

    seed.entities.forEach((entity, i) => {
      const here = `${file}: entities.${i}`;
      const first = defined.get(entity.id);
      if (!first) defined.set(entity.id, { entity, where: here });
      else if (first.where.startsWith(`${file}:`)) problems.push(`${here}.id: duplicate id "${entity.id}" (first defined at ${first.where})`);
      else if (first.entity.label !== entity.label) {
        problems.push(`${here}.label: "${entity.id}" is a ${entity.label} here but a ${first.entity.label} at ${first.where}`);
      }
    });
  }

  const missing = [
    ...new Set(parsed.flatMap(({ seed }) => seed.relations.flatMap((r) => [r.from, r.to])).filter((id) => !defined.has(id))),
  ];
  const found = missing.length > 0 && external ? await external(missing) : new Map();
  const lookup = (id: string) => defined.get(id)?.entity ?? found.get(id);

  const plans = parsed.map((file) => planArticle(file, lookup, problems));
  for (const type of CONTAINMENT_TYPES) problems.push(...containmentCycles(parsed, type));
  if (problems.length > 0) throw new SeedValidationError(problems);
  return plans;
}

const MAX_YAML_ALIAS_COUNT = 100;

/** Relationship types that nest one thing in another, which therefore cannot lead back to where they start. */
const CONTAINMENT_TYPES = ['PART_OF', 'LOCATED_IN'] as const;

/** Every cycle of `type` relationships across all the files, reported at the relationship that closes it. */
function containmentCycles(parsed: ParsedFile[], type: (typeof CONTAINMENT_TYPES)[number]): string[] {
  const edges = new Map<string, { to: string; where: string }[]>();
  for (const { file, seed } of parsed) {
    seed.relations.forEach((relation, i) => {
      if (relation.type !== type || relation.from === relation.to) return;
      const list = edges.get(relation.from) ?? [];
      list.push({ to: relation.to, where: `${file}: relations.${i}` });
      edges.set(relation.from, list);
    });
  }
  const problems: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  // Iterative depth-first search: a long chain must not exhaust the call stack.
  for (const startId of edges.keys()) {
    if (state.has(startId)) continue;
    const stack: { id: string; next: number }[] = [{ id: startId, next: 0 }];
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
        const loop = [...stack.slice(stack.findIndex((frame) => frame.id === edge.to)).map((frame) => frame.id), edge.to];
        problems.push(`${edge.where}: ${type} goes round in a circle: ${loop.map((id) => `"${id}"`).join(' → ')}`);
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        stack.push({ id: edge.to, next: 0 });
      }
    }
  }
  return problems;
}

async function parseSeedFile(file: string, problems: string[]): Promise<ParsedFile | undefined> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    problems.push(`${file}: cannot be read: ${(error as Error).message}`);
    return undefined;
  }
  let data: unknown;
  if (file.endsWith('.json')) {
    try {
      data = JSON.parse(source);
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
  } else {
    const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
    if (document.errors.length > 0) {
      // Later syntax errors mostly follow from the first one; it is the one to fix.
      const [error] = document.errors;
      const at = error?.linePos?.[0];
      const more = document.errors.length > 1 ? ` (and ${document.errors.length - 1} more syntax errors after it)` : '';
      problems.push(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${error?.message.split('\n')[0]}${more}`);
      return undefined;
    }
    try {
      data = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch (error) {
      // yaml refuses alias expansion beyond the limit ("billion laughs") with a ReferenceError.
      problems.push(`${file}: not valid seed data: its YAML aliases expand too far (${(error as Error).message})`);
      return undefined;
    }
  }
  const result = seedFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) problems.push(`${file}: ${formatIssuePath(issue)}: ${issue.message}`);
    return undefined;
  }
  const textFile = path.resolve(path.dirname(file), result.data.article.text);
  try {
    return { file, seed: result.data, text: await readFile(textFile, 'utf8') };
  } catch (error) {
    problems.push(`${file}: article.text: cannot read the article text ${textFile}: ${(error as Error).message}`);
    return undefined;
  }
}

function formatIssuePath(issue: z.core.$ZodIssue): string {
  return issue.path.length === 0 ? '(top level)' : issue.path.map(String).join('.');
}

function planArticle(
  { file, seed, text }: ParsedFile,
  lookup: (id: string) => Pick<PlannedEntity, 'label' | 'name' | 'aliases'> | Pick<EntityInput, 'label' | 'name' | 'aliases'> | undefined,
  problems: string[],
): ArticlePlan {
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
  for (const relation of seed.relations) {
    for (const id of [relation.from, relation.to]) {
      const entity = lookup(id);
      if (entity) mention(id, [entity.name, ...entity.aliases]);
    }
  }

  const meta = {
    id: seed.article.id,
    title: seed.article.title,
    publisher: seed.article.publisher,
    publishedAt: seed.article.publishedAt,
    path: seed.article.path,
    textFile: seed.article.text,
  };
  const ownIds = new Set(entities.map((entity) => entity.id));
  const references = [...new Set(relations.flatMap((r) => [r.from, r.to]))].filter((id) => !ownIds.has(id)).sort();
  const checksum = createHash('sha256').update(JSON.stringify({ article: meta, entities, relations, mentions, references })).digest('hex');
  return { file, article: meta, checksum, entities, relations, mentions, references };
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
  return planned;
}

export function dateRange(date: string): Pick<PlannedRelation, 'date' | 'datePrecision' | 'dateFrom' | 'dateTo'> {
  const [year, month, day] = date.split('-');
  if (day !== undefined) return { date, datePrecision: 'day', dateFrom: date, dateTo: date };
  if (month !== undefined) {
    const last = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
    return { date, datePrecision: 'month', dateFrom: `${date}-01`, dateTo: `${date}-${String(last).padStart(2, '0')}` };
  }
  return { date, datePrecision: 'year', dateFrom: `${date}-01-01`, dateTo: `${date}-12-31` };
}

function clip(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
