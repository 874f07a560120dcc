import { existsSync, mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classArchiveOptions, settleClassArchive, writesClassArchive } from '../../src/db/local/class-archive.ts';

const JAVA = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK 64-Bit Server VM (build 17.0.15+6, mixed mode, sharing)\n';

/** A jars folder with two jars and a server folder, as the local server has them. */
function folders() {
  const root = mkdtempSync(path.join(tmpdir(), 'class-archive-'));
  const jars = path.join(root, 'lib');
  const server = { dir: path.join(root, 'server') };
  mkdirSync(jars);
  mkdirSync(server.dir);
  writeFileSync(path.join(jars, 'neo4j-5.26.30.jar'), 'jar one');
  writeFileSync(path.join(jars, 'neo4j-kernel-5.26.30.jar'), 'jar two');
  return { jars, server };
}

/** What a JVM given these options leaves behind when it exits: the archive it was told to write, if any. */
function exitJvm(options: string[]): void {
  const target = options.find((o) => o.startsWith('-XX:ArchiveClassesAtExit='))?.split('=')[1];
  if (target) writeFileSync(target, 'archived classes');
}

const archives = (jars: string) => readdirSync(jars).filter((name) => name.endsWith('.jsa'));

describe('the class archive of the local server', () => {
  it('when no archive exists, then the server writes one as it stops, and a clean stop keeps it for every later start', () => {
    const { jars, server } = folders();
    const first = classArchiveOptions(server, jars, JAVA);
    expect(first).toEqual([expect.stringMatching(/^-XX:ArchiveClassesAtExit=.*\.part$/)]);
    expect(writesClassArchive(server)).toBe(true);
    exitJvm(first);
    expect(settleClassArchive(server, true)).toBe(true);
    expect(writesClassArchive(server)).toBe(false);
    expect(archives(jars)).toHaveLength(1);
    expect(readdirSync(jars).filter((name) => name.endsWith('.part'))).toEqual([]);

    const later = classArchiveOptions(server, jars, JAVA);
    expect(later).toEqual([`-XX:SharedArchiveFile=${path.join(jars, archives(jars)[0]!)}`]);
    expect(writesClassArchive(server)).toBe(false);
  });

  it('when the server is killed or crashes before it stops cleanly, then its partial archive is thrown away and the next start writes one again', () => {
    const { jars, server } = folders();
    const killed = classArchiveOptions(server, jars, JAVA);
    exitJvm(killed);
    expect(settleClassArchive(server, false)).toBe(false);
    expect(readdirSync(jars).filter((name) => !name.endsWith('.jar'))).toEqual([]);

    // A crash: nobody settles; the next start throws the leftover away and asks for a new archive.
    const crashed = classArchiveOptions(server, jars, JAVA);
    exitJvm(crashed);
    const next = classArchiveOptions(server, jars, JAVA);
    expect(next[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
    expect(readdirSync(jars).filter((name) => !name.endsWith('.jar'))).toEqual([]);
  });

  it('when a jar or the JDK changes, then the old archive no longer fits: a new one is written and replaces it', () => {
    const { jars, server } = folders();
    exitJvm(classArchiveOptions(server, jars, JAVA));
    settleClassArchive(server, true);
    const [old] = archives(jars);

    utimesSync(path.join(jars, 'neo4j-5.26.30.jar'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const afterNewJar = classArchiveOptions(server, jars, JAVA);
    expect(afterNewJar[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
    exitJvm(afterNewJar);
    settleClassArchive(server, true);
    expect(archives(jars)).toHaveLength(1);
    expect(archives(jars)[0]).not.toBe(old);

    const newJdk = classArchiveOptions(server, jars, JAVA.replaceAll('17.0.15', '17.0.16'));
    expect(newJdk[0]).toMatch(/^-XX:ArchiveClassesAtExit=/);
    settleClassArchive(server, false);
  });

  it('when two servers start before any archive exists, then each writes its own file and the last clean stop leaves one archive', () => {
    const { jars, server } = folders();
    const other = { dir: path.join(path.dirname(server.dir), 'other') };
    mkdirSync(other.dir);
    const [a, b] = [classArchiveOptions(server, jars, JAVA), classArchiveOptions(other, jars, JAVA)];
    expect(a[0]).not.toBe(b[0]);
    exitJvm(a);
    exitJvm(b);
    expect(settleClassArchive(server, true)).toBe(true);
    expect(settleClassArchive(other, true)).toBe(true);
    expect(archives(jars)).toHaveLength(1);
    expect(readdirSync(jars).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('when the JDK has no class-data sharing, then the server gets no archive option at all', () => {
    const { jars, server } = folders();
    expect(classArchiveOptions(server, jars, 'openjdk version "17.0.15"\nOpenJDK 64-Bit Server VM (mixed mode)\n')).toEqual([]);
    expect(writesClassArchive(server)).toBe(false);
    expect(existsSync(path.join(server.dir, 'class-archive.pending'))).toBe(false);
  });
});
