/**
 * A Neo4j Community server run from the jars Maven Central serves, for machines without Docker:
 * started unless it already runs (install.ts, configuration.ts, process.ts), ready when it answers
 * (readiness.ts), stopped cleanly.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { classArchiveOptions, settleClassArchive, writesClassArchive } from './class-archive.ts';
import { renderConfig, serverPaths, type LocalServerOptions } from './configuration.ts';
import { checkJava, DEFAULT_JARS_DIR, fetchJars, neo4jVersion } from './install.ts';
import { checkPortsFree, runningPid, setInitialPassword, spawnServer, terminate } from './process.ts';
import { waitUntilReady } from './readiness.ts';

export interface ServerStatus {
  running: boolean;
  pid?: number;
  boltUri: string;
  browserUrl: string;
  dir: string;
}

export function status(options: LocalServerOptions): ServerStatus {
  const pid = runningPid(options);
  return {
    running: pid !== undefined,
    ...(pid !== undefined ? { pid } : {}),
    boltUri: `neo4j://127.0.0.1:${options.boltPort}`,
    browserUrl: `http://127.0.0.1:${options.httpPort}/browser/`,
    dir: serverPaths(options).dir,
  };
}

/** Starts the server unless it already runs, and waits until it answers queries. */
export async function start(
  options: LocalServerOptions,
  log: (line: string) => void = console.log,
  timeoutMs = 180_000,
): Promise<ServerStatus & { alreadyRunning: boolean }> {
  const before = status(options);
  if (before.running) return { ...before, alreadyRunning: true };

  const java = checkJava();
  const jarsDir = path.resolve(options.jarsDir ?? DEFAULT_JARS_DIR);
  fetchJars(jarsDir, log);
  await checkPortsFree(options);

  const p = serverPaths(options);
  for (const folder of [p.conf, p.data, p.logs]) mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(p.conf, 'neo4j.conf'), renderConfig(options));
  setInitialPassword(options, jarsDir);

  const server = spawnServer(options, jarsDir, [...classArchiveOptions(options, jarsDir, java.description), ...(options.javaOptions ?? [])]);
  log(`Starting Neo4j ${neo4jVersion()} (pid ${server.pid}), data in ${p.data} …`);
  const started = Date.now();
  try {
    await waitUntilReady(options, server, timeoutMs);
  } catch (error) {
    // A server that ended while starting leaves no pid behind; one that runs but refuses us stays, for db:stop.
    if (server.exitCode() !== null) rmSync(p.pidFile, { force: true });
    throw error;
  }
  log(`Neo4j is up after ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  return { ...status(options), alreadyRunning: false };
}

/** Stops the server with SIGTERM and waits for its clean shutdown; SIGKILL only after the grace period. */
export async function stop(
  options: LocalServerOptions,
  log: (line: string) => void = console.log,
  graceMs = 60_000,
): Promise<{ wasRunning: boolean; forced: boolean }> {
  const pid = runningPid(options);
  const { pidFile } = serverPaths(options);
  if (pid === undefined) {
    rmSync(pidFile, { force: true });
    return { wasRunning: false, forced: false };
  }
  const archiving = writesClassArchive(options);
  log(`Stopping Neo4j (pid ${pid})${archiving ? ', which saves the Java classes it loaded so that later starts are faster' : ''} …`);
  const { forced } = await terminate(pid, graceMs, log);
  rmSync(pidFile, { force: true });
  if (settleClassArchive(options, !forced)) log('Saved the Java class archive for later starts.');
  return { wasRunning: true, forced };
}
