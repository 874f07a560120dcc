/**
 * `npm run draft`: reads an article's text, drafts its seed file against what the seed files already
 * define, checks the draft as the seeder would, and only then writes it with a copy of the text.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { UserFacingError } from '../errors.ts';
import { isRealDate } from '../model.ts';
import { SeedValidationError, validateSeedFiles } from '../seed/validate.ts';
import type { ParsedFile } from '../seed/parse.ts';
import type { GraphDatabase } from '../db/client.ts';
import { articleStored } from '../graph/lookups.ts';
import { slugOf } from '../names.ts';
import { countryTable, knownFromGraph, knownFromParsed, parseSeedFiles, withCountryTable } from './known.ts';
import { draftArticle, isUntouchedDraft, writtenAsIs, type Draft, type DraftArticle } from './draft.ts';
import type { Proposer } from './proposer.ts';

export interface DraftOptions {
  textFile: string;
  seedDir: string;
  id?: string;
  title?: string;
  publisher?: string;
  publishedAt?: string;
  path?: string;
  /** Replace the seed file and text of an article with this id, if there are any. */
  force?: boolean;
  /** Read what the graph knows from this database (the names the text may hold), rather than from the seed files. */
  graph?: GraphDatabase;
  /** Check the draft but write nothing (for --json): no file is replaced, so none is in the way. */
  write?: boolean;
  /** What proposes new entities and facts (default: the rules of src/draft/patterns.ts). */
  proposer?: Proposer;
  warn?: (message: string) => void;
}

export interface DraftResult extends Draft {
  seedFile: string;
  textCopy: string;
  article: DraftArticle;
  /** How many of the linked entities the graph (or the seed files) knows, and how many come from the table of states only. */
  fromSeed: number;
  fromTable: number;
  /** Where the known entities were read: the graph, or the seed files. */
  source: 'graph' | 'seed files';
  ms: number;
}

const DATE_IN_NAME = /^(\d{4}-\d{2}-\d{2})/;
const SEED_PATTERN = '*.{yaml,yml,json}';

