/**
 * The server's Java process, started as the official distribution starts it: `java -cp 'lib/*' <JVM
 * options> org.neo4j.server.CommunityEntryPoint --home-dir=… --config-dir=…`. Its pid is kept in a
 * file of its folder, so that another program (npm run db:stop) can find and stop it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalServerError, serverPaths, type LocalServerOptions } from './configuration.ts';

const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_TOOL = 'org.neo4j.cli.AdminTool';

/**
 * The `server.jvm.additional` defaults of the neo4j.conf shipped with Neo4j 5.26, which its
 * launcher puts on the java command line; the entry point itself does not read them, so we pass them.
 */
const SHIPPED_JVM_OPTIONS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+AlwaysPreTouch',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  '-XX:FlightRecorderOptions=stackdepth=256',
  '-XX:+UnlockDiagnosticVMOptions',
  '-XX:+DebugNonSafepoints',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dlog4j.layout.jsonTemplate.maxStringLength=32768',
  // The launcher adds this one itself.
  '-Dfile.encoding=UTF-8',
];

/** The pid of the server this folder's pid file names, if that process is alive and really our Neo4j. */
export function runningPid(options: Pick<LocalServerOptions, 'dir'>): number | undefined {
  const { pidFile } = serverPaths(options);
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isServerProcess(pid) ? pid : undefined;
}

/** Alive and our Neo4j (a pid can be reused by an unrelated process after a reboot). */
function isServerProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return existsSync(cmdline) ? readFileSync(cmdline, 'utf8').includes(ENTRY_POINT) : true;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** Refuses to start on a port another process holds, naming the setting that chooses it. */
export async function checkPortsFree(options: LocalServerOptions): Promise<void> {
  for (const [name, port] of [['Bolt', options.boltPort], ['HTTP', options.httpPort]] as const) {
    if (!(await portIsFree(port))) {
      throw new LocalServerError(
        `${name} port ${port} on 127.0.0.1 is already taken by another process. ` +
          `Stop that process, or choose another port (${name === 'Bolt' ? 'the port in NEO4J_URI' : 'NEO4J_HTTP_PORT'}).`,
      );
    }
  }
}

/** The password must be set before the first start; afterwards it lives in the system database. */
export function setInitialPassword(options: LocalServerOptions, jarsDir: string): void {
  const p = serverPaths(options);
  if (existsSync(path.join(p.data, 'dbms', 'auth.ini')) || existsSync(path.join(p.data, 'databases', 'system'))) return;
  const result = spawnSync('java', ['-cp', `${jarsDir}/*`, ADMIN_TOOL, 'dbms', 'set-initial-password', options.password], {
    encoding: 'utf8',
    env: { ...process.env, NEO4J_HOME: p.dir, NEO4J_CONF: p.conf },
  });
  if (result.status !== 0) {
    throw new LocalServerError(`Setting the initial password failed:\n${(result.stdout + result.stderr).trim()}`);
  }
}

export interface ServerProcess {
  pid: number;
  /** The exit code once the process has ended, else null. */
  exitCode(): number | null;
}

/** Starts the server's process, detached (it outlives this program), with its output in logs/console.log. */
export function spawnServer(options: LocalServerOptions, jarsDir: string, jvmOptions: string[] = []): ServerProcess {
  const p = serverPaths(options);
  const out = openSync(p.console, 'a');
  const child = spawn(
    'java',
    [`-Xms${options.heap}`, `-Xmx${options.heap}`, ...SHIPPED_JVM_OPTIONS, ...jvmOptions, '-cp', `${jarsDir}/*`, ENTRY_POINT, `--home-dir=${p.dir}`, `--config-dir=${p.conf}`],
    { cwd: p.dir, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  if (child.pid === undefined) throw new LocalServerError('java could not be started');
  writeFileSync(p.pidFile, `${child.pid}\n`);
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? -1));
  child.unref();
  return { pid: child.pid, exitCode: () => exitCode };
}

/** Stops the process with SIGTERM and waits for its clean shutdown; SIGKILL only after the grace period. */
export async function terminate(pid: number, graceMs: number, log: (line: string) => void): Promise<{ forced: boolean }> {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isServerProcess(pid) && Date.now() < deadline) await sleep(200);
  if (!isServerProcess(pid)) return { forced: false };
  log(`Neo4j did not stop within ${graceMs / 1000}s; killing it.`);
  process.kill(pid, 'SIGKILL');
  while (isServerProcess(pid)) await sleep(100);
  return { forced: true };
}

/** The last lines of a log file, for an error message. */
export function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
