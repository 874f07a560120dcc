/**
 * What a draft links to: the entities the graph already knows (through the seed files it is loaded
 * from) and the table of sovereign states, each with the names it may be matched by. Only names and
 * global aliases are match terms; an article's own descriptions (`mentionedAs`) stay in its file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import type { EntityLabel } from '../model.ts';
import type { GraphDatabase } from '../db/client.ts';
import { entitiesNamed } from '../graph/lookups.ts';
import { isEntityLabel } from '../model.ts';
import { wordsOf } from './words.ts';
import { foldName, slugOf } from '../names.ts';
import { parseSeedSources, readSeedSource, type ParsedFile } from '../seed/parse.ts';

export interface KnownEntity {
  id: string;
  label: EntityLabel;
  name: string;
  /** Other names it is matched by. */
  aliases: string[];
  /**
   * Names of something else that stand for it in news wording: a state's seat of government
   * ("Washington said"). Matched too, but recorded as how the article calls it (mentionedAs).
   */
  metonyms?: string[];
  /** ISO 3166-1 alpha-2, for a country. */
  code?: string;
  /** What sort of thing it is, for the labels that take one (a draft that names it again gives the same). */
  kind?: string;
  /** Where the draft learnt of it: the graph, a seed file (the graph's entities) or the table of states. */
  origin: 'graph' | 'seed' | 'table';
}

export const COUNTRY_TABLE_FILE = path.join(PROJECT_ROOT, 'assets/draft/countries.tsv');

/** The table of sovereign states (assets/draft/countries.tsv). */
export function countryTable(file = COUNTRY_TABLE_FILE): KnownEntity[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.startsWith('#'))
    .map(({ line, number }) => {
      const [code, name, others = '', seats = ''] = line.split('\t');
      if (!code || !/^[A-Z]{2}$/.test(code) || !name) throw new Error(`${file}:${number}: expected "CODE<tab>Name<tab>other|names<tab>seats|of|government"`);
      const metonyms = seats.split('|').filter(Boolean);
      return { id: slugOf(name), label: 'Country', name, aliases: others.split('|').filter(Boolean), ...(metonyms.length ? { metonyms } : {}), code, origin: 'table' };
    });
}

/** A known entity from what a seed file or a plan gives of it (a Country's code, the kind of the labels that take one). */
export function knownEntityOf(
  entity: { id: string; label: EntityLabel; name: string; aliases: readonly string[]; code?: string | null; kind?: string | null },
  origin: KnownEntity['origin'],
  aliases: readonly string[] = entity.aliases,
): KnownEntity {
  const { code, kind } = entity;
  return { id: entity.id, label: entity.label, name: entity.name, aliases: [...aliases], ...(code ? { code } : {}), ...(kind ? { kind } : {}), origin };
}

/** Seed files read and parsed; problems with a file are handed to `warn`: a broken file elsewhere does not stop a draft. */
export async function parseSeedFiles(files: string[], warn: (message: string) => void): Promise<ParsedFile[]> {
  const problems: string[] = [];
  const parsed = await parseSeedSources(await Promise.all(files.map((file) => readSeedSource(file))), problems);
  for (const problem of problems) warn(problem);
  return parsed;
}

/**
 * The entities parsed seed files define, each once (the first definition; aliases of every one),
 * leaving out the files of the articles in `except` (the article being drafted anew).
 */
export function knownFromParsed(parsed: ParsedFile[], except: Set<string>): KnownEntity[] {
  const known = new Map<string, KnownEntity>();
  for (const { seed } of parsed) {
    if (except.has(seed.article.id)) continue;
    for (const entity of seed.entities) {
      if (entity.label === 'Statement') continue;
      const seen = known.get(entity.id);
      if (seen) seen.aliases = [...new Set([...seen.aliases, ...entity.aliases])];
      else known.set(entity.id, knownEntityOf(entity, 'seed'));
    }
  }
  return [...known.values()];
}

/** The entities the seed files define (see knownFromParsed). */
export async function knownFromSeedFiles(files: string[], except: Set<string>, warn: (message: string) => void): Promise<KnownEntity[]> {
  return knownFromParsed(await parseSeedFiles(files, warn), except);
}

/**
 * The graph's entities and the table's states as one list: a state the graph knows (by its code)
 * keeps the graph's id, name and label, and gains the table's other names.
 */
export function withCountryTable(known: KnownEntity[], table: KnownEntity[]): KnownEntity[] {
  const byCode = new Map(known.filter((entity) => entity.code).map((entity) => [entity.code!, entity]));
  const ids = new Set(known.map((entity) => entity.id));
  const merged = known.map((entity) => ({ ...entity, aliases: [...entity.aliases] }));
  const mergedById = new Map(merged.map((entity) => [entity.id, entity]));
  for (const state of table) {
    const same = byCode.get(state.code!);
    if (same) {
      const entity = mergedById.get(same.id)!;
      entity.aliases = [...new Set([...entity.aliases, ...[state.name, ...state.aliases].filter((name) => name !== entity.name)])];
      if (state.metonyms) entity.metonyms = [...new Set([...(entity.metonyms ?? []), ...state.metonyms])];
    } else if (!ids.has(state.id)) merged.push(state);
  }
  return merged;
}

/** The longest name, in words, looked up in the graph: longer runs of words are not asked. */
export const LONGEST_GRAPH_NAME = 8;
const CANDIDATES_PER_QUERY = 2_000;

/**
 * The entities of the graph that the text may name: every run of up to LONGEST_GRAPH_NAME words
 * that begins with a capital letter or a digit ("Israel", "U.S. Central Command", "2024 war"), folded,
 * is looked up through the full-text index of names and aliases. The cost follows the text, not the
 * graph. Names that begin in lower case ("southern Israel") are found only within such a run.
 */
export async function knownFromGraph(db: GraphDatabase, text: string): Promise<KnownEntity[]> {
  const words = wordsOf(text);
  const keys = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    if (!/^[\p{Lu}\p{N}]/u.test(words[i]!.text)) continue;
    for (let last = i; last < Math.min(words.length, i + LONGEST_GRAPH_NAME); last++) {
      if (text.slice(words[i]!.start, words[last]!.end).includes('\n')) break;
      const key = foldName(text.slice(words[i]!.start, words[last]!.end));
      if (key) keys.add(key);
    }
  }
  const found = new Map<string, KnownEntity>();
  const asked = [...keys];
  for (let i = 0; i < asked.length; i += CANDIDATES_PER_QUERY) {
    const rows = await db.read('draft.known', (tx) => entitiesNamed(tx, asked.slice(i, i + CANDIDATES_PER_QUERY)));
    for (const row of rows) {
      if (found.has(row.id) || !isEntityLabel(row.label) || row.label === 'Statement') continue;
      if (![row.name, ...row.aliases].some((name) => foldName(name) === row.key)) continue;
      found.set(row.id, knownEntityOf({ ...row, label: row.label }, 'graph'));
    }
  }
  return [...found.values()];
}
