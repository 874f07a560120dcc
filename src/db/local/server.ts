/**
 * A Neo4j Community server run from the jars Maven Central serves, for machines without Docker.
 * It is started as the official distribution starts it: `java -cp 'lib/*' <JVM options>
 * org.neo4j.server.CommunityEntryPoint --home-dir=… --config-dir=…`, with a generated neo4j.conf.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { boltAddress, isLoopback, projectPath, PROJECT_ROOT, type Config } from '../../config.ts';
import { UserFacingError } from '../../errors.ts';
import { localStyleUrl } from '../../routes.ts';

export interface LocalServerOptions {
  /** Folder of this server's neo4j.conf, data, logs and pid file. */
  dir: string;
  boltPort: number;
  httpPort: number;
  username: string;
  password: string;
  heap: string;
  pageCache: string;
  /** Folder the server's jars are fetched into (shared by every local server). */
  jarsDir?: string;
  /** The GraSS file Neo4j Browser applies when it connects (served by the API). */
  styleUrl?: string;
}

/** The local server that serves the configured NEO4J_URI, which must then point at this machine. */
export function localServerOptions(config: Config): LocalServerOptions {
  const { host, port } = boltAddress(config.NEO4J_URI);
  if (!isLoopback(host)) {
    throw new LocalServerError(`NEO4J_URI points at ${host}; a local server can only serve 127.0.0.1. Point NEO4J_URI at neo4j://127.0.0.1:<port>.`);
  }
  return {
    dir: projectPath(config.NEO4J_LOCAL_DIR),
    boltPort: port,
    httpPort: config.NEO4J_HTTP_PORT,
    username: config.NEO4J_USERNAME,
    password: config.NEO4J_PASSWORD,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    styleUrl: localStyleUrl(config.PORT),
  };
}

export class LocalServerError extends UserFacingError {
  override name = 'LocalServerError';
}

const POM = path.join(PROJECT_ROOT, 'scripts/neo4j/pom.xml');
export const DEFAULT_JARS_DIR = path.join(PROJECT_ROOT, '.neo4j/lib');
const ENTRY_POINT = 'org.neo4j.server.CommunityEntryPoint';
const ADMIN_TOOL = 'org.neo4j.cli.AdminTool';
const MIN_JAVA = 17;

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

export function neo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new LocalServerError(`${POM}: no <neo4j.version> property`);
  return match[1];
}

function jarsPresent(jarsDir: string): boolean {
  return (
    existsSync(path.join(jarsDir, `neo4j-${neo4jVersion()}.jar`)) &&
    readdirSync(jarsDir).some((name) => name.startsWith('neo4j-browser-'))
  );
}

function javaMajorVersion(): number {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new LocalServerError('Java was not found on PATH. The local Neo4j server needs a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless).');
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw new LocalServerError(`Java ${MIN_JAVA} or newer is needed for Neo4j 5.26; \`java -version\` says: ${(result.stderr || result.stdout).split('\n')[0]}`);
  }
  return major;
}

