/**
 * What a local server needs on this machine before it can start: a JDK, and the Neo4j Community
 * and Neo4j Browser jars, which Maven copies from Maven Central once (scripts/neo4j/pom.xml pins them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../config.ts';
import { LocalServerError } from './configuration.ts';

const POM = path.join(PROJECT_ROOT, 'scripts/neo4j/pom.xml');
export const DEFAULT_JARS_DIR = path.join(PROJECT_ROOT, '.neo4j/lib');
const MIN_JAVA = 17;

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

/** The `java` on PATH: its major version and what `java -version` says; refuses a missing or too old one, saying what to install. */
export function checkJava(): { major: number; description: string } {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) {
    throw new LocalServerError('Java was not found on PATH. The local Neo4j server needs a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless).');
  }
  const description = result.stderr + result.stdout;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(description);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= MIN_JAVA)) {
    throw new LocalServerError(`Java ${MIN_JAVA} or newer is needed for Neo4j 5.26; \`java -version\` says: ${(result.stderr || result.stdout).split('\n')[0]}`);
  }
  return { major, description };
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
