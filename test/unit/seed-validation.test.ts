import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { foldName } from '../../src/names.ts';
import { SeedValidationError, validateSeedFiles } from '../../src/seed/validate.ts';
import { resolveSeedFiles } from '../../src/seed/run.ts';
import { SMALL_ARTICLE_TEXT, smallSeed, writeSeedFiles } from '../support/seed-fixtures.ts';

async function problemsOf(files: string[]): Promise<string[]> {
  try {
    await validateSeedFiles(files);
  } catch (error) {
    if (error instanceof SeedValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('the article seed files', () => {
  it('when validated, then they pass and every evidence string and quote is verbatim in its article text', async () => {
    const files = await resolveSeedFiles([]);
    expect(files.length).toBeGreaterThan(0);
    const plans = await validateSeedFiles(files);
    for (const plan of plans) {
      const text = readFileSync(path.resolve(path.dirname(plan.file), plan.article.textFile), 'utf8');
      const quotes = [
        ...plan.relations.flatMap((r) => r.evidence.map((e) => e.quote)),
        ...plan.mentions.map((m) => m.evidence.quote),
        ...plan.entities.flatMap((e) => (e.quote ? [e.quote] : [])),
      ];
      expect(quotes.length).toBeGreaterThan(100);
      for (const quote of quotes) expect(text.includes(quote), quote).toBe(true);
    }
  });

  it('when the article is read, then its facts are all in the seed: troop contributors, the offer and its rejection, the funding', async () => {
    const [plan] = await validateSeedFiles([path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml')]);
    const facts = new Set(plan!.relations.map((r) => `${r.from} ${r.type} ${r.to}`));
    for (const country of ['united-states', 'jordan', 'france', 'germany', 'australia', 'united-arab-emirates', 'canada']) {
      expect(facts).toContain(`${country} CONTRIBUTES_TROOPS_TO civil-military-coordination-center`);
    }
    for (const country of ['france', 'united-kingdom', 'jordan', 'united-states']) {
      expect(facts).toContain(`${country} CONTRIBUTES_TROOPS_TO centcom-led-coalition`);
    }
    expect(facts).toContain('turkey MADE turkey-troops-offer');
    expect(facts).toContain('israel REJECTED turkey-troops-offer');
    for (const proxy of ['hamas', 'hezbollah', 'houthis']) {
      expect(facts).toContain(`iran FUNDS ${proxy}`);
      expect(facts).toContain(`iran ARMS ${proxy}`);
    }
    const rubioVisit = plan!.relations.find((r) => r.type === 'VISITED' && r.to === 'civil-military-coordination-center');
    expect(rubioVisit).toMatchObject({ key: '2025-10-24|', report: { status: 'asserted', date: '2025-10-24' } });
  });
});

describe('validateSeedFiles on bad input', () => {
  it('when a file is well formed, then it yields one plan with derived mentions', async () => {
    const plans = await validateSeedFiles(writeSeedFiles({ 'a.yaml': smallSeed() }));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.mentions.map((m) => m.id).sort()).toEqual(
      ['elphberg', 'elphberg-money-offer', 'northern-watch', 'rassendyll-ready', 'rudolf-rassendyll', 'ruritania'].sort(),
    );
    expect(plans[0]!.relations[0]).toMatchObject({ key: '|', report: { status: 'asserted', date: '2025-01' } });
  });

  it('when an entity is named only by what the article calls it (mentionedAs), then its mention is found there and those words never become its aliases', async () => {
    const seed = smallSeed();
    seed.entities![4] = { label: 'Offer', id: 'elphberg-money-offer', name: 'Elphberg’s offer of money', kind: 'offer', mentionedAs: ['offered money'] };
    const [plan] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': seed }));
    expect(plan!.entities.find((e) => e.id === 'elphberg-money-offer')!.aliases).toEqual([]);
    expect(plan!.mentions.find((m) => m.id === 'elphberg-money-offer')!.evidence.quote).toBe('Elphberg, for its part, offered money to the Northern Watch — an offer Ruritania rejected.');
    seed.entities![4] = { label: 'Offer', id: 'elphberg-money-offer', name: 'Elphberg’s offer of money', kind: 'offer' };
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': seed }))).toEqual([expect.stringMatching(/a\.yaml: entities\.4: the article names it nowhere/)]);
  });

  it('when the YAML is malformed, then the problem names the file, line and column', async () => {
    const [file] = writeSeedFiles({ 'bad.yaml': 'article:\n  id: x\n  title: [unclosed\nentities: []\n' });
    const problems = await problemsOf([file!]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/bad\.yaml:\d+:\d+: not valid YAML: /);
  });

  it('when the JSON is malformed, then the problem says so', async () => {
    const [file] = writeSeedFiles({ 'bad.json': '{"article": ' });
    expect(await problemsOf([file!])).toEqual([expect.stringMatching(/bad\.json: not valid JSON: /)]);
  });

  it('when fields have wrong types, unknown names or bad values, then each is reported at its path', async () => {
    const seed = smallSeed() as Record<string, any>;
    seed.entities[0].code = 'Ruritania';
    seed.entities[1].nickname = 'El';
    seed.entities[2].id = 'Northern Watch';
    seed.relations[0].date = '2025-02-30';
    seed.relations[1].evidence = 42;
    seed.relations[2].type = 'LIKES';
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': seed as any }));
    const text = problems.join('\n');
    expect(text).toMatch(/a\.yaml: entities\.0\.code: expected an ISO 3166-1 alpha-2 code/);
    expect(text).toMatch(/a\.yaml: entities\.1: Unrecognized key: "nickname"/);
    expect(text).toMatch(/a\.yaml: entities\.2\.id: expected a slug/);
    expect(text).toMatch(/a\.yaml: relations\.0\.date: is not a real calendar date/);
    expect(text).toMatch(/a\.yaml: relations\.1\.evidence: /);
    expect(text).toMatch(/a\.yaml: relations\.2\.type: /);
  });

  it('when ids repeat, references are unknown or a type joins the wrong labels, then every problem is reported together', async () => {
    const seed = smallSeed();
    seed.entities!.push({ label: 'Country', id: 'elphberg', name: 'Elphberg again', code: 'EL' });
    seed.relations!.push(
      { type: 'FUNDS', from: 'elphberg', to: 'nowhere-land', evidence: 'Elphberg' },
      { type: 'HOLDS_OFFICE', from: 'ruritania', to: 'northern-watch', evidence: 'Ruritania' },
      { type: 'CONTRIBUTES_TROOPS_TO', from: 'ruritania', to: 'northern-watch', evidence: 'Ruritania', role: 'lead' },
      { type: 'ARMS', from: 'ruritania', to: 'ruritania', evidence: 'Ruritania' },
    );
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': seed }));
    const text = problems.join('\n');
    expect(text).toMatch(/a\.yaml: entities\.6\.id: duplicate id "elphberg" \(first defined at .*a\.yaml: entities\.1\)/);
    expect(text).toMatch(/relations\.6\.to: unknown entity "nowhere-land"/);
    expect(text).toMatch(/relations\.7\.from: HOLDS_OFFICE must start at Person, but "ruritania" is a Country/);
    expect(text).toMatch(/relations\.8\.role: CONTRIBUTES_TROOPS_TO has no property "role"/);
    expect(text).toMatch(/relations\.9: a relationship from "ruritania" to itself says nothing/);
  });

  it('when evidence is almost but not quite verbatim, then it is refused with the text it looked for', async () => {
    const seed = smallSeed();
    seed.relations![0]!.evidence = 'Ruritania sends troops to the Northern  Watch.';
    seed.entities![5] = { label: 'Statement', id: 'rassendyll-ready', name: 'Rassendyll', quote: 'We stand ready to help!' };
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': seed }));
    expect(problems).toEqual([
      expect.stringMatching(/entities\.5\.quote: not found verbatim in the article text: "We stand ready to help!"/),
      expect.stringMatching(/relations\.0\.evidence: not found verbatim in the article text: "Ruritania sends troops to the Northern {2}Watch\."/),
    ]);
  });

  it('when an entity is named nowhere in its article, then it is refused', async () => {
    const seed = smallSeed();
    seed.entities!.push({ label: 'Country', id: 'graustark', name: 'Graustark', code: 'GR' });
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': seed }))).toEqual([
      expect.stringMatching(/entities\.6: the article names it nowhere: none of "Graustark" appears in its text/),
    ]);
  });

  it('when the article text file is missing, then the problem names article.text', async () => {
    const seed = smallSeed();
    seed.article.text = 'missing.txt';
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': seed }))).toEqual([expect.stringMatching(/a\.yaml: article\.text: cannot read the article text/)]);
  });

  it('when a relation repeats another, then it is refused rather than silently merged', async () => {
    const seed = smallSeed();
    seed.relations!.push({ ...seed.relations![0]! });
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': seed }))).toEqual([expect.stringMatching(/relations\.6: repeats relations\.0/)]);
  });

  it('when a string is 10 MB long, then it is refused by length without being searched for', async () => {
    const seed = smallSeed();
    seed.relations![0]!.evidence = 'x'.repeat(10_000_000);
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': seed }));
    expect(problems).toEqual([expect.stringMatching(/a\.yaml: relations\.0\.evidence: /)]);
    expect(problems[0]).toMatch(/at most 5000 characters/);
  });

  it('when two files define one id with different labels, then the conflict names both places', async () => {
    const second = smallSeed({
      article: { ...smallSeed().article, id: 'test-ruritania-2' },
      entities: [{ label: 'Organization', id: 'ruritania', name: 'Ruritania', kind: 'club' }],
      relations: [],
    });
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': smallSeed(), 'b.yaml': second }));
    expect(problems).toEqual([expect.stringMatching(/b\.yaml: entities\.0\.label: "ruritania" is an Organization here but a Country at .*a\.yaml: entities\.0/)]);
  });

  const laterArticle = (entities: NonNullable<ReturnType<typeof smallSeed>['entities']>) =>
    smallSeed({ article: { ...smallSeed().article, id: 'test-ruritania-2', publishedAt: '2025-02-01' }, entities, relations: [] });

  it('when a later file gives an entity another code without saying it corrects it, then both values and both articles are named', async () => {
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': smallSeed(), 'b.yaml': laterArticle([{ label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RX' }]) }));
    expect(problems).toEqual([
      expect.stringMatching(/b\.yaml: entities\.0\.code: "ruritania" has code "RU" from .*a\.yaml \(article "test-ruritania"\), but "RX" here; if this article corrects it, add corrects: \[code\]/),
    ]);
  });

  it('when a later file says it corrects the code, or gives the same values, or leaves a value out, then it passes', async () => {
    const first = smallSeed();
    first.entities![2] = { label: 'Organization', id: 'northern-watch', name: 'Northern Watch', kind: 'multinational force', description: 'A force.' };
    const files = writeSeedFiles({
      'a.yaml': first,
      'b.yaml': laterArticle([
        { label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RX', corrects: ['code'] },
        { label: 'Country', id: 'elphberg', name: 'Elphberg', code: 'EL' },
        { label: 'Organization', id: 'northern-watch', name: 'Northern Watch', kind: 'multinational force', aliases: ['the Watch'] },
      ]),
    });
    expect(await problemsOf(files)).toEqual([]);
  });

  it('when a file says it corrects a property it does not give, then it is refused there', async () => {
    const problems = await problemsOf(writeSeedFiles({ 'b.yaml': laterArticle([{ label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RU', corrects: ['description'] }]) }));
    expect(problems).toEqual([expect.stringMatching(/b\.yaml: entities\.0\.corrects: corrects description, but gives no description/)]);
  });
});

describe('when a fact holds', () => {
  const withTime = (index: number, time: Record<string, string>) => {
    const seed = smallSeed();
    Object.assign(seed.relations![index]!, { date: undefined, ...time });
    return seed;
  };

  it('when a state has a period, then its report keeps the period as given, and the state is one fact whatever time a report gives', async () => {
    const [closed] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': withTime(1, { since: '2024-03', until: '2025' }) }));
    expect(closed!.relations[1]).toMatchObject({ report: { status: 'asserted', since: '2024-03', until: '2025' }, key: '|foreign minister' });
    const [open] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': withTime(1, { since: '2024-03-05' }) }));
    expect(open!.relations[1]).toMatchObject({ report: { since: '2024-03-05' }, key: '|foreign minister' });
    expect(open!.relations[1]!.report.until).toBeUndefined();
    const [untilOnly] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': withTime(1, { until: '2024-12-31' }) }));
    expect(untilOnly!.relations[1]).toMatchObject({ report: { until: '2024-12-31' }, key: '|foreign minister' });
  });

  it('when an event has a date, then the date is part of its identity; a state reported at a date is keyed without it', async () => {
    const seed = smallSeed();
    seed.relations![5]!.date = '2025-01-02';
    const [plan] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': seed }));
    expect(plan!.relations[5]).toMatchObject({ type: 'REJECTED', key: '2025-01-02|', report: { date: '2025-01-02' } });
    expect(plan!.relations[0]).toMatchObject({ type: 'CONTRIBUTES_TROOPS_TO', key: '|', report: { status: 'asserted', date: '2025-01' } });
  });

  it('when a period ends before it begins, is given to an event, or comes with a date, then each is refused at its place and nothing is planned', async () => {
    const seed = smallSeed();
    Object.assign(seed.relations![1]!, { since: '2025-02', until: '2025-01-31' });
    Object.assign(seed.relations![5]!, { since: '2025' });
    Object.assign(seed.relations![0]!, { since: '2024' });
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': seed }));
    expect(problems).toEqual([
      expect.stringMatching(/a\.yaml: relations\.0\.since: a fact has a point in time \(date\) or a period \(since, until\), not both/),
      expect.stringMatching(/a\.yaml: relations\.1\.until: the period ends \(2025-01-31\) before it begins \(2025-02\)/),
      expect.stringMatching(/a\.yaml: relations\.5\.since: REJECTED is an event, which happens at a point in time: give its date, not a period/),
    ]);
  });

  it('when a period’s ends are not calendar dates, then the schema refuses them at their path', async () => {
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': withTime(1, { since: '2025-13', until: 'soon' }) }));
    expect(problems.join('\n')).toMatch(/relations\.1\.since: is not a real calendar date/);
    expect(problems.join('\n')).toMatch(/relations\.1\.until: expected an ISO 8601 date/);
  });

  it('when a period begins and ends in one month, at different precisions, then it passes', async () => {
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': withTime(1, { since: '2025-01', until: '2025-01-01' }) }))).toEqual([]);
  });
});

describe('entities named by id alone (known)', () => {
  const withKnown = (known: unknown[]) => ({ ...smallSeed(), known } as never);

  it('when an id alone names an entity another file defines, then the article mentions it, keeps it alive and defines nothing', async () => {
    const other = smallSeed({ article: { ...smallSeed().article, id: 'test-other' }, relations: [] });
    const second = smallSeed({ article: { ...smallSeed().article, id: 'test-second', text: 'second.txt' }, entities: [], relations: [], known: ['ruritania', { id: 'northern-watch', mentionedAs: ['the Watch'] }] } as never);
    const plans = await validateSeedFiles(writeSeedFiles({ 'a.yaml': other, 'b.yaml': second }, { 'ruritania.txt': SMALL_ARTICLE_TEXT, 'second.txt': 'Ruritania said little; the Watch said less.\n' }));
    const plan = plans.find((p) => p.article.id === 'test-second')!;
    expect(plan.entities).toEqual([]);
    expect(plan.mentions.map((m) => m.id).sort()).toEqual(['northern-watch', 'ruritania']);
    expect(plan.references.map((r) => r.id)).toEqual(['northern-watch', 'ruritania']);
  });

  it('when an id alone names no entity, or one the file itself defines, then each is refused at its place', async () => {
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': withKnown(['nowhere']) }))).toEqual([
      expect.stringMatching(/a\.yaml: known\.0: unknown entity "nowhere": an entity given by its id alone must be defined by another seed file or be in the graph/),
    ]);
    expect(await problemsOf(writeSeedFiles({ 'a.yaml': withKnown(['ruritania']) }))).toEqual([expect.stringMatching(/a\.yaml: known\.0: "ruritania" is defined in this file \(entities\.0\): name it there only/)]);
  });
});

describe('overtaking', () => {
  // Events, which their dates tell apart (a state is one fact whatever its time).
  const rejection = (date: string, overtakes?: Record<string, string>) => ({
    type: 'REJECTED',
    from: 'ruritania',
    to: 'elphberg-money-offer',
    evidence: 'an offer Ruritania rejected',
    date,
    ...(overtakes ? { overtakes } : {}),
  });
  const withRelations = (...relations: object[]) => {
    const seed = smallSeed();
    seed.relations!.splice(0, 1, ...(relations as NonNullable<typeof seed.relations>));
    return seed;
  };

  it('when a fact overtakes one of the same file, of another type, then it is planned with the earlier fact’s identity', async () => {
    const seed = smallSeed();
    seed.relations!.push({ type: 'ACCEPTED', from: 'ruritania', to: 'elphberg-money-offer', evidence: 'an offer Ruritania rejected', date: '2025-01-02', overtakes: { type: 'REJECTED' } });
    const [plan] = await validateSeedFiles(writeSeedFiles({ 'a.yaml': seed }));
    expect(plan!.relations[6]!.overtakes).toMatchObject({ type: 'REJECTED', from: 'ruritania', to: 'elphberg-money-offer', key: '|' });
  });

  it('when a fact overtakes one that no file and no graph holds, then the problem names the place and the fact looked for', async () => {
    const problems = await problemsOf(writeSeedFiles({ 'a.yaml': withRelations(rejection('2025-01', { date: '1999' })) }));
    expect(problems).toEqual([expect.stringMatching(/a\.yaml: relations\.0\.overtakes: names no fact in these files or the graph: REJECTED "ruritania" → "elphberg-money-offer" \(date 1999\)/)]);
    const byDate = await problemsOf(writeSeedFiles({ 'a.yaml': withRelations({ ...rejection('2025-01'), type: 'ACCEPTED', overtakes: { type: 'CONTRIBUTES_TROOPS_TO', to: 'northern-watch', date: '2025-01' } }) }));
    expect(byDate).toEqual([expect.stringMatching(/a\.yaml: relations\.0\.overtakes\.date: CONTRIBUTES_TROOPS_TO is a state, named by its type, ends and role or share, not by a date: leave the date out/)]);
  });

  it('when facts overtake each other in a circle, or a fact itself, or one fact is overtaken by two, then each is refused at its place', async () => {
    const circle = await problemsOf(writeSeedFiles({ 'a.yaml': withRelations(rejection('2025-01', { date: '2025-02' }), rejection('2025-02', { date: '2025-01' })) }));
    expect(circle).toEqual(expect.arrayContaining([expect.stringMatching(/relations\.\d\.overtakes: overtaking goes round in a circle: REJECTED "ruritania" → "elphberg-money-offer"/)]));
    const itself = await problemsOf(writeSeedFiles({ 'a.yaml': withRelations(rejection('2025-01', { date: '2025-01' })) }));
    expect(itself).toEqual([expect.stringMatching(/relations\.0\.overtakes: names this fact itself/)]);
    const twice = await problemsOf(writeSeedFiles({ 'a.yaml': withRelations(rejection('2025-01'), rejection('2025-02', { date: '2025-01' }), rejection('2025-03', { date: '2025-01' })) }));
    expect(twice).toEqual([expect.stringMatching(/relations\.2\.overtakes: REJECTED "ruritania" → "elphberg-money-offer" \(date 2025-01\) is overtaken already, by REJECTED "ruritania" → "elphberg-money-offer" \(date 2025-02\) at .*relations\.1\.overtakes/)]);
  });
});

describe('likely duplicates', () => {
  it('when names differ only in case, accents or punctuation, then they fold to the same key', () => {
    for (const name of ['Hamas', 'HAMAS', 'Ḥamās', ' hamas. ']) expect(foldName(name)).toBe('hamas');
    expect(foldName('U.S.')).toBe(foldName('U S'));
    expect(foldName('Egyptian-Israeli')).toBe('egyptian israeli');
    expect(foldName('Jordan')).not.toBe(foldName('Jordanian'));
  });

  it('when two files give different ids to the same folded name, then it is a warning naming both, and with strict a problem', async () => {
    const other = smallSeed({
      article: { ...smallSeed().article, id: 'test-ruritania-2' },
      entities: [{ label: 'Country', id: 'kingdom-of-ruritania', name: 'RURITANIA', code: 'RK', aliases: ['Ruritania'] }],
      relations: [],
    });
    const files = writeSeedFiles({ 'a.yaml': smallSeed(), 'b.yaml': other });
    const warnings: string[] = [];
    await validateSeedFiles(files, { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([expect.stringMatching(/b\.yaml: entities\.0: likely duplicate: "kingdom-of-ruritania" is called "RURITANIA", as "ruritania" is at .*a\.yaml: entities\.0; if they are one thing, use one id/)]);

    await expect(validateSeedFiles(files, { strict: true })).rejects.toThrow(/likely duplicate: "kingdom-of-ruritania" .* \(--strict\)/);
  });

  it('when an article reports an event with no date beside the same event with one, then it is a warning naming both, and with strict a problem; in two articles it is not', async () => {
    const base = smallSeed();
    const dated = { type: 'REJECTED', from: 'ruritania', to: 'elphberg-money-offer', date: '2024-12-20', evidence: 'an offer Ruritania rejected' };
    const [both] = writeSeedFiles({ 'both.yaml': { ...base, relations: [...base.relations!, dated] } });
    const warnings: string[] = [];
    await validateSeedFiles([both!], { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([
      expect.stringMatching(/both\.yaml: relations\.5: REJECTED "ruritania" → "elphberg-money-offer" has no date, and relations\.6 dates it 2024-12-20: .* if this is another event, give its date$/),
    ]);
    await expect(validateSeedFiles([both!], { strict: true })).rejects.toThrow(/relations\.5: REJECTED .* has no date, .* \(--strict\)/);

    const later = { ...base, article: { ...base.article, id: 'test-ruritania-later', publishedAt: '2025-01-05' }, relations: [dated] };
    const apart: string[] = [];
    await validateSeedFiles(writeSeedFiles({ 'a.yaml': base, 'later.yaml': later }), { warn: (w) => apart.push(w) });
    expect(apart).toEqual([]);
  });

  it('when nothing folds alike, then there is no warning', async () => {
    const warnings: string[] = [];
    await validateSeedFiles(writeSeedFiles({ 'a.yaml': smallSeed() }), { warn: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });
});
