/**
 * A synthetic news corpus in the seed format: many articles that keep naming the same entities and
 * restating the same facts, as news does. Entities come from a shared pool with Zipf-like
 * popularity, so that a few become hubs named by almost every article; facts come from a shared
 * pool with Zipf-like popularity too, so that popular facts are corroborated by many articles.
 * Articles are dated one after another, and about half of the facts carry a time of their own: a date,
 * or for some states a period (see periodFrom).
 * Deterministic for a given random seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dump } from 'js-yaml';
import { ENTITY_LABELS, isEventType, RELATION_TYPES, RELATION_TYPE_NAMES, type EntityLabel, type RelationType } from '../../src/model.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import { LABEL_SHARE, periodFrom, random } from './common.ts';

export interface CorpusOptions {
  articles: number;
  /** Entities the articles draw from; default ten per article, at least 1,000. */
  pool?: number;
  /** Entities each article names (its mentions); default 90. */
  entitiesPerArticle?: number;
  /** Relationships each article states; default 40. */
  relationsPerArticle?: number;
  /** Share of an article's relationships restated from the shared pool of facts; default 0.5. */
  repeatShare?: number;
  /** Share of the entities an earlier article defined that an article defines again; default 0.25. At 1, every article stands alone. */
  redefineShare?: number;
  /** Zipf exponent of entity popularity; default 1. */
  skew?: number;
  /** Zipf exponent of fact popularity; default 0.5, so that the most repeated fact is in a few percent of the articles. */
  factSkew?: number;
  /** Publication date of the first article; the others follow, a few a day. */
  firstDate?: string;
  articlesPerDay?: number;
  seed?: number;
}

type EntityInput = NonNullable<SeedFileInput['entities']>[number];
type RelationInput = NonNullable<SeedFileInput['relations']>[number];

export interface SyntheticArticle {
  id: string;
  seed: SeedFileInput;
  text: string;
}

const SYLLABLES = ['ka', 'ro', 'mi', 'tel', 'van', 'dor', 'sa', 'lin', 'qu', 'ber', 'no', 'zi', 'har', 'pe', 'lu', 'mont', 'ese', 'gra', 'vi', 'tor'];

