import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { testConfig, testDatabase } from '../support/database.ts';
import { writeSyntheticCorpus } from '../support/corpus.ts';

/** `npm start` as a user runs it: the real entry point in its own process, configured by its environment. */
describe('npm start', () => {
  const db = testDatabase('test-start');
  let files: string[];
  let started: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    await resetProjectData(db);
    files = writeSyntheticCorpus(3);
  });
  afterAll(async () => {
    started?.kill('SIGKILL');
    await resetProjectData(db);
    await db.close();
  });

  it('when SEED_DIR names a folder, then it loads the articles there, serves them once ready with its start-up times, and says what keeps running after Ctrl-C', async () => {
    const config = testConfig();
    const port = await freePort();
    started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: config.NEO4J_URI,
        NEO4J_USERNAME: config.NEO4J_USERNAME,
        NEO4J_PASSWORD: config.NEO4J_PASSWORD,
        NEO4J_DATABASE: config.NEO4J_DATABASE,
        SEED_DIR: path.dirname(files[0]!),
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.stdout!.on('data', (chunk) => (output += chunk));
    started.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => started!.on('exit', (code) => resolve(code)));

    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 45_000;
    while ((await fetch(`${url}/ready`).then((r) => r.status, () => 0)) !== 200) {
      expect(started.exitCode, output).toBeNull();
      expect(Date.now() < deadline, `not ready within 45 s:\n${output}`).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(output).toContain('Loaded 3 new articles');

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ articles(first: 10) { totalCount nodes { id } } }' }),
    });
    const { data } = (await response.json()) as { data: { articles: { totalCount: number; nodes: { id: string }[] } } };
    expect(data.articles.totalCount).toBe(3);
    const ids = files.map((file) => path.basename(file, '.yaml')).sort();
    expect(data.articles.nodes.map((node) => node.id).sort()).toEqual(ids);

    // Start-up ends with its phases and their times.
    expect(output).toMatch(/Ready in \d+\.\d s: Neo4j \d+\.\d s \(already running\), seed \d+\.\d s, of which schema \d+\.\d s, API \d+\.\d s\./);

    // Ctrl-C: the API stops, and says that Neo4j (on this machine) keeps running and how to stop it.
    started.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('Neo4j keeps running, so that the next start is quick: npm run db:stop stops it.');
  });
});
