/** The seeder as a function: used by `npm run seed`, by `npm start` and by the tests. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { PROJECT_ROOT } from '../config.ts';
import type { GraphDatabase } from '../db/client.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import { factIdentity } from '../graph/keys.ts';
import { articlesByFileHash, containmentFrom, statementsSaying, type StoredArticle } from '../graph/lookups.ts';
import type { StoredPlaces } from '../graph/write/evidence.ts';
import { joinedUndated } from '../graph/write/joining.ts';
import { overtakingStates } from '../graph/write/overtaking.ts';
import { isLegacyGraph } from '../graph/write/schema.ts';
import { readArticleText } from './article-text.ts';
import { databaseDefiners, databaseEntities, databaseLookalikes, DEFAULT_BATCH_SIZE, loadPlans, resetProjectData, withdraw, type LoadReport } from './load.ts';
import type { ExternalContainment, ExternalFacts, StoredFact } from './check.ts';
import { hashText, readSeedSource, type SeedSource } from './parse.ts';
import type { ArticlePlan } from './plan.ts';
import { SeedValidationError, validateSeedSources } from './validate.ts';
import { UserFacingError } from '../errors.ts';

export const DEFAULT_SEED_DIR = path.join(PROJECT_ROOT, 'seed');
const SEED_FILE = /\.(ya?ml|json)$/i;

export interface SeedOptions {
  /** Files, folders or globs; empty means every seed file under seed/. */
  inputs?: string[];
  dryRun?: boolean;
  reset?: boolean;
  /** Ids of articles to take out of the graph (their seed files are not read). */
  withdraw?: string[];
  batchSize?: number;
  log?: (line: string) => void;
  /** Progress lines of long loads (about one every two seconds), and of waits for another seed run. */
  progress?: (line: string) => void;
  /** Likely duplicates (two ids with the same name once folded) are errors instead of warnings. */
  strict?: boolean;
  /** Hears each likely duplicate; by default it goes to `log`, as "warning: …". */
  warn?: (warning: string) => void;
}

export interface SeedResult {
  dryRun: boolean;
  /** The new and changed articles, validated (and, unless a dry run, loaded). */
  plans: ArticlePlan[];
  /** Articles whose seed file and text are exactly as loaded: neither parsed nor written. */
  unchanged: string[];
  withdrawn: string[];
  report?: LoadReport;
  ms: number;
}

/** Thrown when the graph was written by an earlier seeder whose provenance this one cannot take back article by article. */
export class SeedStateError extends UserFacingError {
  override name = 'SeedStateError';
}

export async function resolveSeedFiles(inputs: string[]): Promise<string[]> {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const input of inputs.length > 0 ? inputs : [DEFAULT_SEED_DIR]) {
    if (isDynamicPattern(input)) {
      const matches = (await glob(input, { absolute: true, onlyFiles: true })).filter((file) => SEED_FILE.test(file));
      if (matches.length === 0) problems.push(`${input}: no seed file matches this pattern`);
      matches.sort().forEach((file) => files.add(file));
      continue;
    }
    const absolute = path.resolve(input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) problems.push(`${input}: no such file or folder`);
    else if (info.isDirectory()) {
      const matches = await glob('*.{yaml,yml,json}', { cwd: absolute, absolute: true, onlyFiles: true });
      if (matches.length === 0) problems.push(`${input}: the folder holds no seed file (*.yaml, *.yml, *.json)`);
      matches.sort().forEach((file) => files.add(file));
    } else files.add(absolute);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return [...files];
}