/** The article's text: UTF-8 (a byte-order mark is dropped), and not empty. */
export async function readDraftText(file: string): Promise<string> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserFacingError(`${file}: cannot be read: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    throw new UserFacingError(`${file}: not UTF-8 text (the first byte that is not is at offset ${at}); convert it to UTF-8 first`);
  }
  if (text.trim() === '') throw new UserFacingError(`${file}: the article text is empty`);
  return text;
}

function firstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest prefix that decodes ends within three bytes of the first bad byte.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

function articleOf(options: DraftOptions, text: string): DraftArticle {
  const base = path.basename(options.textFile).replace(/\.[^.]+$/, '');
  const id = options.id ?? slugOf(base);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new UserFacingError(`--id "${id}": expected a slug: lower-case letters and digits joined by single hyphens`);
  const publishedAt = options.publishedAt ?? DATE_IN_NAME.exec(base)?.[1];
  if (!publishedAt) throw new UserFacingError(`${options.textFile}: give the publication date with --published YYYY-MM-DD (the file's name does not begin with one)`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(publishedAt) || !isRealDate(publishedAt))
    throw new UserFacingError(`--published "${publishedAt}": expected a calendar date YYYY-MM-DD`);
  const title = options.title ?? text.split('\n').map((line) => line.trim()).find((line) => line.split(/\s+/).length >= 4) ?? base;
  return { id, title: title.slice(0, 300), publisher: options.publisher ?? 'unknown', publishedAt, path: options.path ?? path.basename(options.textFile), text: `articles/${id}.txt` };
}

/** Seed files in the folder that hold the article `id`: by name, or by the id they give. */
function filesOfArticle(files: string[], parsed: ParsedFile[], id: string): string[] {
  const named = files.filter((file) => path.basename(file).replace(/\.(ya?ml|json)$/, '') === id);
  const declared = parsed.filter((file) => file.seed.article.id === id).map((file) => file.file);
  return [...new Set([...named, ...declared])];
}

export async function draft(options: DraftOptions): Promise<DraftResult> {
  const started = performance.now();
  const warn = options.warn ?? (() => {});
  const text = await readDraftText(options.textFile);
  const article = articleOf(options, text);
  const seedDir = path.resolve(options.seedDir);
  const seedFile = path.join(seedDir, `${article.id}.yaml`);
  const textCopy = path.join(seedDir, article.text);

  const files = (await stat(seedDir).catch(() => undefined)) ? (await glob(SEED_PATTERN, { cwd: seedDir, absolute: true, onlyFiles: true })).sort() : [];
  const relative = (file: string) => path.relative(process.cwd(), file);
  // Without --graph every seed file is read, once: for what the graph knows, and for one that gives
  // this article's id. With it, no seed file is read (the cost is the article's, not the corpus's):
  // the article is there if a seed file bears its name or the graph holds it.
  const parsed = options.graph ? [] : await parseSeedFiles(files, warn);
  // A draft nobody has edited, and a copy of this same text, are replaced without asking: drafting
  // again (with --graph, after a first draft offline) loses nothing. Anything else needs --force.
  const edited: string[] = [];
  for (const file of filesOfArticle(files, parsed, article.id)) if (!isUntouchedDraft(await readFile(file, 'utf8'))) edited.push(file);
  const existing = [
    ...edited.map(relative),
    ...((await readFile(textCopy, 'utf8').catch(() => text)) !== text ? [relative(textCopy)] : []),
    ...(options.graph && (await options.graph.read('draft.article', (tx) => articleStored(tx, article.id))) ? ['the graph'] : []),
  ];
  if (existing.length > 0 && !options.force && options.write !== false)
    throw new UserFacingError(`an article with id "${article.id}" is already there (${existing.join(', ')}): give another --id, or --force to replace it`);

  // What the graph knows comes from the graph itself, or from every other article's seed file (this article's own is being replaced).
  const stored = options.graph ? await knownFromGraph(options.graph, text) : knownFromParsed(parsed, new Set([article.id]));
  const known = withCountryTable(stored, countryTable());
  const drafted = draftArticle(text, article, known, options.proposer);

  // The draft is checked as the seeder checks a file, in a folder of its own, before anything is written.
  await mkdir(seedDir, { recursive: true });
  const scratch = await mkdtemp(path.join(seedDir, '.draft-'));
  try {
    await mkdir(path.join(scratch, 'articles'));
    await writeFile(path.join(scratch, article.text), text);
    await writeFile(path.join(scratch, `${article.id}.yaml`), drafted.yaml);
    try {
      await validateSeedFiles([path.join(scratch, `${article.id}.yaml`)]);
    } catch (error) {
      if (error instanceof SeedValidationError) throw new Error(`the draft does not pass validation:\n${error.problems.join('\n')}`);
      throw error;
    }
    if (options.write !== false) {
      await mkdir(path.dirname(textCopy), { recursive: true });
      if (path.resolve(options.textFile) !== textCopy) await rename(path.join(scratch, article.text), textCopy);
      await rename(path.join(scratch, `${article.id}.yaml`), seedFile);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const fromTable = drafted.linked.filter((link) => link.entity.origin === 'table').length;
  return {
    ...drafted,
    seedFile,
    textCopy,
    article,
    fromSeed: drafted.linked.length - fromTable,
    fromTable,
    source: options.graph ? 'graph' : 'seed files',
    ms: performance.now() - started,
  };
}

export function formatDraftReport(result: DraftResult): string {
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  const typed = result.proposedEntities.filter((p) => p.label !== null).length;
  return [
    `Drafted ${relative(result.seedFile)} (the text is copied to ${relative(result.textCopy)}) in ${Math.round(result.ms)} ms:`,
    `  linked:   ${result.linked.length} entities the text names (${result.fromSeed} known to the ${result.source}, ${result.fromTable} from the table of states), defined in the file`,
    `  proposed: ${result.proposedEntities.length} new entities (${typed} typed) and ${result.proposedRelations.length} relationships, as comments to un-comment`,
    `  look at:  ${result.unexplained.length} sentences that name two or more known entities but gave no relationship (listed at the end of the file)`,
    ...(result.ambiguous.length ? [`  unlinked: ${result.ambiguous.length} names that fit more than one entity (listed at the end of the file)`] : []),
    `Next: review it, then \`npm run seed -- --dry-run ${relative(result.seedFile)}\`.`,
  ].join('\n');
}

/**
 * Every proposal of a draft as plain data (`npm run draft -- --json`): the entities, linked or
 * proposed, and the facts, each with its type, its ends by id and name, its status, its evidence
 * and the pattern that found it, and whether the draft writes it as it is (`confirmed`) or as a comment.
 */
export function draftAsJson(result: DraftResult): unknown {
  const written = writtenAsIs(result);
  const names = new Map<string, string>([...result.linked.map((l) => [l.entity.id, l.entity.name] as const), ...result.proposedEntities.map((p) => [p.id, p.name] as const)]);
  return {
    article: result.article,
    entities: [
      ...result.linked.map((l) => ({
        id: l.entity.id,
        name: l.entity.name,
        label: l.entity.label,
        ...(l.entity.kind ? { kind: l.entity.kind } : {}),
        confirmed: true,
        origin: l.entity.origin,
        aliases: l.aliases,
        mentionedAs: l.mentionedAs,
        evidence: l.sentence,
      })),
      ...result.proposedEntities.map((p) => ({
        id: p.id,
        name: p.name,
        label: p.label,
        ...(p.kind ? { kind: p.kind } : {}),
        confirmed: written.has(p.id),
        cue: p.cue,
        ...(p.aliases ? { aliases: p.aliases } : {}),
        ...(p.mentionedAs?.length ? { mentionedAs: p.mentionedAs } : {}),
        ...(p.quote ? { quote: p.quote, form: p.form } : {}),
        evidence: p.sentence,
      })),
    ],
    facts: result.proposedRelations.map(({ from, to, ...fact }) => ({
      ...fact,
      from: { id: from, name: names.get(from) ?? from },
      to: { id: to, name: names.get(to) ?? to },
      confirmed: written.has(from) && written.has(to),
    })),
    unexplained: result.unexplained,
    ambiguous: result.ambiguous,
  };
}
