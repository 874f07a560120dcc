import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { boltAddress, CONFIG_KEYS, ConfigError, DOCUMENTED_PASSWORD, loadConfig, loadDotEnv, PROJECT_ROOT } from '../../src/config.ts';
import { localServerOptions, renderConfig } from '../../src/db/local/configuration.ts';

describe('loadConfig', () => {
  it('when nothing is set, then every key has its documented default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NEO4J_URI: 'neo4j://127.0.0.1:7687',
      NEO4J_USERNAME: 'neo4j',
      NEO4J_DATABASE: 'neo4j',
      NEO4J_TX_TIMEOUT_MS: 10_000,
      NEO4J_WRITE_TIMEOUT_MS: 300_000,
      NEO4J_RETRY_MS: 5_000,
      PORT: 4000,
      NEO4J_HTTP_PORT: 7474,
      SEED_DIR: 'seed',
      API_SOURCE_MAPS: false,
    });
  });

  it('when several values are wrong, then one error names every variable at fault', () => {
    let error: unknown;
    try {
      loadConfig({ NEO4J_URI: 'http://example.org', PORT: '99999', NEO4J_PASSWORD: 'short', API_SOURCE_MAPS: 'yes' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^NEO4J_URI: /m);
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^NEO4J_PASSWORD: must be at least 8 characters/m);
    expect(problems).toMatch(/^API_SOURCE_MAPS: expected true or false/m);
  });

  it('when the documented password would reach a Neo4j over a network, then it is refused, naming the host', () => {
    for (const uri of ['bolt://neo4j:7687', 'neo4j://10.0.0.5:7687', 'neo4j+s://abc.databases.neo4j.io']) {
      for (const env of [{ NEO4J_URI: uri }, { NEO4J_URI: uri, NEO4J_PASSWORD: DOCUMENTED_PASSWORD }]) {
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(new RegExp(`NEO4J_PASSWORD: .*not for ${boltAddress(uri).host}`));
      }
      expect(loadConfig({ NEO4J_URI: uri, NEO4J_PASSWORD: 'a password of my own' }).NEO4J_URI).toBe(uri);
    }
    for (const uri of ['neo4j://127.0.0.1:7687', 'bolt://localhost:17687', 'bolt://[::1]:7687']) {
      expect(loadConfig({ NEO4J_URI: uri }).NEO4J_PASSWORD).toBe(DOCUMENTED_PASSWORD);
    }
  });

  it('when NEO4J_URI names a port, then the local server is configured to listen on it, and on 7687 when it names none', () => {
    expect(boltAddress('neo4j://127.0.0.1:17687')).toEqual({ host: '127.0.0.1', port: 17687 });
    expect(boltAddress('bolt://localhost')).toEqual({ host: 'localhost', port: 7687 });
    const listens = (uri: string) => renderConfig(localServerOptions(loadConfig({ NEO4J_URI: uri }))).match(/^server\.bolt\.listen_address=(.*)$/m)?.[1];
    expect(listens('neo4j://127.0.0.1:17687')).toBe('127.0.0.1:17687');
    expect(listens('bolt://localhost')).toBe('127.0.0.1:7687');
  });
});

describe('the local server configuration', () => {
  const conf = renderConfig({
    dir: '/tmp/x', boltPort: 17687, httpPort: 17474, username: 'neo4j', password: 'irrelevant', database: 'graph', heap: '512m', pageCache: '128m',
  });
  it('when rendered, then it listens on loopback only, with auth on, HTTPS and usage reports off', () => {
    expect(conf).toContain('server.bolt.listen_address=127.0.0.1:17687');
    expect(conf).toContain('server.http.listen_address=127.0.0.1:17474');
    expect(conf).toContain('server.default_listen_address=127.0.0.1');
    expect(conf).toContain('dbms.security.auth_enabled=true');
    expect(conf).toContain('server.https.enabled=false');
    expect(conf).toContain('dbms.usage_report.enabled=false');
    expect(conf).toContain('server.memory.pagecache.size=128m');
    expect(conf).toContain('initial.dbms.default_database=graph');
    expect(conf).not.toContain('irrelevant');
  });
  it('when a checkpoint interval is given, then the stores are checkpointed that often; without one, Neo4j keeps its own default', () => {
    expect(conf).not.toContain('db.checkpoint.interval.time');
    const often = renderConfig({
      dir: '/tmp/x', boltPort: 17687, httpPort: 17474, username: 'neo4j', password: 'p', database: 'graph', heap: '512m', pageCache: '128m', checkpointInterval: '10s',
    });
    expect(often).toMatch(/^db\.checkpoint\.interval\.time=10s$/m);
  });
});

describe('.env.example', () => {
  const example = readFileSync(path.join(PROJECT_ROOT, '.env.example'), 'utf8');
  const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
  /** The operating system's own variables, which the code passes on to a child (TMPDIR: where a bundled Chromium unpacks), not settings of ours. */
  const system = new Set(['TMPDIR']);
  /** Every variable a program, a benchmark, a script or a test reads, found in the code itself. */
  const read = new Set<string>(CONFIG_KEYS);
  for (const folder of ['src', 'test', 'bench', 'scripts']) {
    for (const file of globSync(`${folder}/**/*.ts`, { cwd: PROJECT_ROOT })) {
      for (const m of readFileSync(path.join(PROJECT_ROOT, file), 'utf8').matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) if (!system.has(m[1]!)) read.add(m[1]!);
    }
  }

  it('when the code reads a variable, then .env.example documents it, and it documents no other', () => {
    expect(read.size).toBeGreaterThan(CONFIG_KEYS.length);
    expect([...read].filter((name) => !documented.has(name)), 'read but not documented').toEqual([]);
    expect([...documented].filter((name) => !read.has(name)), 'documented but never read').toEqual([]);
  });

  it('when it sets a setting of the project, then to its default, so that copying it to .env changes nothing', () => {
    const set = [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].filter((m) => (CONFIG_KEYS as readonly string[]).includes(m[1]!));
    expect(set.length).toBeGreaterThan(10);
    const defaults = loadConfig({}) as Record<string, unknown>;
    const differing = set.filter(([, name, value]) => JSON.stringify((loadConfig({ [name!]: value }) as Record<string, unknown>)[name!]) !== JSON.stringify(defaults[name!]));
    expect(differing.map(([line]) => line)).toEqual([]);
  });
});

describe('loadDotEnv', () => {
  it('when .env sets a variable, then the process sees it, unless the environment already had it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dotenv-'));
    const [fromFile, fromEnvironment] = [`DOTENV_PROBE_${process.pid}_A`, `DOTENV_PROBE_${process.pid}_B`];
    writeFileSync(path.join(dir, '.env'), `${fromFile}=from-file\n${fromEnvironment}=from-file\n`);
    process.env[fromEnvironment] = 'from-environment';
    try {
      loadDotEnv(path.join(dir, '.env'));
      expect(process.env[fromFile]).toBe('from-file');
      expect(process.env[fromEnvironment]).toBe('from-environment');
    } finally {
      delete process.env[fromFile];
      delete process.env[fromEnvironment];
    }
  });
});
