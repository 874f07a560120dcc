import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dump as stringify } from 'js-yaml';
import { MAX_ARTICLE_TEXT_BYTES } from '../../src/seed/article-text.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import { SeedValidationError, validateSeedFiles } from '../../src/seed/validate.ts';
import { type Json, wrongTypeMutation } from '../support/mutations.ts';
import { SMALL_ARTICLE_TEXT, smallSeed, writeSeedFiles } from '../support/seed-fixtures.ts';

/** The problems validation reports; any other kind of failure fails the test. */
async function problemsOf(files: string[]): Promise<string[]> {
  try {
    await validateSeedFiles(files);
    return [];
  } catch (error) {
    if (error instanceof SeedValidationError) return error.problems;
    throw error;
  }
}

describe('hostile seed files', () => {
  describe('an article text that is not the seed file’s own', () => {
    /** A seed file whose article.text is `text`, in a folder of its own; `prepare` may add files beside it. */
    async function problemsWithText(text: string, prepare: (dir: string) => void = () => {}): Promise<string[]> {
      const seed = smallSeed();
      const [file] = writeSeedFiles({ 'a.yaml': { ...seed, article: { ...seed.article!, text } } });
      prepare(path.dirname(file!));
      return problemsOf([file!]);
    }

    it('when it climbs out of the folder, is absolute, or is a link out, then it is refused without being read', async () => {
      expect(await problemsWithText('../../../../etc/passwd')).toEqual([expect.stringMatching(/a\.yaml: article\.text: \.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd leads outside the seed file's folder; /)]);
      expect(await problemsWithText('/etc/passwd')).toEqual([expect.stringMatching(/a\.yaml: article\.text: \/etc\/passwd is an absolute path/)]);
      expect(await problemsWithText('passwd.txt', (dir) => symlinkSync('/etc/passwd', path.join(dir, 'passwd.txt')))).toEqual([
        expect.stringMatching(/article\.text: passwd\.txt leads outside the seed file's folder \(through a symbolic link, to \/etc\/passwd\)/),
      ]);
      expect(await problemsWithText('articles', (dir) => symlinkSync('/etc', path.join(dir, 'articles')))).toEqual([
        expect.stringMatching(/article\.text: articles leads outside the seed file's folder/),
      ]);
    });

    it('when it is not UTF-8 text, holds a NUL byte, is too big or is a folder, then it is refused with the reason', async () => {
      const write = (bytes: Uint8Array | string) => (dir: string) => writeFileSync(path.join(dir, 'bad.txt'), bytes);
      expect(await problemsWithText('bad.txt', write(new Uint8Array([0x54, 0x68, 0xff, 0xfe, 0x0a])))).toEqual([expect.stringMatching(/article\.text: bad\.txt is not valid UTF-8 text/)]);
      expect(await problemsWithText('bad.txt', write('Ruritania\u0000 sent troops.\n'))).toEqual([expect.stringMatching(/article\.text: bad\.txt holds a NUL byte at character 9/)]);
      const huge = (dir: string) => {
        writeFileSync(path.join(dir, 'bad.txt'), '');
        truncateSync(path.join(dir, 'bad.txt'), MAX_ARTICLE_TEXT_BYTES + 1);
      };
      expect(await problemsWithText('bad.txt', huge)).toEqual([expect.stringMatching(new RegExp(`article\\.text: bad\\.txt has ${MAX_ARTICLE_TEXT_BYTES + 1} bytes; .* at most ${MAX_ARTICLE_TEXT_BYTES}`))]);
      expect(await problemsWithText('.')).toEqual([expect.stringMatching(/article\.text: \. leads outside the seed file's folder/)]);
    });

    it('when it is in a subfolder, also through a link that stays inside, then it is read', async () => {
      const seed = smallSeed();
      const [file] = writeSeedFiles({ 'a.yaml': { ...seed, article: { ...seed.article!, text: 'articles/ruritania.txt' } } });
      const dir = path.dirname(file!);
      symlinkSync(dir, path.join(dir, 'articles'));
      expect(await problemsOf([file!])).toEqual([]);
    });
  });

  it('when YAML aliases expand exponentially, then the file is refused without expanding them', async () => {
    const levels = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(9).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const [file] = writeSeedFiles({ 'bomb.yaml': `${levels.join('\n')}\n` });
    expect(await problemsOf([file!])).toEqual([expect.stringMatching(/bomb\.yaml:\d+:\d+: not valid seed data: its YAML aliases expand too far/)]);
  });

  it('when a YAML alias refers to itself, then the file is refused at the fields it lacks', async () => {
    const [file] = writeSeedFiles({ 'loop.yaml': 'article: &a\n  id: loop\n  again: *a\nentities: []\n' });
    const problems = await problemsOf([file!]);
    expect(problems).toContainEqual(expect.stringMatching(/loop\.yaml: article: Unrecognized key: "again"/));
  });

  it('when nesting is absurdly deep, then JSON and YAML are refused with a message, not a crash', async () => {
    const [json, yaml] = writeSeedFiles({ 'deep.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'deep.yaml': `${'['.repeat(20_000)}${']'.repeat(20_000)}` });
    expect(await problemsOf([json!])).toEqual([expect.stringMatching(/deep\.json: \(top level\): .*expected object/)]);
    expect(await problemsOf([yaml!])).toEqual([expect.stringMatching(/deep\.yaml:\d+:\d+: not valid YAML: /)]);
  });

  it('when PART_OF or LOCATED_IN go round in a circle, even across files, then the relationship closing it is named', async () => {
    const first = smallSeed();
    first.entities!.push(
      { label: 'Organization', id: 'watch-north', name: 'Northern Watch north wing', kind: 'unit', aliases: ['Northern Watch'] },
      { label: 'Place', id: 'ruritania-city', name: 'Ruritania', kind: 'city' },
    );
    first.relations!.push(
      { type: 'PART_OF', from: 'watch-north', to: 'northern-watch', evidence: 'the Northern Watch' },
      { type: 'LOCATED_IN', from: 'ruritania-city', to: 'ruritania-city', evidence: 'Ruritania' },
    );
    const second = smallSeed({
      article: { ...smallSeed().article, id: 'test-ruritania-2' },
      entities: [],
      relations: [{ type: 'PART_OF', from: 'northern-watch', to: 'watch-north', evidence: 'the Northern Watch' }],
    });
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': first, 'b.yaml': second }));
    expect(problems).toContainEqual(expect.stringMatching(/b\.yaml: relations\.0: PART_OF goes round in a circle: "(watch-north|northern-watch)" → ".*" → "\1"/));
    expect(problems).toContainEqual(expect.stringMatching(/a\.yaml: relations\.7: a relationship from "ruritania-city" to itself says nothing/));
  });

  it('when a relation’s evidence is a list of verbatim passages instead of one (even a single word), then it is valid, so the wrong-type property never offers it as damage', async () => {
    const seed = smallSeed();
    seed.relations![3] = { ...seed.relations![3]!, evidence: ['a'] };
    expect(await problemsOf(writeSeedFiles({ 'listed.yaml': seed }))).toEqual([]);
    const mutations = fc.sample(wrongTypeMutation(smallSeed() as unknown as Json), { numRuns: 2000, seed: 1135016283 });
    const atEvidence = mutations.filter(({ path }) => path.length === 3 && path[2] === 'evidence');
    expect(atEvidence.length).toBeGreaterThan(0);
    for (const { path, document } of atEvidence) {
      const value = (document as { relations: Record<string, Json>[] }).relations[path[1] as number]!.evidence;
      expect(typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'))).toBe(false);
    }
  });

  it('property: a value of the wrong type anywhere is refused at its path, in YAML and in JSON', async () => {
    const valid = smallSeed() as unknown as Json;
    await fc.assert(
      fc.asyncProperty(wrongTypeMutation(valid), fc.boolean(), async ({ path, document }, asJson) => {
        const name = asJson ? 'mutated.json' : 'mutated.yaml';
        const [file] = writeSeedFiles({ [name]: asJson ? JSON.stringify(document) : stringify(document) });
        const problems = await problemsOf([file!]);
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem.startsWith(`${file}`)).toBe(true);
        // Reported at the damaged value itself, or at the object or list that holds it.
        const places = path.map((_, i) => path.slice(0, i + 1).join('.'));
        expect(problems.some((problem) => places.some((place) => problem.startsWith(`${file}: ${place}:`) || problem.startsWith(`${file}: ${place}.`)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('property: any bytes at all are refused with a problem naming the file, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('x.yaml', 'x.json'), async (bytes, name) => {
        const [file] = writeSeedFiles({ [name]: Buffer.from(bytes).toString('latin1') });
        const problems = await problemsOf([file!]);
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) expect(problem.startsWith(`${file}`)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('property: evidence one character away from the article text is refused, naming the relation', async () => {
    const seed = smallSeed();
    const edit = fc.record({
      relation: fc.nat({ max: seed.relations!.length - 1 }),
      at: fc.nat(),
      kind: fc.constantFrom('insert', 'delete', 'replace'),
      char: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }),
    });
    await fc.assert(
      fc.asyncProperty(edit, async ({ relation, at, kind, char }) => {
        const evidence = seed.relations![relation]!.evidence as string;
        const i = at % evidence.length;
        const changed =
          kind === 'insert' ? evidence.slice(0, i) + char + evidence.slice(i) : evidence.slice(0, i) + (kind === 'replace' ? char : '') + evidence.slice(i + 1);
        fc.pre(!SMALL_ARTICLE_TEXT.includes(changed) && changed.trim() === changed && changed.length > 0);
        const damaged: SeedFileInput = structuredClone(seed);
        damaged.relations![relation]!.evidence = changed;
        const problems = await problemsOf(writeSeedFiles({ 'near.yaml': damaged }));
        expect(problems).toContainEqual(expect.stringMatching(new RegExp(`near\\.yaml: relations\\.${relation}\\.evidence: `)));
      }),
      { numRuns: 150 },
    );
  });
});
