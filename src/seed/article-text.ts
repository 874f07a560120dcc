/**
 * Reads an article's text for a seed file. Seed files come from contributors, so the path a file
 * gives may not lead the seeder anywhere else on the machine: the text must be inside the seed
 * file's own folder (a subfolder such as `articles/` included), after following symbolic links.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

/** A news article is tens of kilobytes; the limit leaves room for the benchmarks' synthetic articles. */
export const MAX_ARTICLE_TEXT_BYTES = 100 * 1024 * 1024;

export class ArticleTextError extends Error {
  override name = 'ArticleTextError';
}

export async function readArticleText(seedFile: string, reference: string): Promise<string> {
  if (path.isAbsolute(reference)) {
    throw new ArticleTextError(`${reference} is an absolute path; give the text's path relative to the seed file's folder`);
  }
  const resolved = path.resolve(path.dirname(seedFile), reference);
  let real: string;
  let folder: string;
  try {
    [real, folder] = await Promise.all([realpath(resolved), realpath(path.dirname(seedFile))]);
  } catch (error) {
    throw new ArticleTextError(`cannot read the article text ${resolved}: ${(error as Error).message}`);
  }
  const inside = path.relative(folder, real);
  if (inside === '' || inside.split(path.sep)[0] === '..' || path.isAbsolute(inside)) {
    const via = real === resolved ? '' : ` (through a symbolic link, to ${real})`;
    throw new ArticleTextError(`${reference} leads outside the seed file's folder${via}; an article's text must be inside it`);
  }
  const info = await stat(real);
  if (!info.isFile()) throw new ArticleTextError(`${reference} is not a regular file`);
  if (info.size > MAX_ARTICLE_TEXT_BYTES) {
    throw new ArticleTextError(`${reference} has ${info.size} bytes; an article's text may have at most ${MAX_ARTICLE_TEXT_BYTES}`);
  }
  let text: string;
  try {
    // The byte-order mark, if any, stays: the text is hashed and quoted exactly as it is.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await readFile(real));
  } catch {
    throw new ArticleTextError(`${reference} is not valid UTF-8 text`);
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new ArticleTextError(`${reference} holds a NUL byte at character ${nul}; an article's text is plain text`);
  return text;
}
