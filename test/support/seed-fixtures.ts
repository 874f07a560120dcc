/** Small seed files written to a temporary folder, for tests that need their own articles. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump as stringify } from 'js-yaml';
import type { SeedFileInput } from '../../src/seed/schema.ts';

export const SMALL_ARTICLE_TEXT = [
  'Ruritania sends troops to the Northern Watch.',
  'Mr. Rassendyll, the Ruritanian foreign minister, said: “We stand ready to help.”',
  'Elphberg, for its part, offered money to the Northern Watch — an offer Ruritania rejected.',
  '',
].join('\n');

export function smallSeed(overrides: Partial<SeedFileInput> = {}): SeedFileInput {
  return {
    article: {
      id: 'test-ruritania',
      title: 'Ruritania and the Northern Watch',
      publisher: 'Test Gazette',
      publishedAt: '2025-01-02',
      path: '/test/ruritania',
      text: 'ruritania.txt',
    },
    entities: [
      { label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RU', aliases: ['Ruritanian'] },
      { label: 'Country', id: 'elphberg', name: 'Elphberg', code: 'EL' },
      { label: 'Organization', id: 'northern-watch', name: 'Northern Watch', kind: 'multinational force' },
      { label: 'Person', id: 'rudolf-rassendyll', name: 'Rudolf Rassendyll', aliases: ['Mr. Rassendyll'] },
      { label: 'Offer', id: 'elphberg-money-offer', name: 'Elphberg’s offer of money', kind: 'offer', aliases: ['offered money'] },
      { label: 'Statement', id: 'rassendyll-ready', name: 'Rassendyll: ready to help', quote: 'We stand ready to help.' },
    ],
    relations: [
      { type: 'CONTRIBUTES_TROOPS_TO', from: 'ruritania', to: 'northern-watch', evidence: 'Ruritania sends troops to the Northern Watch.', date: '2025-01' },
      { type: 'HOLDS_OFFICE', from: 'rudolf-rassendyll', to: 'ruritania', role: 'foreign minister', evidence: 'Mr. Rassendyll, the Ruritanian foreign minister' },
      { type: 'SAID', from: 'rudolf-rassendyll', to: 'rassendyll-ready', evidence: 'Mr. Rassendyll, the Ruritanian foreign minister, said: “We stand ready to help.”' },
      { type: 'MADE', from: 'elphberg', to: 'elphberg-money-offer', evidence: 'Elphberg, for its part, offered money to the Northern Watch' },
      { type: 'TO', from: 'elphberg-money-offer', to: 'northern-watch', evidence: 'offered money to the Northern Watch' },
      { type: 'REJECTED', from: 'ruritania', to: 'elphberg-money-offer', evidence: 'an offer Ruritania rejected' },
    ],
    ...overrides,
  };
}

/** js-yaml's writer recurses over very long strings; such a file is written as JSON, which is YAML too. */
function hasHugeString(value: unknown): boolean {
  if (typeof value === 'string') return value.length > 100_000;
  if (value && typeof value === 'object') return Object.values(value).some(hasHugeString);
  return false;
}

/** Writes seed files (and the article text they name) into a fresh temporary folder; returns their paths. */
export function writeSeedFiles(files: Record<string, SeedFileInput | string>, texts: Record<string, string> = { 'ruritania.txt': SMALL_ARTICLE_TEXT }): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-seed-'));
  for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(dir, name), text);
  return Object.entries(files).map(([name, content]) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : name.endsWith('.json') || hasHugeString(content) ? JSON.stringify(content) : stringify(content));
    return file;
  });
}
