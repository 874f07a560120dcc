/**
 * Checks docker-compose.yml as Compose itself reads it (`docker-compose config`): it must refuse to
 * start without NEO4J_PASSWORD, and with one it must publish every port on loopback only.
 * Usage: npx tsx scripts/check-compose.ts   (CI runs it; needs docker-compose on the PATH)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load as parse } from 'js-yaml';
import { PROJECT_ROOT } from '../src/config.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('Usage: npx tsx scripts/check-compose.ts\nChecks that docker-compose.yml needs NEO4J_PASSWORD and publishes ports on 127.0.0.1 only.');
  process.exit(0);
}

// An empty env file: a developer's own .env must not decide the outcome.
const noEnvFile = path.join(mkdtempSync(path.join(tmpdir(), 'compose-check-')), 'empty.env');
writeFileSync(noEnvFile, '');

function composeConfig(password: string | undefined) {
  const env = { ...process.env };
  delete env.NEO4J_PASSWORD;
  if (password !== undefined) env.NEO4J_PASSWORD = password;
  return spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', noEnvFile, 'config'], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
}

const problems: string[] = [];
const unset = composeConfig(undefined);
if (unset.error) throw unset.error;
if (unset.status === 0) problems.push('Compose starts without NEO4J_PASSWORD; it must refuse.');

const set = composeConfig('check-only-password');
if (set.status !== 0) throw new Error(`docker-compose config failed:\n${set.stderr}`);
const services = (parse(set.stdout) as { services: Record<string, { ports?: (string | { host_ip?: string; published?: number })[] }> }).services;
const published: string[] = [];
for (const [name, service] of Object.entries(services)) {
  for (const port of service.ports ?? []) {
    // Short form "ip:published:target/proto", or the long form Compose prints when no ip is given.
    const hostIp = typeof port === 'string' ? (port.match(/^(\d+\.\d+\.\d+\.\d+):\d+:/)?.[1] ?? '') : (port.host_ip ?? '');
    published.push(`${name}: ${typeof port === 'string' ? port : JSON.stringify(port)}`);
    if (hostIp !== '127.0.0.1') problems.push(`${name} publishes ${JSON.stringify(port)} beyond 127.0.0.1.`);
  }
}
if (published.length === 0) problems.push('Compose publishes no port at all; the check read nothing.');
console.log(published.join('\n'));
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('docker-compose.yml is valid: it needs NEO4J_PASSWORD, and publishes ports on 127.0.0.1 only.');
