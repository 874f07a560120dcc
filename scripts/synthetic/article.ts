/**
 * Synthetic seed data of any size, in the same format as the article seed files: entities of every
 * label, relationships of the types the model allows between them, each with a verbatim evidence
 * sentence from a generated article text. Deterministic for a given random seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENTITY_LABELS, isEventType, RELATION_TYPES, RELATION_TYPE_NAMES, type EntityLabel, type RelationType } from '../../src/model.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import { LABEL_SHARE, periodFrom, random } from './common.ts';

export interface SyntheticOptions {
  entities: number;
  relations: number;
  /** Seed of the pseudo-random generator. */
  seed?: number;
  articleId?: string;
}

export function generateSyntheticSeed(options: SyntheticOptions): { seed: SeedFileInput; text: string } {
  const next = random(options.seed ?? 1);
  const articleId = options.articleId ?? 'synthetic';
  const width = String(options.entities).length;
  const name = (i: number) => `Ent${String(i).padStart(width, '0')}`;

  const labels: EntityLabel[] = [];
  for (const [label, share] of LABEL_SHARE) for (let i = 0; i < Math.round(options.entities * share); i++) labels.push(label);
  while (labels.length < options.entities) labels.push('Person');
  labels.length = options.entities;

  const lines: string[] = [];
  const entities: NonNullable<SeedFileInput['entities']> = labels.map((label, i) => {
    lines.push(`${name(i)} is a ${label.toLowerCase()} in this report.`);
    const base = { id: `ent-${i}`, name: name(i), aliases: [`${name(i)}-alias`] };
    switch (label) {
      case 'Country':
        return { label, ...base, code: String.fromCharCode(65 + (i % 26), 65 + ((i / 26) | 0) % 26) };
      case 'Person':
        return { label, ...base };
      default:
        // LABEL_SHARE holds no Statement, the one label that needs more than a kind.
        return { label, ...base, kind: `synthetic ${label.toLowerCase()}` } as NonNullable<SeedFileInput['entities']>[number];
    }
  });

  const byLabel = new Map<EntityLabel, number[]>(ENTITY_LABELS.map((label) => [label, []]));
  labels.forEach((label, i) => byLabel.get(label)!.push(i));
  const candidates = RELATION_TYPE_NAMES.filter((type) => type !== 'SAID');

  const relations: NonNullable<SeedFileInput['relations']> = [];
  const seen = new Set<string>();
  const events = new Map<string, boolean>();
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  for (let attempts = 0; relations.length < options.relations && attempts < options.relations * 20; attempts++) {
    const type: RelationType = pick(candidates);
    const spec = RELATION_TYPES[type];
    const fromPool = byLabel.get(pick(spec.from))!;
    const toPool = byLabel.get(pick(spec.to))!;
    if (fromPool.length === 0 || toPool.length === 0) continue;
    const from = pick(fromPool);
    const to = pick(toPool);
    // Containment only goes from a later entity to an earlier one, so it never goes round in a circle.
    if (from === to || ((type === 'PART_OF' || type === 'LOCATED_IN') && from < to)) continue;
    const dated = next() < 0.5;
    const date = dated ? `${2000 + Math.floor(next() * 25)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}` : undefined;
    // A state holds for a while: some of the dated ones get a period from that month, over several years, or still open.
    const period = date !== undefined && !isEventType(type) && next() < 0.3 ? periodFrom(date, next()) : undefined;
    const role = 'properties' in spec && (spec.properties as readonly string[]).includes('role') && next() < 0.5 ? 'member' : undefined;
    const identity = `${from} ${type} ${to} ${period ? `${period.since ?? ''}/` : (date ?? '')} ${role ?? ''}`;
    if (seen.has(identity)) continue;
    // An event reported with no date beside the same event with a date would be warned of (the undated report joins the dated event).
    const event = `${from} ${type} ${to} ${role ?? ''}`;
    if (isEventType(type) && events.has(event) && events.get(event) !== dated) continue;
    if (isEventType(type)) events.set(event, dated);
    seen.add(identity);
    const sentence = `${name(from)} ${type.toLowerCase().replaceAll('_', ' ')} ${name(to)} in fact ${relations.length}.`;
    lines.push(sentence);
    relations.push({ type, from: `ent-${from}`, to: `ent-${to}`, evidence: sentence, ...(period ?? (date ? { date } : {})), ...(role ? { role } : {}) });
  }
  if (relations.length < options.relations) {
    throw new Error(`could only make ${relations.length} distinct relationships among ${options.entities} entities`);
  }

  const seed: SeedFileInput = {
    article: {
      id: articleId,
      title: `Synthetic article with ${options.entities} entities and ${options.relations} relationships`,
      publisher: 'entity-graph benchmark',
      publishedAt: '2025-01-01',
      path: `/synthetic/${articleId}`,
      text: `${articleId}.txt`,
    },
    entities,
    relations,
  };
  return { seed, text: `${lines.join('\n')}\n` };
}

/**
 * The same data split into `parts` articles (`<articleId>-<n>`): entities and relationships are dealt
 * out in turn, so most relationships join entities that another article defines, and each article's
 * text holds the lines of what it defines and states.
 */
export function splitSyntheticSeed(whole: { seed: SeedFileInput; text: string }, parts: number): { seed: SeedFileInput; text: string }[] {
  const lines = whole.text.trimEnd().split('\n');
  const entities = whole.seed.entities ?? [];
  const relations = whole.seed.relations ?? [];
  const width = String(parts).length;
  return Array.from({ length: parts }, (_, part) => {
    const id = `${whole.seed.article.id}-${String(part).padStart(width, '0')}`;
    const own = <T>(list: T[]) => list.filter((_, i) => i % parts === part);
    const ownLines = [...own(lines.slice(0, entities.length)), ...own(lines.slice(entities.length))];
    return {
      seed: { ...whole.seed, article: { ...whole.seed.article, id, path: `/synthetic/${id}`, text: `${id}.txt` }, entities: own(entities), relations: own(relations) },
      text: `${ownLines.join('\n')}\n`,
    };
  });
}

/** Writes `<articleId>.json` (or, with `parts`, that many articles) and their texts into `dir`; returns the seed files' paths. */
export function writeSyntheticSeed(dir: string, options: SyntheticOptions & { parts?: number }): string[] {
  const whole = generateSyntheticSeed(options);
  mkdirSync(dir, { recursive: true });
  return (options.parts && options.parts > 1 ? splitSyntheticSeed(whole, options.parts) : [whole]).map(({ seed, text }) => {
    writeFileSync(path.join(dir, seed.article.text), text);
    const file = path.join(dir, `${seed.article.id}.json`);
    writeFileSync(file, JSON.stringify(seed));
    return file;
  });
}
