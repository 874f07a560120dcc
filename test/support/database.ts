import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.ts';
import { GraphDatabase } from '../../src/db/client.ts';

/** The configuration the project's own code would read, pointed at the test database. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const neo4j = inject('neo4j');
  return loadConfig({
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
    // The API's warm-up plans a few large texts at start-up; only the tests of it ask for it.
    API_WARM_UP: '',
    ...overrides,
  });
}

export function testDatabase(app = 'test', overrides: Record<string, string> = {}): GraphDatabase {
  return GraphDatabase.fromConfig(testConfig(overrides), app);
}
