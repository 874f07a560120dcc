/** Reading and parsing seed files: YAML or JSON, the seed file's shape, and its article text. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { ArticleTextError, readArticleText } from './article-text.ts';
import { seedFileSchema, type SeedFile } from './schema.ts';

/**
 * The version of what the seeder makes of a seed file. It is part of every file's hash, so that a
 * seeder that writes the graph differently loads every article anew once.
 */
export const SEED_FORMAT = 'entity-graph seed format 7';

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

export interface ParsedFile {
  file: string;
  seed: SeedFile;
  text: string;
  fileHash: string;
  textHash: string;
}

const PARSE_CONCURRENCY = 32;

/** Seed files have no use for YAML aliases; a few are allowed, never enough to multiply the data. */
const MAX_YAML_ALIASES = 20;

/** Parses the files in order; their article texts are read a few at a time, so that reading overlaps parsing. */
export async function parseSeedSources(sources: SeedSource[], problems: string[]): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  for (let i = 0; i < sources.length; i += PARSE_CONCURRENCY) {
    const results = await Promise.all(sources.slice(i, i + PARSE_CONCURRENCY).map((source) => parseSeedFile(source, problems)));
    for (const result of results) if (result) parsed.push(result);
  }
  return parsed;
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

