/**
 * Java's class-data sharing for the local server. Neo4j loads and verifies about 18,600 classes
 * from its jars at every start; the first server that stops cleanly writes the classes it
 * loaded to an archive next to the jars (`-XX:ArchiveClassesAtExit`), and every later start maps
 * them from there. On a 2-core machine a start took 9.1–9.8 s without the archive and 5.0–6.7 s with it.
 *
 * The archive is named after everything Java checks it against (the JDK's build, the jars' names,
 * sizes and dates), so a new JDK or new jars make a new one instead of an archive Java would refuse.
 * A JDK without class-data sharing (no "sharing" in `java -version`) gets no option at all.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serverPaths, type LocalServerOptions } from './configuration.ts';

const PREFIX = 'neo4j-classes-';
const ARCHIVE = '.jsa';
const PART = '.part';

/** The archive that fits this JDK and these jars. */
function archiveFile(jarsDir: string, javaDescription: string): string {
  const hash = createHash('sha256').update(javaDescription);
  for (const name of readdirSync(jarsDir).filter((n) => n.endsWith('.jar')).sort()) {
    const { size, mtimeMs } = statSync(path.join(jarsDir, name));
    hash.update(`\n${name} ${size} ${Math.trunc(mtimeMs)}`);
  }
  return path.join(jarsDir, `${PREFIX}${hash.digest('hex').slice(0, 16)}${ARCHIVE}`);
}

/** Where a server folder notes the archive its running server writes when it stops. */
function pendingNote(options: Pick<LocalServerOptions, 'dir'>): string {
  return path.join(serverPaths(options).dir, 'class-archive.pending');
}

/**
 * The JVM options that use the archive, or, while there is none, write it when this server stops.
 * Several servers may write one at once, each to a file of its own; the last to stop cleanly wins.
 */
export function classArchiveOptions(options: Pick<LocalServerOptions, 'dir'>, jarsDir: string, javaDescription: string): string[] {
  if (!javaDescription.includes('sharing')) return [];
  discardPending(options);
  const archive = archiveFile(jarsDir, javaDescription);
  if (existsSync(archive)) return [`-XX:SharedArchiveFile=${archive}`];
  const part = `${archive}.${randomBytes(4).toString('hex')}${PART}`;
  writeFileSync(pendingNote(options), `${part}\n`);
  return [`-XX:ArchiveClassesAtExit=${part}`];
}

/** Whether the server of this folder writes an archive when it stops (which takes it a few seconds more). */
export function writesClassArchive(options: Pick<LocalServerOptions, 'dir'>): boolean {
  return existsSync(pendingNote(options));
}

/**
 * After the server has stopped: keeps the archive it wrote if it stopped cleanly (Java writes the file
 * last thing before it exits), else throws the partial file away. Older archives of the jars folder go.
 */
export function settleClassArchive(options: Pick<LocalServerOptions, 'dir'>, stoppedCleanly: boolean): boolean {
  const note = pendingNote(options);
  if (!existsSync(note)) return false;
  const part = readFileSync(note, 'utf8').trim();
  rmSync(note, { force: true });
  if (!stoppedCleanly || !existsSync(part) || statSync(part).size === 0) {
    rmSync(part, { force: true });
    return false;
  }
  const archive = part.slice(0, part.lastIndexOf(ARCHIVE) + ARCHIVE.length);
  renameSync(part, archive);
  const dir = path.dirname(archive);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && name.endsWith(ARCHIVE) && path.join(dir, name) !== archive) rmSync(path.join(dir, name), { force: true });
  }
  return true;
}

/** A server that ended without a clean stop (killed, crashed) leaves its partial archive behind: it goes before the next start. */
function discardPending(options: Pick<LocalServerOptions, 'dir'>): void {
  settleClassArchive(options, false);
}
