/**
 * What Neo4j Browser loads from the API: the graph style (GraSS), applied on connect through
 * `browser.post_connect_cmd`, and a guide for `:play`, made from the saved queries in
 * assets/browser/queries, so the guide and the files users drag into their favourites never differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../config.ts';
import { BROWSER_ROUTES } from '../routes.ts';

export const BROWSER_DIR = path.join(PROJECT_ROOT, 'assets', 'browser');

export interface SavedQuery {
  file: string;
  title: string;
  explanation: string;
  cypher: string;
}

export function savedQueries(dir = path.join(BROWSER_DIR, 'queries')): SavedQuery[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cypher'))
    .sort()
    .map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const comments = text.split('\n').filter((line) => line.startsWith('//')).map((line) => line.replace(/^\/\/\s?/, ''));
      const cypher = text.split('\n').filter((line) => !line.startsWith('//')).join('\n').trim();
      const [title = file, ...rest] = (comments[0] ?? file).split(/(?<=[.?!])\s+/);
      return { file, title, explanation: [rest.join(' '), ...comments.slice(1)].join(' ').trim(), cypher };
    });
}

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The guide in the slide format `:play` reads: one slide per saved query, each query runnable with a click. */
export function guideHtml(queries = savedQueries()): string {
  const slide = (body: string) => `<slide class="row-fluid"><div class="col-sm-12">${body}</div></slide>`;
  const slides = [
    slide(
      '<h3>entity-graph: who did what to whom</h3>' +
        '<p>This graph holds what news articles report: people, countries, organizations, places, events, offers and statements, ' +
        'and the relationships between them. Every relationship carries <code>evidence</code> (the verbatim sentences that state it), ' +
        '<code>sources</code> (the article of each sentence) and, where the text says when, a <code>date</code>.</p>' +
        '<p>Click a query on the next slides to put it in the editor, then run it. Click a relationship in the picture to see its evidence.</p>',
    ),
    ...queries.map((q) =>
      slide(`<h3>${escape(q.title)}</h3>${q.explanation ? `<p>${escape(q.explanation)}</p>` : ''}<pre class="pre-scrollable code runnable">${escape(q.cypher)}</pre>`),
    ),
  ];
  return `<article class="guide"><carousel class="deck container-fluid">${slides.join('\n')}</carousel></article>\n`;
}

/** Serves the style and the guide, to any origin (Browser fetches them from its own page). */
export function browserAssets(): (request: IncomingMessage, response: ServerResponse) => boolean {
  const style = readFileSync(path.join(BROWSER_DIR, 'style.grass'), 'utf8');
  const guide = guideHtml();
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const body = url.pathname === BROWSER_ROUTES.style ? style : url.pathname === BROWSER_ROUTES.guide ? guide : undefined;
    if (body === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    response.writeHead(200, {
      'content-type': url.pathname === BROWSER_ROUTES.style ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
      'access-control-allow-origin': '*',
      'cache-control': 'no-cache',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
