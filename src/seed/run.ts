/** The seeder as a function: used by `npm run seed`, by `npm start` and by the tests. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { PROJECT_ROOT } from '../config.ts';
import type { GraphDatabase } from '../db/client.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import { databaseEntities, DEFAULT_BATCH_SIZE, loadPlans, resetProjectData, type ArticleReport } from './load.ts';
import { SeedValidationError, validateSeedFiles, type ArticlePlan, type ExternalEntities } from './validate.ts';

export const DEFAULT_SEED_DIR = path.join(PROJECT_ROOT, 'seed');
const SEED_FILE = /\.(ya?ml|json)$/i;

export interface SeedOptions {
  /** Files, folders or globs; empty means every seed file under seed/. */
  inputs?: string[];
  dryRun?: boolean;
  reset?: boolean;
  batchSize?: number;
  log?: (line: string) => void;
  /** Progress lines of long loads (about one every two seconds). */
  progress?: (line: string) => void;
}

export interface SeedResult {
  dryRun: boolean;
  plans: ArticlePlan[];
  reports: ArticleReport[];
  ms: number;
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

export async function seed(db: GraphDatabase, options: SeedOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const files = await resolveSeedFiles(options.inputs ?? []);
  const plans = await validateSeedFiles(files.map((file) => path.relative(process.cwd(), file) || file), lookupOrNothing(db));
  const counts = totals(plans);
  log(
    `Validated ${files.length} seed file${files.length === 1 ? '' : 's'}: ${plans.length} article${plans.length === 1 ? '' : 's'}, ` +
      `${counts.entities} entities, ${counts.relations} relationships, ${counts.mentions} mentions.`,
  );
  if (options.dryRun) return { dryRun: true, plans, reports: [], ms: performance.now() - started };

  if (options.reset) {
    const removed = await resetProjectData(db);
    log(`Reset: removed ${removed} nodes (entities and articles) and their relationships.`);
  }
  let lastPrint = performance.now();
  const reports = await loadPlans(db, plans, {
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    onProgress: ({ article, phase, done, total }) => {
      if (options.progress && performance.now() - lastPrint > 2_000) {
        lastPrint = performance.now();
        options.progress(`  ${article}: ${done}/${total} rows (${phase})`);
      }
    },
  });
  return { dryRun: false, plans, reports, ms: performance.now() - started };
}

/** In a dry run the database may well be down; references it would resolve are then reported as unknown. */
function lookupOrNothing(db: GraphDatabase): ExternalEntities {
  const lookup = databaseEntities(db);
  return async (ids) => {
    try {
      return await lookup(ids);
    } catch (error) {
      if (error instanceof DatabaseUnavailableError) return new Map();
      throw error;
    }
  };
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

export function formatPlanSummary(plans: ArticlePlan[]): string {
  const lines: string[] = ['Dry run: nothing was written.'];
  for (const plan of plans) {
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

export function formatReport(reports: ArticleReport[], ms: number): string {
  const lines: string[] = [];
  for (const report of reports) {
    const outcome = { loaded: 'loaded', unchanged: 'already loaded, unchanged', repaired: 'reloaded (changed, or an earlier load was interrupted)' }[report.outcome];
    lines.push(`Article ${report.id}: ${outcome} in ${(report.ms / 1000).toFixed(2)}s`);
    const headings = ['', 'created', 'already there'];
    lines.push(...table('label', Object.entries(report.labels).map(([k, t]) => [k, t.created, t.existing]), headings));
    lines.push(...table('relationship type', Object.entries(report.types).map(([k, t]) => [k, t.created, t.existing]), headings));
  }
  lines.push(`Done in ${(ms / 1000).toFixed(2)}s.`);
  return lines.join('\n');
}
