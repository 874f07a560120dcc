import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { testDatabase } from '../support/database.ts';
import { runProgram } from '../support/program.ts';

const ARTICLE_ID = '2025-11-03-international-force-gaza';
const CORPUS_TEXT = path.join(PROJECT_ROOT, '..', 'shared', 'corpus', `${ARTICLE_ID}.txt`);
const ARTICLE_TEXT = path.join(PROJECT_ROOT, 'seed', 'articles', `${ARTICLE_ID}.txt`);

describe('npm run draft, then npm run seed, against a real Neo4j', () => {
  const db = testDatabase('test-draft');
  const neo4j = inject('neo4j');
  const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
  const cli = (entry: string, ...args: string[]) => runProgram(entry, args, env);
  beforeAll(() => resetProjectData(db));
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  it('when the article is drafted with its own seed out of the graph, then the draft passes --dry-run and loads, each linked entity mentioned by the article', async () => {
    const seedDir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-draft-'));
    // The corpus folder is beside the project in a clone of the whole workspace; the seed folder holds the same text.
    const textFile = existsSync(CORPUS_TEXT) ? CORPUS_TEXT : ARTICLE_TEXT;
    const drafted = await cli('src/draft/cli.ts', textFile, '--seed-dir', seedDir, '--publisher', 'Test Gazette');
    expect(drafted.status, drafted.stderr).toBe(0);
    expect(drafted.stdout).toMatch(/^Drafted .*2025-11-03-international-force-gaza\.yaml .* in \d+ ms:\n {2}linked: {3}14 entities the text names \(0 known to the seed files, 14 from the table of states\)/);
    const seedFile = path.join(seedDir, `${ARTICLE_ID}.yaml`);

    const dryRun = await cli('src/seed/cli.ts', '--dry-run', seedFile);
    expect(dryRun.status, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain('Dry run');

    const load = await cli('src/seed/cli.ts', seedFile);
    expect(load.status, load.stderr).toBe(0);
    const linked = [...readFileSync(seedFile, 'utf8').matchAll(/^ {2}- \{label: (\w+), id: ([a-z0-9-]+)/gm)].map((m) => m[2]!);
    const [stored] = await db.read('test', (tx) =>
      tx.query<{ ids: string[] }>('MATCH (:Article {id: $id})-[:MENTIONS]->(e:Entity) WITH e ORDER BY e.id RETURN collect(e.id) AS ids', { id: ARTICLE_ID }),
    );
    expect(stored!.ids).toEqual([...linked].sort());
  });

  it('when the graph holds the article and a follow-up is drafted with --graph, then the entities the graph knows are linked with their ids, and the draft loads beside the article', async () => {
    const seedDir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-draft-'));
    const followUp = path.join(PROJECT_ROOT, 'test', 'fixtures', 'follow-up', '2026-01-15-gaza-force-follow-up.txt');
    // The article is loaded while a first draft is made offline (this folder has no other seed file: only the table of states is known)…
    const [seeded, offline] = await Promise.all([
      cli('src/seed/cli.ts', path.join(PROJECT_ROOT, 'seed', `${ARTICLE_ID}.yaml`)),
      cli('src/draft/cli.ts', followUp, '--seed-dir', seedDir, '--publisher', 'Test Gazette'),
    ]);
    expect(seeded.status, seeded.stderr).toBe(0);
    expect(offline.status, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('0 known to the seed files');
    // …is replaced by the draft against the graph without --force: nobody has edited it.
    const drafted = await cli('src/draft/cli.ts', followUp, '--graph', '--seed-dir', seedDir, '--publisher', 'Test Gazette');
    expect(drafted.status, drafted.stderr).toBe(0);
    expect(drafted.stdout).toContain('known to the graph');
    const seedFile = path.join(seedDir, '2026-01-15-gaza-force-follow-up.yaml');
    const yaml = readFileSync(seedFile, 'utf8');
    for (const id of ['gaza-strip', 'international-stabilization-force-for-gaza', 'yaakov-katz', 'jewish-people-policy-institute', 'hamas']) expect(yaml).toContain(`id: ${id},`);
    expect(yaml).toContain('{label: Place, id: gaza-strip, name: Gaza Strip, kind: territory, aliases: [Gaza]}');
    // The draft agrees with what the graph holds: it loads beside the article.
    const load = await cli('src/seed/cli.ts', seedFile);
    expect(load.status, load.stderr).toBe(0);

    // Drafted again into a folder that holds no seed file of it: the graph holds the article, so it is refused, and nothing is written.
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-draft-'));
    const again = await cli('src/draft/cli.ts', followUp, '--graph', '--seed-dir', elsewhere, '--publisher', 'Test Gazette');
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('an article with id "2026-01-15-gaza-force-follow-up" is already there (the graph): give another --id, or --force to replace it');
    expect(readdirSync(elsewhere)).toEqual([]);
    const forced = await cli('src/draft/cli.ts', followUp, '--graph', '--force', '--seed-dir', elsewhere, '--publisher', 'Test Gazette');
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(path.join(elsewhere, '2026-01-15-gaza-force-follow-up.yaml'), 'utf8')).toBe(yaml);
  });

  it('when asked for help, then it says what it does and every option', async () => {
    const [help, none] = await Promise.all([cli('src/draft/cli.ts', '--help'), cli('src/draft/cli.ts')]);
    expect(help.status).toBe(0);
    for (const option of ['--id', '--title', '--publisher', '--published', '--path', '--seed-dir', '--force', '--graph', '--json']) expect(help.stdout).toContain(option);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('error: give exactly one article text file (see --help)\n');
  });
});
