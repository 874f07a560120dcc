import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as parse } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('the Docker setup', () => {
  it('when docker compose up runs, then Neo4j starts healthy first, the seeder once after it, and the API after the seeder', () => {
    const compose = parse(read('docker-compose.yml')) as any;
    expect(compose.services.neo4j.image).toBe('neo4j:5.26-community');
    expect(compose.services.neo4j.healthcheck.test.join(' ')).toContain('cypher-shell');
    expect(compose.services.neo4j.environment.NEO4J_AUTH).toContain('${NEO4J_PASSWORD');
    expect(compose.services.neo4j.environment.NEO4J_browser_post__connect__cmd).toMatch(/^style http:\/\/localhost:4000\/browser\/style\.grass$/);
    expect(compose.services.seed.depends_on.neo4j.condition).toBe('service_healthy');
    expect(compose.services.seed.command).toEqual(['npm', 'run', 'seed']);
    expect(compose.services.api.depends_on.seed.condition).toBe('service_completed_successfully');
    expect(compose.services.api.ports).toContain('4000:4000');
    expect(Object.keys(compose.volumes)).toContain('neo4j-data');
  });

  it('when the app image is built, then it holds every folder the seeder and the API read at run time', () => {
    const copied = [...read('Dockerfile').matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1]!.split(' '));
    for (const folder of ['src', 'schema', 'seed', 'docs/browser', 'package-lock.json']) expect(copied).toContain(folder);
  });
});
