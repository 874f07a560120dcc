import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { DOCUMENTED_PASSWORD, PROJECT_ROOT } from '../../src/config.ts';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml')) as any;
const dockerfile = read('Dockerfile');
const packageJson = JSON.parse(read('package.json'));

/** Node release lines with their end of life (nodejs.org/en/about/previous-releases). */
const NODE_END_OF_LIFE: Record<number, string> = { 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30', 26: '2029-04-30' };

/** The file an npm script runs with tsx, e.g. `src/seed/cli.ts` for `tsx src/seed/cli.ts`. */
const scriptFile = (name: string) => (packageJson.scripts[name] as string).match(/^tsx (\S+)$/)![1];

describe('the Docker setup', () => {
  it('when docker compose up runs, then Neo4j starts healthy first, the seeder once after it, and the API after the seeder', () => {
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(compose.services.neo4j.environment.NEO4J_browser_post__connect__cmd).toMatch(/^style http:\/\/localhost:4000\/browser\/style\.grass$/);
    expect(compose.services.seed.depends_on.neo4j.condition).toBe('service_healthy');
    expect(compose.services.api.depends_on.seed.condition).toBe('service_completed_successfully');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
    // The same programs as npm run seed and npm run api, with node itself as the main process.
    expect(compose.services.seed.command).toEqual(['node', '--import', 'tsx', scriptFile('seed')]);
    expect(compose.services.api.command).toEqual(['node', '--import', 'tsx', scriptFile('api')]);
  });

  it('when Compose publishes a port, then it is on the loopback address unless the user names another', () => {
    const published = Object.entries(compose.services).flatMap(([name, service]: [string, any]) =>
      (service.ports ?? []).map((port: string) => ({ name, port })),
    );
    expect(published.map(({ port }) => port.split(':').at(-1))).toEqual(['7474', '7687', '4000']);
    for (const { name, port } of published) {
      expect(port, `${name} publishes ${port}`).toMatch(/^\$\{(NEO4J|API)_BIND_ADDRESS:-127\.0\.0\.1\}:\d+:\d+$/);
    }
  });

  it('when NEO4J_PASSWORD is unset, then Compose refuses to start rather than use a password the repository prints', () => {
    const uses = [compose.services.neo4j.environment.NEO4J_AUTH, compose.services.seed.environment.NEO4J_PASSWORD];
    for (const value of uses) expect(value).toMatch(/\$\{NEO4J_PASSWORD:\?[^}]+\}/);
    expect(read('docker-compose.yml')).not.toMatch(/NEO4J_PASSWORD:-/);
  });

  it('when Neo4j would start with the password the README prints, then its entrypoint refuses before the image entrypoint runs', () => {
    const entrypoint: string[] = compose.services.neo4j.entrypoint;
    expect(entrypoint.slice(0, 6)).toEqual(['tini', '-g', '--', '/bin/sh', '-c', expect.any(String)]);
    expect(compose.services.neo4j.command).toEqual(['neo4j']);
    // The script as the container's shell gets it ($$ is Compose's escape for $), with the image's
    // entrypoint replaced by an echo, run by this machine's sh.
    const script = entrypoint[5]!.replaceAll('$$', '$').replace('/startup/docker-entrypoint.sh', 'echo handed over:');
    const run = (password: string) =>
      spawnSync('/bin/sh', ['-c', script, ...entrypoint.slice(6), 'neo4j'], { env: { NEO4J_AUTH: `neo4j/${password}` }, encoding: 'utf8' });
    const refused = run(DOCUMENTED_PASSWORD);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('choose one of your own');
    expect(refused.stdout).toBe('');
    const started = run('a password of my own');
    expect(started.status).toBe(0);
    expect(started.stdout.trim()).toBe('handed over: neo4j');
  });

  it('when the app image is built, then it holds every folder the seeder and the API read at run time', () => {
    const copied = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    for (const folder of ['src', 'schema', 'seed', 'assets/browser', 'package-lock.json']) expect(copied).toContain(folder);
  });

  it('when the app image is built, then it runs a supported Node LTS that engines admits, without dev dependencies, as a user without privileges', () => {
    const major = Number(dockerfile.match(/^FROM node:(\d+)-[a-z]+-slim$/m)?.[1]);
    expect(NODE_END_OF_LIFE[major], `Node ${major} is an LTS line`).toBeDefined();
    expect(new Date(NODE_END_OF_LIFE[major]!).getTime(), `Node ${major} is past its end of life`).toBeGreaterThan(Date.now());
    const minimum = Number((packageJson.engines.node as string).match(/>=\s*(\d+)/)![1]);
    expect(major).toBeGreaterThanOrEqual(minimum);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).not.toMatch(/^RUN .*npm (install|i)\b/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    // The last USER before CMD is the unprivileged one.
    expect([...dockerfile.matchAll(/^USER (\S+)$/gm)].at(-1)![1]).toBe('node');
  });
});