/** Draws indexes 0 … n-1 with probability proportional to 1 / (i + 1)^skew. */
export function zipf(n: number, skew: number, next: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** skew;
  return () => {
    const target = next() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
}

/** A pronounceable name for entity i, unique within the pool. */
function entityName(i: number): string {
  const word = (n: number) => {
    let text = '';
    do {
      text += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    return text[0]!.toUpperCase() + text.slice(1);
  };
  return `${word(i)} ${word(i * 7 + 3)}`;
}

interface PoolEntity {
  id: string;
  label: EntityLabel;
  name: string;
}

interface Fact {
  type: RelationType;
  from: number;
  to: number;
  date?: string;
  since?: string;
  until?: string;
}

/** A fact's time: its date, or for some states a period beginning that month (see periodFrom). */
function timeOf(type: RelationType, date: string | undefined, draw: () => number): Pick<Fact, 'date' | 'since' | 'until'> {
  if (date === undefined) return {};
  if (!isEventType(type) && draw() < 0.3) return periodFrom(date, draw());
  return { date };
}

const shortDate = (day: Date) => day.toISOString().slice(0, 10);

/** Containment only ever goes from a less popular entity to a more popular one, so it never goes round in a circle. */
const nests = (type: RelationType, from: number, to: number) => (type !== 'PART_OF' && type !== 'LOCATED_IN') || from > to;

/**
 * Yields the corpus one article at a time, so that a corpus of any size is written without holding
 * it in memory. Every entity an article relates is defined by it or by an earlier article.
 */
export function* generateCorpus(options: CorpusOptions): Generator<SyntheticArticle> {
  const next = random(options.seed ?? 1);
  const poolSize = options.pool ?? Math.max(1_000, options.articles * 10);
  const perArticle = options.entitiesPerArticle ?? 90;
  const relationsPerArticle = options.relationsPerArticle ?? 40;
  const repeatShare = options.repeatShare ?? 0.5;
  const redefineShare = options.redefineShare ?? 0.25;
  const skew = options.skew ?? 1;
  const perDay = options.articlesPerDay ?? 4;
  const first = new Date(`${options.firstDate ?? '2020-01-01'}T00:00:00Z`);

  const pool: PoolEntity[] = [];
  const labelOf: EntityLabel[] = [];
  for (const [label, share] of LABEL_SHARE) for (let i = 0; i < Math.round(poolSize * share); i++) labelOf.push(label);
  while (labelOf.length < poolSize) labelOf.push('Person');
  // Spread the labels over popularity ranks, so that every label has hubs.
  for (let i = labelOf.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [labelOf[i], labelOf[j]] = [labelOf[j]!, labelOf[i]!];
  }
  for (let i = 0; i < poolSize; i++) pool.push({ id: `e${i}-${entityName(i).toLowerCase().replace(' ', '-')}`, label: labelOf[i]!, name: entityName(i) });
  const byLabel = new Map<EntityLabel, number[]>(ENTITY_LABELS.map((label) => [label, []]));
  pool.forEach((entity, i) => byLabel.get(entity.label)!.push(i));

  const drawEntity = zipf(poolSize, skew, next);
  const drawFact = zipf(poolSize * 2, options.factSkew ?? 0.5, next);
  const types = RELATION_TYPE_NAMES.filter((type) => type !== 'SAID');
  const facts = new Map<number, Fact | null>();
  const defined = new Set<number>();

  /** A fact between entities of the labels its type allows; its ends are popular entities of those labels. */
  const makeFact = (rank: number): Fact | null => {
    const local = random(rank * 7919 + (options.seed ?? 1));
    for (let attempt = 0; attempt < 10; attempt++) {
      const type = types[Math.floor(local() * types.length)]!;
      const spec = RELATION_TYPES[type];
      const fromPool = byLabel.get(spec.from[Math.floor(local() * spec.from.length)]!)!;
      const toPool = byLabel.get(spec.to[Math.floor(local() * spec.to.length)]!)!;
      if (fromPool.length === 0 || toPool.length === 0) continue;
      // Popular facts link popular entities: the ends are drawn by the same skew, within their label.
      const endOf = (list: number[]) => list[Math.min(list.length - 1, Math.floor(list.length * local() ** 3))]!;
      const from = endOf(fromPool);
      const to = endOf(toPool);
      if (from === to || !nests(type, from, to)) continue;
      const dated = local() < 0.5;
      const date = dated ? `${2000 + Math.floor(local() * 25)}-${String(1 + Math.floor(local() * 12)).padStart(2, '0')}` : undefined;
      return { type, from, to, ...timeOf(type, date, local) };
    }
    return null;
  };

  for (let k = 0; k < options.articles; k++) {
    const id = `synthetic-${String(k).padStart(6, '0')}`;
    const published = new Date(first.getTime() + Math.floor(k / perDay) * 86_400_000);
    const named = new Set<number>();
    while (named.size < Math.min(perArticle, poolSize)) named.add(drawEntity());

    const relations: RelationInput[] = [];
    const sentences: string[] = [];
    const identities = new Set<string>();
    // An article that reports an event with no date beside the same event with one would be warned of (the undated report joins the dated event).
    const events = new Map<string, boolean>();
    const add = (fact: Fact) => {
      const identity = `${fact.from} ${fact.type} ${fact.to} ${fact.since !== undefined || fact.until !== undefined ? `${fact.since ?? ''}/` : (fact.date ?? '')}`;
      if (identities.has(identity)) return;
      if (isEventType(fact.type)) {
        const group = `${fact.from} ${fact.type} ${fact.to}`;
        if (events.has(group) && events.get(group) !== (fact.date !== undefined)) return;
        events.set(group, fact.date !== undefined);
      }
      identities.add(identity);
      named.add(fact.from);
      named.add(fact.to);
      const sentence = `${pool[fact.from]!.name} ${fact.type.toLowerCase().replaceAll('_', ' ')} ${pool[fact.to]!.name}, report ${k}.${relations.length} says.`;
      sentences.push(sentence);
      const { date, since, until } = fact;
      relations.push({ type: fact.type, from: pool[fact.from]!.id, to: pool[fact.to]!.id, evidence: sentence, ...(date ? { date } : {}), ...(since ? { since } : {}), ...(until ? { until } : {}) });
    };
    const namedList = () => [...named];
    for (let attempts = 0; relations.length < relationsPerArticle && attempts < relationsPerArticle * 20; attempts++) {
      if (next() < repeatShare) {
        const rank = drawFact();
        if (!facts.has(rank)) facts.set(rank, makeFact(rank));
        const fact = facts.get(rank);
        if (fact) add(fact);
        continue;
      }
      const list = namedList();
      const from = list[Math.floor(next() * list.length)]!;
      const to = list[Math.floor(next() * list.length)]!;
      if (from === to) continue;
      const candidates = types.filter((type) => {
        const spec = RELATION_TYPES[type];
        return (
          (spec.from as readonly string[]).includes(pool[from]!.label) && (spec.to as readonly string[]).includes(pool[to]!.label) && nests(type, from, to)
        );
      });
      if (candidates.length === 0) continue;
      const type = candidates[Math.floor(next() * candidates.length)]!;
      const date = next() < 0.5 ? `${2000 + Math.floor(next() * 25)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}` : undefined;
      add({ type, from, to, ...timeOf(type, date, next) });
    }

    // An article defines what it names first, and restates some definitions others already gave.
    const entities: EntityInput[] = [];
    for (const i of named) {
      if (defined.has(i) && next() >= redefineShare) continue;
      defined.add(i);
      const entity = pool[i]!;
      const base = { id: entity.id, name: entity.name };
      switch (entity.label) {
        case 'Country':
          entities.push({ label: 'Country', ...base, code: String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26)) });
          break;
        case 'Person':
          entities.push({ label: 'Person', ...base });
          break;
        default:
          entities.push({ label: entity.label, ...base, kind: `synthetic ${entity.label.toLowerCase()}` } as EntityInput);
      }
    }
    const mentionsLine = [...named].map((i) => pool[i]!.name).join(', ');
    const seed: SeedFileInput = {
      article: {
        id,
        title: `Synthetic report ${k}`,
        publisher: 'entity-graph benchmark',
        publishedAt: shortDate(published),
        path: `/synthetic/${id}`,
        text: `articles/${id}.txt`,
      },
      entities,
      relations,
    };
    yield { id, seed, text: `Named in this report: ${mentionsLine}.\n${sentences.join('\n')}\n` };
  }
}

/** Writes the corpus as `<dir>/<id>.yaml` with texts under `<dir>/articles/`; returns the seed files' paths. */
export function writeCorpus(dir: string, options: CorpusOptions, onArticle?: (done: number) => void): string[] {
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  const files: string[] = [];
  let done = 0;
  for (const { id, seed, text } of generateCorpus(options)) {
    writeFileSync(path.join(dir, 'articles', `${id}.txt`), text);
    const file = path.join(dir, `${id}.yaml`);
    writeFileSync(file, dump(seed, { lineWidth: -1 }));
    files.push(file);
    onArticle?.(++done);
  }
  return files;
}
