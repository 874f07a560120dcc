/**
 * The local server as `npm run db:start` runs it: configured from the project's settings, ready when
 * the clients' database answers, and clear about what waiting cannot mend.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { GraphDatabase } from '../../src/db/client.ts';
import { LocalServerError, type LocalServerOptions } from '../../src/db/local/configuration.ts';
import { start, status, stop } from '../../src/db/local/server.ts';
import { freePort } from '../../src/db/local/throwaway.ts';

describe('the local server', () => {
  let options: LocalServerOptions;
  const quiet = () => {};

  afterAll(async () => {
    await stop(options, quiet);
    rmSync(options.dir, { recursive: true, force: true });
  });

  it('when NEO4J_DATABASE names a database, then the server serves it by that name; another name gets a database of its own, and a wrong password is refused, saying why', async () => {
    options = {
      dir: path.join(PROJECT_ROOT, '.neo4j', `test-local-${process.pid}`),
      boltPort: await freePort(),
      httpPort: await freePort(),
      username: 'neo4j',
      password: 'first-password',
      database: 'graph',
      heap: '512m',
      pageCache: '64m',
      // Each of its lives lasts seconds: Java's optimising compiler would only spend CPU (about 4 s of a start's 9 s here).
      javaOptions: ['-XX:TieredStopAtLevel=1'],
    };
    rmSync(options.dir, { recursive: true, force: true });
    /** The name of the database the clients reach with this name, and how many marker nodes it holds (after adding `add`). */
    const visit = async (database: string, add = 0) => {
      const db = GraphDatabase.connect(
        { uri: status(options).boltUri, username: options.username, password: options.password, database },
        { txTimeoutMs: 5_000, planTimeoutMs: 5_000, app: 'test' },
      );
      try {
        if (add > 0) await db.write('test.mark', (tx) => tx.query('UNWIND range(1, $add) AS i CREATE (:LocalServerMarker)', { add }));
        const [row] = await db.read('test.visit', (tx) =>
          tx.query<{ name: string; markers: number }>('CALL db.info() YIELD name RETURN name, COUNT { MATCH (:LocalServerMarker) } AS markers'),
        );
        return row;
      } finally {
        await db.close();
      }
    };

    expect((await start(options, quiet)).alreadyRunning).toBe(false);
    expect(await visit('graph', 3)).toEqual({ name: 'graph', markers: 3 });
    expect((await start(options, quiet)).alreadyRunning).toBe(true);

    // Started again with another database name and a wrong password: one start shows both (each start
    // of Neo4j costs seconds of both cores).
    await stop(options, quiet);
    const wrongPassword = start({ ...options, database: 'other', password: 'another-password' }, quiet);
    await expect(wrongPassword).rejects.toBeInstanceOf(LocalServerError);
    await expect(wrongPassword).rejects.toThrow(/refuses NEO4J_USERNAME\/NEO4J_PASSWORD: its password was set when its data folder was created/);
    // It runs, refusing the wrong password only (db:stop stops it), and serves the other database, empty.
    expect(status(options).running).toBe(true);
    expect(await visit('other')).toEqual({ name: 'other', markers: 0 });
    await stop(options, quiet);
    await start(options, quiet);
    expect(await visit('graph')).toEqual({ name: 'graph', markers: 3 });

    // A server has stopped cleanly by now, so this start maps the Java class archive (src/db/local/class-archive.ts),
    // and Java took it without a word: an archive it refused would leave a warning in the console log.
    const mapped = readFileSync(`/proc/${status(options).pid}/maps`, 'utf8');
    expect(mapped).toMatch(/neo4j-classes-[0-9a-f]+\.jsa/);
    expect(readFileSync(path.join(options.dir, 'logs', 'console.log'), 'utf8')).not.toMatch(/\[(warning|error)\]\[cds/);
    // The Java options given with the server's settings are on its command line.
    expect(readFileSync(`/proc/${status(options).pid}/cmdline`, 'utf8').split('\0')).toContain('-XX:TieredStopAtLevel=1');
  }, 240_000);
});
