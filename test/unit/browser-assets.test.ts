import { describe, expect, it } from 'vitest';
import { guideHtml, savedQueries } from '../../src/api/browser-assets.ts';
import { ENTITY_LABELS, RELATION_TYPE_NAMES } from '../../src/model.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.ts';

describe('the Neo4j Browser assets', () => {
  it('when the guide is made, then it has one runnable slide per saved query, with the query escaped', () => {
    const queries = savedQueries();
    expect(queries.length).toBeGreaterThanOrEqual(6);
    const html = guideHtml(queries);
    expect(html.match(/<slide /g)).toHaveLength(queries.length + 1);
    expect(html.match(/class="pre-scrollable code runnable"/g)).toHaveLength(queries.length);
    expect(html).toContain('(:Country)-[r:CONTRIBUTES_TROOPS_TO]-&gt;(:Organization)');
  });

  it('when the saved queries are read, then they use only labels and relationship types of the model', () => {
    const known = new Set<string>([...ENTITY_LABELS, ...RELATION_TYPE_NAMES, 'Entity', 'Article']);
    for (const query of savedQueries()) {
      for (const [, name] of query.cypher.matchAll(/[(:|]\s*:?([A-Z][A-Za-z_]+)\b/g)) {
        if (/^[A-Z][a-z]/.test(name!) || /^[A-Z_]+$/.test(name!)) expect(known, `${query.file}: ${name}`).toContain(name);
      }
    }
  });

  it('when the style is read, then every label of the model has a colour and a name caption', () => {
    const grass = readFileSync(path.join(PROJECT_ROOT, 'assets/browser/style.grass'), 'utf8');
    for (const label of ENTITY_LABELS) expect(grass).toMatch(new RegExp(`node\\.${label} \\{[^}]*color: #[0-9A-F]{6};[^}]*caption: '\\{name\\}';`, 'i'));
  });
});
