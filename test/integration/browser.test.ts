/**
 * Neo4j Browser in a real Chromium: the style is applied on connect, captions are names, and the
 * guide opens. Read from the rendered page, not from the database.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { BROWSER_DIR, savedQueries } from '../../src/api/browser-assets.ts';
import { loadDotEnv, PROJECT_ROOT } from '../../src/config.ts';
import { seed } from '../../src/seed/run.ts';
import { testConfig, testDatabase } from '../support/database.ts';
import { chromiumToDrive } from '../support/chromium.ts';

loadDotEnv();
const SCREENSHOT = path.join(PROJECT_ROOT, 'test-results', 'browser-troop-contributors.png');

/** The colour the project's style gives a label, read from the GraSS file itself. */
function styleColor(label: string): string {
  const grass = readFileSync(path.join(BROWSER_DIR, 'style.grass'), 'utf8');
  const match = new RegExp(`node\\.${label} \\{[^}]*?color: (#[0-9A-F]{6});`, 'i').exec(grass);
  if (!match?.[1]) throw new Error(`style.grass gives ${label} no colour`);
  return match[1].toUpperCase();
}

describe('Neo4j Browser with the project’s style and guide', () => {
  const neo4j = inject('neo4j');
  let api: { stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const chromiumBinary = await chromiumToDrive();
    console.log(`Driving Chromium from ${chromiumBinary.source}: ${chromiumBinary.executablePath}`);
    const db = testDatabase('test-browser');
    await seed(db, {});
    await db.close();
    api = await serveApi(testConfig({ PORT: String(neo4j.apiPort) }), () => {});
    browser = await chromium.launch({ executablePath: chromiumBinary.executablePath, args: chromiumBinary.args });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(neo4j.browserUrl);
    await page.getByTestId('boltaddress').fill(neo4j.uri);
    await page.getByTestId('username').fill(neo4j.username);
    await page.getByTestId('password').fill(neo4j.password);
    await page.getByTestId('connect').click();
    await page.getByTestId('disconnectedBanner').waitFor({ state: 'detached', timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('when GraphiQL is opened with no network beyond this machine, then it shows the example operation, runs it and shows the answer', async () => {
    const outside: string[] = [];
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    try {
      // Only this machine answers: anything else is recorded and refused, as without a network.
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
        outside.push(url.href);
        return route.abort('internetdisconnected');
      });
      const graphiql = await context.newPage();
      await graphiql.goto(`http://127.0.0.1:${neo4j.apiPort}/graphql`);
      await graphiql.getByText('query TroopsAndOffers').first().waitFor({ timeout: 30_000 });
      await graphiql.locator('.graphiql-execute-button').click();
      // The editor draws spaces as no-break spaces, and only the lines in view.
      const response = async () => (await graphiql.locator('.graphiql-response').innerText()).replaceAll('\u00a0', ' ');
      await expect.poll(response, { timeout: 30_000 }).toContain('"name": "Civil-Military Coordination Center"');
      expect(await response()).toContain('"totalCount": 7');
      await graphiql.screenshot({ path: path.join(PROJECT_ROOT, 'test-results', 'graphiql.png') });
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });

  async function run(command: string): Promise<void> {
    await page.getByTestId('activeEditor').click();
    await page.keyboard.insertText(command);
    await page.getByTestId('editor-Run').click();
  }

  it('when a user connects, then the style is applied and the troop-contributors query draws named, coloured nodes', async () => {
    await expect.poll(() => page.getByTestId('frameCommand').allTextContents(), { timeout: 20_000 }).toContainEqual(
      expect.stringContaining(`:style http://127.0.0.1:${neo4j.apiPort}/browser/style.grass`),
    );
    const query = savedQueries().find((q) => q.file.includes('troop-contributors'))!;
    await run(query.cypher);
    await page.locator('svg g.node').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_500);

    const nodes = await page.$$eval('svg g.node', (elements) =>
      elements.map((node) => ({
        caption: [...node.querySelectorAll('text')].map((t) => t.textContent?.trim()).join(' '),
        fill: node.querySelector('circle.b-outline')?.getAttribute('fill')?.toUpperCase(),
      })),
    );
    const captions = nodes.map((n) => n.caption);
    for (const country of ['Jordan', 'France', 'Germany', 'Australia', 'Canada', 'United States', 'United Arab Emirates', 'United Kingdom']) {
      expect(captions).toContain(country);
    }
    expect(captions.some((c) => c.startsWith('Civil-Milit'))).toBe(true);
    const countryFill = styleColor('Country');
    expect(nodes.filter((n) => n.fill === countryFill).map((n) => n.caption).sort()).toEqual(
      ['Australia', 'Canada', 'France', 'Germany', 'Jordan', 'United Arab Emirates', 'United Kingdom', 'United States'],
    );
    expect(nodes.find((n) => n.caption.startsWith('Civil-Milit'))?.fill).toBe(styleColor('Organization'));

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.locator('[data-testid="frame"]').first().screenshot({ path: SCREENSHOT });
  });

  it('when the guide is played, then it opens with one slide per saved query', async () => {
    await run(`:play http://127.0.0.1:${neo4j.apiPort}/browser/guide.html`);
    await expect.poll(() => page.locator('h3').allTextContents(), { timeout: 20_000 }).toContainEqual('entity-graph: who did what to whom');
    // An introduction, then one slide per saved query.
    await page.getByText(`1 / ${savedQueries().length + 1}`, { exact: true }).waitFor({ timeout: 10_000 });
  });
});