/** Reads every file, a few at a time; a file that cannot be read is a problem of the seed data. */
async function readSources(files: string[]): Promise<SeedSource[]> {
  const sources: SeedSource[] = [];
  const problems: string[] = [];
  const display = (file: string) => path.relative(process.cwd(), file) || file;
  for (let i = 0; i < files.length; i += READ_CONCURRENCY) {
    const chunk = files.slice(i, i + READ_CONCURRENCY);
    const read = await Promise.allSettled(chunk.map((file) => readSeedSource(display(file))));
    read.forEach((result, j) => {
      if (result.status === 'fulfilled') sources.push(result.value);
      else problems.push(`${display(chunk[j]!)}: cannot be read: ${(result.reason as Error).message}`);
    });
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return sources;
}

const READ_CONCURRENCY = 64;

/**
 * What the graph holds of these sources, in one read: the loaded articles whose seed file has one of
 * their hashes. Outside a dry run it first makes sure an earlier seeder, whose provenance this one
 * cannot take back, did not write the graph. Undefined when a dry run finds the database down: the
 * files are then checked on their own.
 */
async function storedArticles(db: GraphDatabase, sources: SeedSource[], dryRun: boolean | undefined): Promise<StoredArticle[] | undefined> {
  const hashes = [...new Set(sources.map((source) => source.fileHash))];
  let stored: StoredArticle[] | 'legacy';
  try {
    stored = await db.read('seed.state', async (tx) => (!dryRun && (await isLegacyGraph(tx)) ? 'legacy' : articlesByFileHash(tx, hashes)));
  } catch (error) {
    if (dryRun && error instanceof DatabaseUnavailableError) return undefined;
    throw error;
  }
  if (stored === 'legacy') throw legacyGraph();
  return stored;
}

function legacyGraph(): SeedStateError {
  return new SeedStateError(
    'The graph was written by an earlier version of the seeder, which keeps provenance (or counts) differently. ' +
      'Rebuild it from the seed files with: npm run seed -- --reset',
  );
}

/** Splits the sources into those whose article is loaded exactly as they now say (same seed file, same text) and the rest. */
async function findUnchanged(stored: StoredArticle[], sources: SeedSource[]): Promise<{ unchanged: Map<string, string>; changed: SeedSource[] }> {
  const byHash = new Map(stored.map((article) => [article.fileHash!, article]));
  const unchanged = new Map<string, string>();
  const changed: SeedSource[] = [];
  for (const source of sources) {
    const article = byHash.get(source.fileHash);
    const text = article && !unchanged.has(article.id) ? await readArticleText(source.file, article.textFile).catch(() => undefined) : undefined;
    if (article && text !== undefined && hashText(text) === article.textHash) unchanged.set(article.id, source.file);
    else changed.push(source);
  }
  return { unchanged, changed };
}

export async function seed(db: GraphDatabase, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  if (options.withdraw && options.withdraw.length > 0) {
    if (!options.dryRun && (await db.read('seed.state', isLegacyGraph))) throw legacyGraph();
    const withdrawn = options.dryRun ? [] : await withdraw(db, options.withdraw, options.progress);
    const missing = options.withdraw.filter((id) => !withdrawn.includes(id));
    log(
      options.dryRun
        ? `Dry run: would withdraw ${options.withdraw.join(', ')}.`
        : `Withdrew ${withdrawn.length} article${withdrawn.length === 1 ? '' : 's'}${withdrawn.length ? `: ${withdrawn.join(', ')}` : ''}.` +
            (missing.length ? ` Not in the graph: ${missing.join(', ')}.` : ''),
    );
    return { dryRun: Boolean(options.dryRun), plans: [], unchanged: [], withdrawn, ms: performance.now() - started };
  }

  const files = await resolveSeedFiles(options.inputs ?? []);
  const sources = await readSources(files);
  const stored = options.reset ? undefined : await storedArticles(db, sources, options.dryRun);
  const { unchanged, changed } = stored ? await findUnchanged(stored, sources) : { unchanged: new Map<string, string>(), changed: sources };
  const plans = await validateSeedSources(changed, {
    ...(stored
      ? {
          entities: databaseEntities(db),
          definers: databaseDefiners(db),
          containment: databaseContainment(db),
          lookalikes: databaseLookalikes(db),
          facts: databaseFacts(db),
          statements: (asks: { speaker: string; key: string }[], replaced: string[]) => db.read('seed.statements', (tx) => statementsSaying(tx, asks, replaced)),
        }
      : {}),
    strict: options.strict,
    warn: options.warn ?? ((warning) => log(`warning: ${warning}`)),
    loadedArticles: unchanged,
  });
  const counts = totals(plans);
  log(
    `Validated ${files.length} seed file${files.length === 1 ? '' : 's'}: ${plans.length} new or changed article${plans.length === 1 ? '' : 's'} ` +
      `(${counts.entities} entities, ${counts.relations} relationships, ${counts.mentions} mentions)` +
      (unchanged.size > 0 ? `; ${unchanged.size} unchanged, skipped.` : '.'),
  );
  const result: SeedResult = { dryRun: Boolean(options.dryRun), plans, unchanged: [...unchanged.keys()], withdrawn: [], ms: 0 };
  if (options.dryRun) return { ...result, ms: performance.now() - started };

  if (options.reset) {
    const removed = await resetProjectData(db, undefined, options.progress);
    log(`Reset: removed ${removed} nodes (entities, articles and the counts kept of them) and their relationships.`);
  }
  let lastPrint = performance.now();
  result.report = await loadPlans(db, plans, {
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    ...(options.progress ? { onWait: options.progress } : {}),
    onProgress: ({ articles, totalArticles, rows, totalRows }) => {
      if (options.progress && performance.now() - lastPrint > 2_000) {
        lastPrint = performance.now();
        options.progress(`  ${articles.toLocaleString('en')}/${totalArticles.toLocaleString('en')} articles (${rows.toLocaleString('en')}/${totalRows.toLocaleString('en')} rows)`);
      }
    },
  });
  return { ...result, ms: performance.now() - started };
}

function databaseFacts(db: GraphDatabase): ExternalFacts {
  return async (identities) => {
    const { states, joined } = await db.read('seed.overtaken', async (tx) => {
      const found = await overtakingStates(tx, identities);
      const present = new Set(found.map((state) => factIdentity(state.type, state.subject, state.object, state.key)));
      return { states: found, joined: await joinedUndated(tx, identities.filter((identity) => !present.has(identity))) };
    });
    const reportsOf = (fact: StoredPlaces) => fact.sources.map((source, i) => ({ source, reported: fact.reported[i]!, details: fact.details[i] ?? '{}' }));
    return new Map([
      ...states.map((state): [string, StoredFact] => [
        factIdentity(state.type, state.subject, state.object, state.key),
        { sources: state.sources, overtakenBy: state.overtakenBy, overtakenIn: state.overtakenIn, reports: reportsOf(state) },
      ]),
      // An undated report of an event that is joined to the dated event is found under its own identity, as its article names it.
      ...joined.map(({ identity, fact }): [string, StoredFact] => [identity, { sources: fact.sources, overtakenBy: null, overtakenIn: [], reports: reportsOf(fact) }]),
    ]);
  };
}

function databaseContainment(db: GraphDatabase): ExternalContainment {
  return (type, ids, replaced) => db.read('seed.containment', (tx) => containmentFrom(tx, type, ids, replaced));
}

function totals(plans: ArticlePlan[]) {
  return {
    entities: plans.reduce((sum, plan) => sum + plan.entities.length, 0),
    relations: plans.reduce((sum, plan) => sum + plan.relations.length, 0),
    mentions: plans.reduce((sum, plan) => sum + plan.mentions.length, 0),
  };
}

function table(title: string, rows: [string, ...(string | number)[]][], headings: string[]): string[] {
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  const line = (cells: (string | number)[]) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(width) : String(cell).padStart(headings[i]!.length))).join('  ');
  return [`  ${line([title, ...headings.slice(1)])}`, ...rows.map((row) => `  ${line(row)}`)];
}