/** Copies the server's jars from Maven Central into the jars folder, once; later calls find them there. */
export function fetchJars(jarsDir = DEFAULT_JARS_DIR, log: (line: string) => void = console.log): void {
  if (jarsPresent(jarsDir)) return;
  if (path.basename(jarsDir) !== 'lib') {
    throw new LocalServerError(`The jars folder must be named lib (got ${jarsDir}), as Maven copies into <home>/lib.`);
  }
  const home = path.dirname(jarsDir);
  log(`Fetching Neo4j ${neo4jVersion()} Community and Neo4j Browser from Maven Central into ${jarsDir} …`);
  const result = spawnSync('mvn', ['-q', '-B', '-f', POM, 'package', `-Dneo4j.home=${home}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) {
    throw new LocalServerError('Maven (mvn) was not found on PATH. It fetches the Neo4j server the first time (Debian: apt-get install maven).');
  }
  if (result.status !== 0) {
    throw new LocalServerError(`Maven could not fetch the Neo4j jars (exit ${result.status}):\n${(result.stdout + result.stderr).trim().slice(-4000)}`);
  }
  if (!jarsPresent(jarsDir)) throw new LocalServerError(`Maven finished but ${jarsDir} lacks the Neo4j jars.`);
}

function paths(options: LocalServerOptions) {
  const dir = path.resolve(options.dir);
  return {
    dir,
    conf: path.join(dir, 'conf'),
    data: path.join(dir, 'data'),
    logs: path.join(dir, 'logs'),
    pidFile: path.join(dir, 'server.pid'),
    console: path.join(dir, 'logs', 'console.log'),
  };
}

/** The generated neo4j.conf: loopback only, no HTTPS, no usage reports, memory sized for a small machine. */
export function renderConfig(options: LocalServerOptions): string {
  const p = paths(options);
  const settings: Record<string, string> = {
    'server.directories.data': p.data,
    'server.directories.logs': p.logs,
    'server.directories.run': path.join(p.dir, 'run'),
    'server.directories.plugins': path.join(p.dir, 'plugins'),
    'server.directories.import': path.join(p.dir, 'import'),
    'server.default_listen_address': '127.0.0.1',
    'server.default_advertised_address': '127.0.0.1',
    'server.bolt.enabled': 'true',
    'server.bolt.listen_address': `127.0.0.1:${options.boltPort}`,
    'server.bolt.advertised_address': `127.0.0.1:${options.boltPort}`,
    'server.http.enabled': 'true',
    'server.http.listen_address': `127.0.0.1:${options.httpPort}`,
    'server.http.advertised_address': `127.0.0.1:${options.httpPort}`,
    'server.https.enabled': 'false',
    'dbms.security.auth_enabled': 'true',
    'dbms.usage_report.enabled': 'false',
    'server.memory.heap.initial_size': options.heap,
    'server.memory.heap.max_size': options.heap,
    'server.memory.pagecache.size': options.pageCache,
    // A 2-core machine gains nothing from more transaction-log history than a day's.
    'db.tx_log.rotation.retention_policy': '1 days',
    // The API's queries read ranges of indexes whatever the data; planning one again as the graph grows
    // gains nothing and costs seconds of CPU, so a plan is reconsidered at most hourly.
    'dbms.cypher.min_replan_interval': '1h',
    // Browser may fetch styles and guides from these hosts (5.26 still names the setting "whitelist"); the style is applied at every connect.
    'browser.remote_content_hostname_whitelist': 'localhost,127.0.0.1',
    ...(options.styleUrl ? { 'browser.post_connect_cmd': `style ${options.styleUrl}` } : {}),
  };
  return [
    '# Generated by entity-graph (src/db/local/server.ts) at every start; edits are overwritten.',
    ...Object.entries(settings).map(([key, value]) => `${key}=${value}`),
    '',
  ].join('\n');
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Alive and really our Neo4j (a pid can be reused by an unrelated process after a reboot). */
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

export interface ServerStatus {
  running: boolean;
  pid?: number;
  boltUri: string;
  browserUrl: string;
  dir: string;
}

export function status(options: LocalServerOptions): ServerStatus {
  const p = paths(options);
  const pid = readPid(p.pidFile);
  const running = pid !== undefined && isServerProcess(pid);
  return {
    running,
    ...(running ? { pid } : {}),
    boltUri: `neo4j://127.0.0.1:${options.boltPort}`,
    browserUrl: `http://127.0.0.1:${options.httpPort}/browser/`,
    dir: p.dir,
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

  javaMajorVersion();
  const jarsDir = path.resolve(options.jarsDir ?? DEFAULT_JARS_DIR);
  fetchJars(jarsDir, log);

  for (const [name, port] of [['Bolt', options.boltPort], ['HTTP', options.httpPort]] as const) {
    if (!(await portIsFree(port))) {
      throw new LocalServerError(
        `${name} port ${port} on 127.0.0.1 is already taken by another process. ` +
          `Stop that process, or choose another port (${name === 'Bolt' ? 'the port in NEO4J_URI' : 'NEO4J_HTTP_PORT'}).`,
      );
    }
  }

  const p = paths(options);
  for (const folder of [p.conf, p.data, p.logs]) mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(p.conf, 'neo4j.conf'), renderConfig(options));
  const classpath = `${jarsDir}/*`;

  // The password must be set before the first start; afterwards it lives in the system database.
  if (!existsSync(path.join(p.data, 'dbms', 'auth.ini')) && !existsSync(path.join(p.data, 'databases', 'system'))) {
    const result = spawnSync('java', ['-cp', classpath, ADMIN_TOOL, 'dbms', 'set-initial-password', options.password], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_HOME: p.dir, NEO4J_CONF: p.conf },
    });
    if (result.status !== 0) {
      throw new LocalServerError(`Setting the initial password failed:\n${(result.stdout + result.stderr).trim()}`);
    }
  }

  const out = openSync(p.console, 'a');
  const child = spawn(
    'java',
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      ...SHIPPED_JVM_OPTIONS,
      '-cp',
      classpath,
      ENTRY_POINT,
      `--home-dir=${p.dir}`,
      `--config-dir=${p.conf}`,
    ],
    { cwd: p.dir, detached: true, stdio: ['ignore', out, out] },
  );
  closeSync(out);
  if (child.pid === undefined) throw new LocalServerError('java could not be started');
  writeFileSync(p.pidFile, `${child.pid}\n`);
  let exitCode: number | null = null;
  child.once('exit', (code) => (exitCode = code ?? -1));
  child.unref();

  log(`Starting Neo4j ${neo4jVersion()} (pid ${child.pid}), data in ${p.data} …`);
  const started = Date.now();
  const driver = neo4j.driver(`bolt://127.0.0.1:${options.boltPort}`, neo4j.auth.basic(options.username, options.password), {
    connectionAcquisitionTimeout: 2_000,
    connectionTimeout: 2_000,
  });
  try {
    for (;;) {
      if (exitCode !== null) {
        rmSync(p.pidFile, { force: true });
        throw new LocalServerError(`Neo4j exited with code ${exitCode} while starting. Last lines of ${p.console}:\n${tail(p.console)}\n${tail(path.join(p.logs, 'neo4j.log'))}`);
      }
      try {
        await driver.executeQuery('RETURN 1', {}, { database: 'neo4j' });
        break;
      } catch (error) {
        if (isAuthFailure(error)) {
          throw new LocalServerError(
            `Neo4j in ${p.dir} is running but refuses NEO4J_USERNAME/NEO4J_PASSWORD: its password was set when its data ` +
              'folder was created. Use that password, or stop the server and delete the folder to start afresh.',
          );
        }
        if (Date.now() - started > timeoutMs) {
          throw new LocalServerError(`Neo4j did not answer within ${timeoutMs / 1000}s. See ${p.logs}.`);
        }
        await sleep(500);
      }
    }
  } finally {
    await driver.close();
  }
  log(`Neo4j is up after ${((Date.now() - started) / 1000).toFixed(1)}s.`);
  return { ...status(options), alreadyRunning: false };
}

function isAuthFailure(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit';
}

function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** Stops the server with SIGTERM and waits for its clean shutdown; SIGKILL only after the grace period. */
export async function stop(
  options: LocalServerOptions,
  log: (line: string) => void = console.log,
  graceMs = 60_000,
): Promise<{ wasRunning: boolean; forced: boolean }> {
  const p = paths(options);
  const pid = readPid(p.pidFile);
  if (pid === undefined || !isServerProcess(pid)) {
    rmSync(p.pidFile, { force: true });
    return { wasRunning: false, forced: false };
  }
  log(`Stopping Neo4j (pid ${pid}) …`);
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isServerProcess(pid) && Date.now() < deadline) await sleep(200);
  let forced = false;
  if (isServerProcess(pid)) {
    log(`Neo4j did not stop within ${graceMs / 1000}s; killing it.`);
    process.kill(pid, 'SIGKILL');
    forced = true;
    while (isServerProcess(pid)) await sleep(100);
  }
  rmSync(p.pidFile, { force: true });
  return { wasRunning: true, forced };
}
