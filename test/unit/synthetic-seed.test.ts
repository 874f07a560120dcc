import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSyntheticSeed, writeSyntheticSeed } from '../../scripts/synthetic/article.ts';
import { validateSeedFiles } from '../../src/seed/validate.ts';

describe('the synthetic seed generator', () => {
  it('when asked for N entities and M relationships, then its file passes validation, with no warning, with exactly those counts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-synthetic-'));
    const [file] = writeSyntheticSeed(dir, { entities: 500, relations: 2_000, seed: 7 });
    const warnings: string[] = [];
    const [plan] = await validateSeedFiles([file!], { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(plan!.entities).toHaveLength(500);
    expect(plan!.relations).toHaveLength(2_000);
    expect(plan!.mentions).toHaveLength(500);
    expect(new Set(plan!.entities.map((e) => e.label)).size).toBeGreaterThanOrEqual(5);
  });

  it('when split into articles, then together they pass validation and hold every entity and relationship once', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-synthetic-'));
    const files = writeSyntheticSeed(dir, { entities: 300, relations: 1_000, seed: 9, parts: 7 });
    expect(files).toHaveLength(7);
    const plans = await validateSeedFiles(files);
    expect(plans.reduce((sum, plan) => sum + plan.entities.length, 0)).toBe(300);
    expect(plans.reduce((sum, plan) => sum + plan.relations.length, 0)).toBe(1_000);
    expect(plans.some((plan) => plan.references.length > 0)).toBe(true);
  });

  it('when run twice with one random seed, then it makes the same data', () => {
    expect(generateSyntheticSeed({ entities: 50, relations: 100, seed: 3 })).toEqual(generateSyntheticSeed({ entities: 50, relations: 100, seed: 3 }));
  });
});