export function formatPlanSummary(result: SeedResult): string {
  const lines: string[] = ['Dry run: nothing was written.'];
  if (result.unchanged.length > 0) lines.push(`${result.unchanged.length} unchanged article${result.unchanged.length === 1 ? '' : 's'} would be skipped.`);
  for (const plan of result.plans) {
    const labels = new Map<string, number>();
    const types = new Map<string, number>();
    plan.entities.forEach((e) => labels.set(e.label, (labels.get(e.label) ?? 0) + 1));
    plan.relations.forEach((r) => types.set(r.type, (types.get(r.type) ?? 0) + 1));
    types.set('MENTIONS', plan.mentions.length);
    lines.push(`Article ${plan.article.id} (${plan.file}) would load:`);
    lines.push(...table('label', [...labels].map(([name, n]) => [name, n]), ['', 'nodes']));
    lines.push(...table('relationship type', [...types].map(([name, n]) => [name, n]), ['', 'relationships']));
  }
  return lines.join('\n');
}

function rate(count: number, ms: number): string {
  const perSecond = (count / ms) * 1000;
  return perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond).toLocaleString('en');
}

/** Articles named one by one up to this many; beyond it, only their number. */
const LISTED_ARTICLES = 10;

export function formatReport(result: SeedResult): string {
  const lines: string[] = [];
  const report = result.report;
  const count = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
  if (report) {
    if (report.loaded.length + report.reloaded.length <= LISTED_ARTICLES) {
      for (const id of report.loaded) lines.push(`Article ${id}: loaded`);
      for (const id of report.reloaded) lines.push(`Article ${id}: reloaded (its seed file or text changed, or an earlier load was interrupted)`);
    }
    const written = report.loaded.length + report.reloaded.length;
    lines.push(
      `Loaded ${count(report.loaded.length, 'new article')} and reloaded ${count(report.reloaded.length, 'changed one')} in ${count(report.transactions, 'transaction')}` +
        (written > 0 ? ` (${rate(written, report.ms)} articles/s)` : '') +
        '.',
    );
    if (written > 0) {
      const headings = ['', 'created', 'already there'];
      lines.push(...table('label', Object.entries(report.labels).map(([k, t]) => [k, t.created, t.existing]), headings));
      lines.push(...table('relationship type', Object.entries(report.types).map(([k, t]) => [k, t.created, t.existing]), headings));
    }
  }
  if (result.unchanged.length > 0) lines.push(`Skipped ${count(result.unchanged.length, 'unchanged article')}.`);
  lines.push(`Done in ${(result.ms / 1000).toFixed(2)}s.`);
  return lines.join('\n');
}
