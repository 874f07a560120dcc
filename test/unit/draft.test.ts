import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { draftArticle } from '../../src/draft/draft.ts';
import type { Proposer } from '../../src/draft/proposer.ts';
import { FACT_PATTERNS } from '../../src/draft/patterns.ts';
import { SPEECH_PATTERNS } from '../../src/draft/speech.ts';
import { OFFER_PATTERNS } from '../../src/draft/offers.ts';
import { AGREEMENT_PATTERNS } from '../../src/draft/agreements.ts';
import { countryTable, knownFromSeedFiles, withCountryTable, type KnownEntity } from '../../src/draft/known.ts';
import { findMentions, TermTable } from '../../src/draft/match.ts';
import { wordsOf } from '../../src/draft/words.ts';
import { formatScores, GRAPH_STATES, measureDrafts, ratio, sum, type DraftScores, type GraphState } from '../../src/draft/measure.ts';
import { draft, draftAsJson } from '../../src/draft/run.ts';
import { UserFacingError } from '../../src/errors.ts';
import { validateSeedFiles } from '../../src/seed/validate.ts';
import { HELD_OUT, SCORED_FILES } from '../../scripts/draft-scores.ts';

const ARTICLE_ID = '2025-11-03-international-force-gaza';
const ARTICLE_SEED = path.join(PROJECT_ROOT, `seed/${ARTICLE_ID}.yaml`);
const ARTICLE_TEXT = path.join(PROJECT_ROOT, `seed/articles/${ARTICLE_ID}.txt`);
const META = { id: 'test-draft', title: 'A test', publisher: 'Test Gazette', publishedAt: '2026-02-01', path: '/test', text: 'articles/test-draft.txt' };

const person = (id: string, name: string, aliases: string[] = []): KnownEntity => ({ id, label: 'Person', name, aliases, origin: 'seed' });
const linkedIds = (text: string, known: KnownEntity[]) => draftArticle(text, META, known).linked.map((l) => l.entity.id);
const withTable = (known: KnownEntity[] = []) => withCountryTable(known, countryTable());

function seedDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-draft-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function writeText(content: string | Uint8Array, name = '2026-02-01-test.txt'): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'entity-graph-text-')), name);
  writeFileSync(file, content);
  return file;
}

describe('linking the entities a text names', () => {
  it('when names stand in possessives, hyphenated and dotted forms, then each is found as a whole word, and never inside a longer word', () => {
    const known = withTable([person('benjamin-netanyahu', 'Benjamin Netanyahu', ['Mr. Netanyahu'])]);
    const text = 'Mr. Netanyahu’s cabinet met. The U.S.-led force and the Egyptian-Israeli treaty held. Israel’s army moved. Jordanians watched; nobody from Omania came.\n';
    const ids = linkedIds(text, known);
    expect(ids).toEqual(['benjamin-netanyahu', 'united-states', 'egypt', 'israel', 'jordan']);
    expect(ids).not.toContain('oman');
  });

  it('when a state is named only by its adjective, plural or dotted form, then the table links it, under the id the graph gives it if the graph knows it by its code', () => {
    const graphs: KnownEntity = { id: 'usa', label: 'Country', name: 'United States of America', aliases: [], code: 'US', origin: 'seed' };
    const draft = draftArticle('British and Emirati officers met U.S. envoys.\n', META, withTable([graphs]));
    expect(draft.linked.map((l) => [l.entity.id, l.aliases])).toEqual([
      ['united-kingdom', ['British']],
      ['united-arab-emirates', ['Emirati']],
      ['usa', ['U.S.']],
    ]);
  });

  it('when a territory and a state share a name, then the state is linked', () => {
    const territory: KnownEntity = { id: 'georgia-us', label: 'Place', name: 'Georgia', aliases: [], kind: 'state', origin: 'seed' };
    expect(linkedIds('Georgia held elections.\n', withTable([territory]))).toEqual(['georgia']);
  });

  it('when two known entities of one rank share a name, then neither is linked and the name is reported', () => {
    const draft = draftArticle('Smith spoke.\n', META, [person('john-smith', 'John Smith', ['Smith']), person('jane-smith', 'Jane Smith', ['Smith'])]);
    expect(draft.linked).toEqual([]);
    expect(draft.ambiguous).toEqual([{ term: 'Smith', ids: ['john-smith', 'jane-smith'] }]);
  });

  it('when names are written into random text, then exactly those whole-word names are found, as a term-by-term search finds them', () => {
    const known = withTable();
    const terms = known.flatMap((e) => [e.name, ...e.aliases].map((term) => ({ term, id: e.id })));
    // Each name comes after a word in lower case or a mark: a name next to another capitalised word
    // is part of a longer name, and a capital after "in" is the place (tested on their own below).
    const filler = fc.constantFrom('the', 'talks', 'said', 'and', 'with', ',', '—', 'over', 'troops');
    const piece = fc.oneof(filler, fc.tuple(filler, fc.constantFrom(...terms).map((t) => t.term)).map((pair) => pair.join(' ')), fc.constantFrom('’s', '-led', 'n'));
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), (pieces) => {
        const text = pieces.join(' ').replace(/ (’s|-led|n)\b/g, '$1') + '.\n';
        const table = new TermTable(known);
        const found = new Set(findMentions(text, wordsOf(text), table).mentions.map((m) => m.entity.id));
        // The reference: every place a term stands as a whole word, longest first. Inside a longer one
        // that is kept and whose words are all capitalised it is part of that name ("Guinea" in
        // "Equatorial Guinea"), unless a possessive or a hyphen joins it inside that name (one after
        // the longer name is the longer name's: "Equatorial Guinea’s"); elsewhere, a capitalised word
        // next to it makes it part of a longer name ("Vatican" in "Vatican Cityn").
        const places = terms
          .flatMap(({ term }) =>
            [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'))].map((m) => ({ term, start: m.index, end: m.index + term.length })),
          )
          .sort((a, b) => b.end - b.start - (a.end - a.start));
        const properName = (name: string) => (name.match(/\p{L}+/gu) ?? []).every((word) => /^\p{Lu}/u.test(word) || ['of', 'the', 'and'].includes(word));
        const kept: typeof places = [];
        for (const p of places) {
          const enclosing = kept.find((q) => q.start <= p.start && q.end >= p.end && q.end - q.start > p.end - p.start);
          const keep = enclosing
            ? (p.end < enclosing.end && /^(?:’s(?![\p{L}\p{N}])|-)/u.test(text.slice(p.end))) || !properName(enclosing.term)
            : !/^ \p{Lu}/u.test(text.slice(p.end)) && !(/^\p{Lu}/u.test(p.term) && /\p{Lu}[\p{L}\p{N}]* $/u.test(text.slice(0, p.start)));
          if (keep) kept.push(p);
        }
        const expected = new Set(kept.map(({ term }) => table.lookup(term)![0]!.id));
        expect([...found].sort()).toEqual([...expected].sort());
      }),
      { numRuns: 300 },
    );
    // 300 drafts of random text: about 1.5 s alone, 3 to 4 s in CI beside the other unit files, over 9 s on a busy machine.
  }, 30_000);
});

describe('linking the way wire reports name things', () => {
  const force: KnownEntity = { id: 'international-stabilization-force', label: 'Organization', name: 'International Stabilization Force', aliases: [], kind: 'force', origin: 'seed' };
  const un: KnownEntity = { id: 'united-nations', label: 'Organization', name: 'United Nations', aliases: ['UN'], kind: 'organization', origin: 'seed' };

  it('when a capital stands for its government, then the state is linked with the capital as how the article calls it, never as an alias; after "in" it is the city', () => {
    const text = 'Washington has pressed Jerusalem to accept the plan, officials said. Talks were held in Washington on Monday.\n';
    const draft = draftArticle(text, META, withTable());
    expect(draft.linked.map((l) => [l.entity.id, l.aliases, l.mentionedAs])).toEqual([
      ['united-states', [], ['Washington']],
      ['israel', [], ['Jerusalem']],
    ]);
    // Only the place: no state is named by "in Tehran".
    expect(linkedIds('Envoys met in Tehran on Monday.\n', withTable())).toEqual([]);
    const city: KnownEntity = { id: 'jerusalem', label: 'Place', name: 'Jerusalem', aliases: [], kind: 'city', origin: 'seed' };
    expect(linkedIds('Protesters gathered in Jerusalem.\n', withTable([city]))).toEqual(['jerusalem']);
    expect(draft.yaml).toContain('mentionedAs: [Washington]');
    expect(draft.yaml).not.toMatch(/aliases: \[[^\]]*Washington/);
  });

  it('when an organisation’s name holds "and" and a known name, and its short name follows in brackets, then it is proposed whole with that short name; a counterpart is a person', () => {
    const au: KnownEntity = { id: 'african-union', label: 'Organization', name: 'African Union', aliases: [], kind: 'organization', origin: 'seed' };
    const text = 'The African Union Support and Stabilisation Mission in Somalia (AUSSOM) is short of money. JD Vance and Marco Rubio met her Kenyan counterpart, Ruth Wanjiru.\n';
    const draft = draftArticle(text, META, withTable([au]));
    expect(draft.linked.map((l) => l.entity.id)).toEqual(['kenya']);
    expect(draft.proposedEntities.map((p) => [p.name, p.label, p.aliases ?? []])).toEqual([
      // "AUSSOM" does not spell the name's initials (AUSSMS), but stands in brackets right after it.
      ['African Union Support and Stabilisation Mission in Somalia', 'Organization', ['AUSSOM']],
      // Without a head word after it, "and" joins two names.
      ['JD Vance', null, []],
      ['Marco Rubio', null, []],
      ['Ruth Wanjiru', 'Person', []],
    ]);
  });

  it('when a state whose name ends a longer state’s is written with a possessive, then only the longer state is named', () => {
    // "Sudan" ends "South Sudan": the possessive belongs to the longer name, as the hyphen of "Egyptian-Israeli" joins two.
    expect(linkedIds('South Sudan’s information minister spoke in Juba.\n', withTable())).toEqual(['south-sudan']);
    expect(linkedIds('The Egyptian-Israeli treaty held; Sudan’s army moved.\n', withTable())).toEqual(['egypt', 'israel', 'sudan']);
    // The word-by-word property's counterexample (seed 974422795): "Congo" ends the longer name.
    expect(linkedIds('talks with the Democratic Republic of the Congo’s the.\n', withTable())).toEqual(['democratic-republic-of-the-congo']);
  });

  it('when a known name begins or ends a longer proper name, then it is no mention of it, and the longer name is proposed whole', () => {
    const text = 'Israel Hayom reported the plan. The United Nations Interim Force in Lebanon has 10,000 troops, the United Nations said.\n';
    const draft = draftArticle(text, META, withTable([un]));
    // Israel is not named (the newspaper is); the United Nations is, in its own sentence.
    expect(draft.linked.map((l) => l.entity.id)).toEqual(['united-nations']);
    expect(draft.linked[0]!.sentence).toBe('The United Nations Interim Force in Lebanon has 10,000 troops, the United Nations said.');
    const proposed = draft.proposedEntities.map((p) => p.name);
    expect(proposed).toEqual(expect.arrayContaining(['Israel Hayom', 'United Nations Interim Force in Lebanon']));
    expect(proposed).not.toContain('Hayom');
    expect(proposed).not.toContain('Interim Force');
    // Titles before and after a state are not names: the state and the person are both there.
    const titled = draftArticle('U.S. Secretary of State Marco Rubio met Israeli Defense Minister Israel Katz.\n', META, withTable([person('marco-rubio', 'Marco Rubio')]));
    expect(titled.linked.map((l) => l.entity.id)).toEqual(['united-states', 'marco-rubio', 'israel']);
    expect(titled.linked.find((l) => l.entity.id === 'israel')!.aliases).toEqual(['Israeli']);
    expect(titled.proposedEntities.map((p) => [p.name, p.label])).toEqual([['Israel Katz', 'Person']]);
  });

  it('when a state’s name ends a place’s ("Gulf of Oman") or a people’s word follows another state’s adjective ("Bosnian Serb"), then that state is not named', () => {
    const text = 'Japan kept two destroyers in the Gulf of Oman. Bosnian Serb leader Milan Radulovic and Turkish Cypriot leader Mehmet Aydin spoke. Serbia and Oman did not.\n';
    const draft = draftArticle(text, META, withTable());
    // Serbia and Oman are named in the last sentence only.
    const { mentions } = findMentions(text, wordsOf(text), new TermTable(withTable()));
    expect(mentions.filter((m) => !m.nested).map((m) => [m.entity.id, m.start >= text.indexOf('Serbia and Oman')])).toEqual([
      ['japan', false],
      ['serbia', true],
      ['oman', true],
    ]);
    expect(draft.proposedEntities.map((p) => [p.name, p.label])).toEqual([
      ['Gulf of Oman', 'Place'],
      ['Milan Radulovic', 'Person'],
      ['Mehmet Aydin', 'Person'],
    ]);
  });

  it('when a known place stands in a dateline, then it is where the report was filed, no mention; named in the text, it is one', () => {
    const city = { id: 'port-au-prince', label: 'Place' as const, name: 'Port-au-Prince', aliases: [], kind: 'city', origin: 'seed' as const };
    const filed = 'PORT-AU-PRINCE (Fictional Wire) — Gangs blocked the main road on Friday.\n';
    expect(draftArticle(filed, META, withTable([city])).linked.map((l) => l.entity.id)).toEqual([]);
    const named = 'PORT-AU-PRINCE (Fictional Wire) — Gangs blocked the main road into Port-au-Prince on Friday.\n';
    expect(draftArticle(named, META, withTable([city])).linked.map((l) => [l.entity.id, l.mentionedAs])).toEqual([['port-au-prince', []]]);
  });

  it('when a text has headlines in title case, news agencies and clause words, then none is proposed as an entity', () => {
    const text = [
      'Israel Opposes Turkish Troops in Gaza Force',
      'Egypt Warns Over Delays',
      '',
      'JERUSALEM (AP) — While talks went on, Troops from Indonesia were expected, the Associated Press reported.',
      'While the council met, Agence France-Presse said the plan had stalled. Dana Rubin, a senior fellow at the Harbor Policy Institute, agreed.',
      '',
    ].join('\n');
    const proposed = draftArticle(text, META, withTable()).proposedEntities.map((p) => p.name);
    expect(proposed).toEqual(['Dana Rubin', 'Harbor Policy Institute']);
  });

  it('when a known name of several words is written in lower case, then it is linked, the lower-case form recorded as how the article calls it', () => {
    const text = 'Troops for an international stabilization force (ISF) are expected in the spring.\n';
    const draft = draftArticle(text, META, withTable([force]));
    expect(draft.linked.map((l) => [l.entity.id, l.aliases, l.mentionedAs])).toEqual([['international-stabilization-force', [], ['international stabilization force']]]);
    // One word in another case is no name: "turkey" is a bird.
    expect(linkedIds('They ate turkey.\n', withTable())).toEqual([]);
  });
});

describe('proposing what the graph does not know', () => {
  it('when a text has photo credits, headings and sentence-initial words, then none of them is proposed, while the named people and institutes are, typed', () => {
    const text = [
      'Why We Wrote This',
      '',
      'Ammar Awad/Reuters',
      'Periodically, says Dana Rubin, a senior fellow at the Harbor Policy Institute, the talks stall.',
      'Ms. Rubin spoke on Oct. 3 in Haifa City.',
      '',
    ].join('\n');
    const draft = draftArticle(text, META, withTable());
    expect(draft.proposedEntities.map((p) => [p.name, p.label])).toEqual([
      ['Dana Rubin', 'Person'],
      ['Harbor Policy Institute', 'Organization'],
      ['Haifa City', 'Place'],
    ]);
    expect(draft.proposedRelations).toEqual([
      expect.objectContaining({ type: 'AFFILIATED_WITH', from: 'dana-rubin', to: 'harbor-policy-institute', role: 'senior fellow', evidence: 'Dana Rubin, a senior fellow at the Harbor Policy Institute' }),
    ]);
  });

  it('when an article calls an entity by a description of its own (mentionedAs), then another article’s use of those words links nothing', async () => {
    const known = await knownFromSeedFiles([ARTICLE_SEED], new Set(), () => {});
    expect(known.find((e) => e.id === 'civil-military-coordination-center')!.aliases).toEqual([]);
    const draft = draftArticle('Inside the base, his government and the truce held; the region waited.\n', META, withTable(known));
    expect(draft.linked).toEqual([]);
  });
});

describe('proposing the people and bodies a wire report names in passing', () => {
  it('when a body is named in full and then by its last words, a title follows an unknown state’s adjective, or a post or a verb of speech stands by a name, then each is proposed whole and typed', () => {
    const text = [
      'The International Committee of the Red Cross said on Monday that the camps were full. The Red Cross asked for funds.',
      'Moldovan President Ana Rusu met opposition leader Ion Munteanu. Victor Ceban said the talks were long.',
      'The head of the mission, Petra Lind, was away.',
      '',
    ].join('\n');
    const proposed = draftArticle(text, META, withTable()).proposedEntities.filter((p) => p.label !== 'Statement');
    expect(proposed.map((p) => [p.name, p.label, p.aliases ?? []])).toEqual([
      ['International Committee of the Red Cross', 'Organization', ['Red Cross']],
      ['Ana Rusu', 'Person', []],
      ['Ion Munteanu', 'Person', []],
      ['Victor Ceban', 'Person', []],
      ['Petra Lind', 'Person', []],
    ]);
  });
});

describe('proposing names a follow-up brings', () => {
  it('when names are hyphenated, titled by a field or inside an organisation’s name, a title is plural, or a dateline has an apostrophe, then each name is proposed whole and typed', () => {
    const text = [
      'N’DJAMENA (Fictional Wire) — Ministers from six countries met on Monday.',
      'South Korean President Lee Min-jun flew to Port-au-Prince. Ukrainian Energy Minister Olha Kovalenko and Senegalese Armed Forces Minister Birame Diop spoke.',
      'ECOWAS Commission President Omar Touray met staff of the World Food Programme at the Second Thomas Shoal.',
      '',
    ].join('\n');
    expect(draftArticle(text, META, withTable()).proposedEntities.map((p) => [p.name, p.label])).toEqual([
      ['Lee Min-jun', 'Person'],
      ['Port-au-Prince', null],
      ['Olha Kovalenko', 'Person'],
      ['Birame Diop', 'Person'],
      ['ECOWAS Commission', 'Organization'],
      ['Omar Touray', 'Person'],
      ['World Food Programme', 'Organization'],
      ['Second Thomas Shoal', 'Place'],
    ]);
  });
});

describe('proposing the facts of a wire report', () => {
  it('when a report states stances on sending troops, an opposition, backing, talks and a mandate, then each is a fact with its status, ends and clause, written for the seeder', async () => {
    const text = [
      'Troops from Indonesia and Azerbaijan are expected to form the core of the International Stabilization Force, officials said on Sunday.',
      'Pakistan is prepared to dispatch 20,000 troops to the International Stabilization Force, its foreign minister said.',
      'Egypt and Jordan declined to participate in the mission. Malaysia has made no final decision on sending troops.',
      'Israel vetoed the inclusion of Turkey’s soldiers. The United States backed Israel’s position, and talks between Egypt and Qatar went on.',
      'The United Nations Security Council adopted a resolution giving an international mandate to the International Stabilization Force.',
      'Israel alone would determine which nations would be allowed to join the force, he added.',
      '',
    ].join('\n');
    const known = withTable([
      { id: 'isf', label: 'Organization', name: 'International Stabilization Force', aliases: ['ISF'], kind: 'force', origin: 'seed' },
      { id: 'un-security-council', label: 'Organization', name: 'United Nations Security Council', aliases: [], kind: 'council', origin: 'seed' },
    ]);
    const drafted = draftArticle(text, META, known);
    const facts = drafted.proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.troops ?? r.regarding ?? null, r.evidence]);
    const troops = 'Troops from Indonesia and Azerbaijan are expected to form the core of the International Stabilization Force';
    expect(facts).toEqual([
      ['CONTRIBUTES_TROOPS_TO', 'indonesia', 'isf', 'expected', null, troops],
      ['CONTRIBUTES_TROOPS_TO', 'azerbaijan', 'isf', 'expected', null, troops],
      ['CONTRIBUTES_TROOPS_TO', 'pakistan', 'isf', 'offered', 20000, 'Pakistan is prepared to dispatch 20,000 troops to the International Stabilization Force'],
      // "the mission" is the force the article last named.
      ['CONTRIBUTES_TROOPS_TO', 'egypt', 'isf', 'declined', null, 'Egypt and Jordan declined to participate in the mission.'],
      ['CONTRIBUTES_TROOPS_TO', 'jordan', 'isf', 'declined', null, 'Egypt and Jordan declined to participate in the mission.'],
      ['CONTRIBUTES_TROOPS_TO', 'malaysia', 'isf', 'undecided', null, 'Malaysia has made no final decision on sending troops.'],
      ['OPPOSED', 'israel', 'turkey', 'asserted', 'inclusion', 'Israel vetoed the inclusion of Turkey’s soldiers'],
      ['SUPPORTS', 'united-states', 'israel', 'asserted', 'position', 'The United States backed Israel’s position'],
      ['MET', 'egypt', 'qatar', 'asserted', null, 'talks between Egypt and Qatar'],
      ['MANDATED', 'un-security-council', 'isf', 'asserted', null, 'United Nations Security Council adopted a resolution giving an international mandate to the International Stabilization Force'],
    ]);
    // Between entities the draft defines, the facts are written as relationships (to delete if wrong), and the seeder takes them.
    expect(drafted.yaml).toContain('  - {type: CONTRIBUTES_TROOPS_TO, from: pakistan, to: isf, troops: 20000, status: offered, evidence: ');
    const dir = seedDir({ 'test-draft.yaml': drafted.yaml, 'articles/test-draft.txt': text });
    const [plan] = await validateSeedFiles([path.join(dir, 'test-draft.yaml')]);
    expect(plan!.relations.map((r) => [r.type, r.from, r.to, r.report.status])).toEqual(facts.map(([type, from, to, status]) => [type, from, to, status]));
  });
});

describe('reading titles, acronyms, asides and weapons', () => {
  it('when a report has lower-case titles, initials, a dateline, asides and deliveries of weapons, then the people, aliases and facts are proposed, and the dateline is not', () => {
    const text = [
      'VALLETTA (Island Wire) — Talks between the Coastal Defence Forces and the Northern Liberation Army resumed in Geneva, according to a note seen by Island Wire.',
      'The Northern Liberation Army said NLA spokesman Tomas Reyes would attend. U.S. envoy Daniel Okafor met the delegations.',
      'The Harbour Monitoring Mission was created in May. Ghana, which trained the coast guard last year, will not send troops to the Harbour Monitoring Mission.',
      'Peru said it had made no final decision on joining the mission. Chile will send four anti-ship missiles to Ecuador.',
      'Brazil funds the purchase of patrol boats for Ecuador. The Regional Security Fund, a fund of the Andean Council, pays for fuel.',
      'Venezuela launched 12 drones at Colombia overnight.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable([{ id: 'andean-council', label: 'Organization', name: 'Andean Council', aliases: [], kind: 'council', origin: 'seed' }]));
    const proposed = new Map(drafted.proposedEntities.map((p) => [p.name, p]));
    // The dateline's place and agency are no entities, nor is the agency named again.
    expect([...proposed.keys()].filter((name) => /VALLETTA|Island Wire/.test(name))).toEqual([]);
    // Initials in capitals are the longer name, as its alias; a lower-case title makes a person; "Mission" an organisation.
    expect(proposed.get('Northern Liberation Army')?.aliases).toEqual(['NLA']);
    expect(proposed.has('NLA')).toBe(false);
    expect(['Tomas Reyes', 'Daniel Okafor', 'Harbour Monitoring Mission'].map((name) => proposed.get(name)?.label)).toEqual(['Person', 'Person', 'Organization']);
    const id = (name: string) => proposed.get(name)?.id ?? name;
    const facts = drafted.proposedRelations.filter((r) => r.type !== 'SAID').map((r) => [r.type, r.from, r.to, r.status, r.pattern]);
    expect(facts).toEqual([
      ['MET', id('Coastal Defence Forces'), id('Northern Liberation Army'), 'asserted', 'met'],
      ['AFFILIATED_WITH', id('Tomas Reyes'), id('Northern Liberation Army'), 'asserted', 'officeTitle'],
      ['HOLDS_OFFICE', id('Daniel Okafor'), 'united-states', 'asserted', 'officeTitle'],
      // After an aside about the subject; "the mission" is the one last named with that word.
      ['CONTRIBUTES_TROOPS_TO', 'ghana', id('Harbour Monitoring Mission'), 'declined', 'troopStance'],
      ['CONTRIBUTES_TROOPS_TO', 'peru', id('Harbour Monitoring Mission'), 'undecided', 'troopStance'],
      ['ARMS', 'chile', 'ecuador', 'expected', 'armsDelivery'],
      ['FUNDS', 'brazil', 'ecuador', 'asserted', 'fundsArms'],
      ['PART_OF', id('Regional Security Fund'), 'andean-council', 'asserted', 'appositiveRole'],
      ['ATTACKED', 'venezuela', 'colombia', 'asserted', 'attacked'],
    ]);
  });

  it('when a clause is attributed with "according to" a named person, then it is that person’s reported statement; attributed to a document, it is no one’s', () => {
    const text = ['Peru will not join the mission this year, according to Defence Minister Rosa Quispe.', 'Chile is expected to join by June, according to a draft seen by reporters.', ''].join('\n');
    const drafted = draftArticle(text, META, withTable([]));
    expect(drafted.proposedEntities.filter((p) => p.label === 'Statement').map((p) => [p.quote, p.form])).toEqual([['Peru will not join the mission this year', 'reported']]);
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, r.pattern])).toEqual([['rosa-quispe', 'accordingTo']]);
  });

  it('when a person named in full is later named by surname, and a payment is blocked, then the surname is that person and the block an opposition', () => {
    const text = ['Foreign Minister Lena Varga arrived on Monday. Varga met Chilean President Tomas Ruiz in Lima.', 'Peru blocked the release of 40 million dollars from the Regional Security Fund.', ''].join('\n');
    const drafted = draftArticle(text, META, withTable([]));
    const id = (name: string) => drafted.proposedEntities.find((p) => p.name === name)?.id ?? name;
    expect(drafted.proposedRelations.map((r) => [r.type, r.from, r.to, r.regarding ?? null, r.pattern])).toEqual([
      ['HOLDS_OFFICE', id('Tomas Ruiz'), 'chile', null, 'officeTitle'],
      ['MET', id('Lena Varga'), id('Tomas Ruiz'), null, 'met'],
      ['OPPOSED', 'peru', id('Regional Security Fund'), 'release', 'blocked'],
    ]);
    // Two people of one surname: "Varga" alone is neither.
    const two = draftArticle(['Minister Lena Varga and Senator Ivan Varga arrived. Varga met Chilean President Tomas Ruiz.', ''].join('\n'), META, withTable([]));
    expect(two.proposedRelations.filter((r) => r.type === 'MET')).toEqual([]);
  });

  it('when weapons are not what is sent, or a fund is no part of what follows, then no fact is proposed', () => {
    const text = ['Chile will send doctors to Ecuador. Brazil funds schools in Ecuador.', 'The Regional Security Fund, a partner with the Andean Council, pays for fuel.', ''].join('\n');
    const drafted = draftArticle(text, META, withTable([{ id: 'andean-council', label: 'Organization', name: 'Andean Council', aliases: [], kind: 'council', origin: 'seed' }]));
    expect(drafted.proposedRelations.map((r) => [r.type, r.from, r.to])).toEqual([]);
  });
});

describe('proposing offers, attacks, visits and speech', () => {
  it('when a report names an offer and what was done with it, attacks, a visit and quotations, then each is a fact with its status, and a statement keeps the speaker’s words', () => {
    const text = [
      'Israel rejected Turkey’s offer of troops. Iran struck Israel on Saturday, and Hezbollah threatened to attack Israel.',
      'Marco Rubio will visit Egypt next week. “We will not be rushed into a deal,” Rubio said.',
      'Prime Minister Dana Levin said her government would study the proposal.',
      '"Talks must go on," Levin told reporters.',
      '',
    ].join('\n');
    const known = withTable([
      { id: 'hezbollah', label: 'Organization', name: 'Hezbollah', aliases: [], kind: 'armed group', origin: 'seed' },
      person('marco-rubio', 'Marco Rubio'),
    ]);
    const drafted = draftArticle(text, META, known);
    const statements = drafted.proposedEntities.filter((p) => p.label === 'Statement');
    expect(statements.map((p) => [p.quote, p.form])).toEqual([
      ['We will not be rushed into a deal', 'direct'],
      ['her government would study the proposal', 'reported'],
      // Straight quotation marks too; "Levin" is the Dana Levin named before.
      ['Talks must go on', 'direct'],
    ]);
    expect(drafted.proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.pattern])).toEqual([
      ['MADE', 'turkey', 'turkey-offer-of-troops', 'asserted', 'offerOf'],
      ['REJECTED', 'israel', 'turkey-offer-of-troops', 'asserted', 'offerDecision'],
      ['ATTACKED', 'iran', 'israel', 'asserted', 'attacked'],
      ['ATTACKED', 'hezbollah', 'israel', 'expected', 'attacked'],
      ['VISITED', 'marco-rubio', 'egypt', 'expected', 'visited'],
      // "Rubio" is the Marco Rubio the text named before.
      ['SAID', 'marco-rubio', statements[0]!.id, 'asserted', 'quoteThenSpeaker'],
      ['SAID', 'dana-levin', statements[1]!.id, 'asserted', 'reported'],
      ['SAID', 'dana-levin', statements[2]!.id, 'asserted', 'quoteThenSpeaker'],
    ]);
    // The statement of a speaker the draft defines is written as an entity, its SAID as a relationship.
    expect(drafted.yaml).toContain(`  - {label: Statement, id: ${statements[0]!.id}, name: 'Marco Rubio: We will not be rushed into a deal', quote: We will not be rushed into a deal}`);
    expect(drafted.yaml).toMatch(new RegExp(`\\n  - \\{type: SAID, from: marco-rubio, to: ${statements[0]!.id}, `));
  });

  it('when the patterns are listed, then docs/seeding.md names every one', () => {
    const docs = readFileSync(path.join(PROJECT_ROOT, 'docs/seeding.md'), 'utf8');
    for (const pattern of [...Object.keys(FACT_PATTERNS), ...Object.keys(SPEECH_PATTERNS), ...Object.keys(OFFER_PATTERNS), ...Object.keys(AGREEMENT_PATTERNS)]) expect(docs, pattern).toContain(`\`${pattern}\``);
  });
});

describe('proposing who leads, lends, pays, meets and objects', () => {
  const force = (id: string, name: string): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind: 'force', origin: 'seed' });
  const facts = (text: string, known: KnownEntity[]) =>
    draftArticle(text, META, withTable(known)).proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.role ?? r.regarding ?? null, r.pattern]);

  it('when a report says who leads a force, lends it ships or leaves it, then each is a fact with its status, and weapons sent to a state are not troops', () => {
    const text = [
      'Norway will lead the Arctic Patrol Mission from July. Finland, which commands the Baltic Shield Force, will stay.',
      'The Arctic Patrol Mission will be commanded by Admiral Kari Dahl. The NATO-led Baltic Shield Force grew again.',
      'Estonia has offered two frigates. Latvia is withdrawing its engineers, and Sweden will deploy four jets to Estonia.',
      '',
    ].join('\n');
    const known = [force('arctic-patrol', 'Arctic Patrol Mission'), force('baltic-shield', 'Baltic Shield Force'), person('kari-dahl', 'Kari Dahl'), force('nato', 'NATO')];
    expect(facts(text, known)).toEqual([
      ['LEADS', 'norway', 'arctic-patrol', 'expected', null, 'leads'],
      ['LEADS', 'finland', 'baltic-shield', 'asserted', null, 'leads'],
      ['LEADS', 'kari-dahl', 'arctic-patrol', 'expected', null, 'leads'],
      ['LEADS', 'nato', 'baltic-shield', 'asserted', null, 'leads'],
      // What a state lends besides soldiers goes to the force the article last named; leaving, it still serves.
      ['CONTRIBUTES_TROOPS_TO', 'estonia', 'baltic-shield', 'offered', null, 'troopStance'],
      ['CONTRIBUTES_TROOPS_TO', 'latvia', 'baltic-shield', 'asserted', null, 'troopStance'],
      // Jets deployed to a state are a deployment there, not troops of the force last named.
      ['DEPLOYED_TO', 'sweden', 'estonia', 'expected', null, 'deployedTo'],
    ]);
  });

  it('when money is pledged to a fund, promised without naming it, or not pledged, then each is funding of the fund with its status', () => {
    const text = [
      'The Sahel Recovery Fund opened on Monday. Kenya pledged $200 million to the Sahel Recovery Fund.',
      'Norway promised a further 50 million euros, and Ghana gave $5 million. Canada did not make a pledge.',
      '',
    ].join('\n');
    const fund: KnownEntity = { id: 'sahel-fund', label: 'Organization', name: 'Sahel Recovery Fund', aliases: [], kind: 'fund', origin: 'seed' };
    expect(facts(text, [fund])).toEqual([
      ['FUNDS', 'kenya', 'sahel-fund', 'offered', null, 'pledges'],
      ['FUNDS', 'norway', 'sahel-fund', 'offered', null, 'pledges'],
      ['FUNDS', 'ghana', 'sahel-fund', 'asserted', null, 'pledges'],
      ['FUNDS', 'canada', 'sahel-fund', 'denied', null, 'pledges'],
    ]);
  });

  it('when titles are written in lower case, by possession or as a counterpart, and people meet as a pair or as "he", then the offices and meetings are proposed', () => {
    const text = [
      'Chile’s defence minister, Rosa Vidal, spoke first. Peruvian government spokesman Luis Soto agreed.',
      'African Union peace chief Amara Bello and AU spokesman Kofi Mensah arrived.',
      'Argentine Foreign Minister Ana Ruiz and her Bolivian counterpart, Jorge Quispe, held talks on Friday.',
      'He met Chilean President Carla Rojas on Saturday.',
      '',
    ].join('\n');
    const union: KnownEntity = { id: 'african-union', label: 'Organization', name: 'African Union', aliases: ['AU'], kind: 'union', origin: 'seed' };
    const people = [person('rosa-vidal', 'Rosa Vidal'), person('luis-soto', 'Luis Soto'), person('amara-bello', 'Amara Bello'), person('kofi-mensah', 'Kofi Mensah'), person('ana-ruiz', 'Ana Ruiz'), person('jorge-quispe', 'Jorge Quispe'), person('carla-rojas', 'Carla Rojas')];
    expect(facts(text, [union, ...people])).toEqual([
      ['HOLDS_OFFICE', 'rosa-vidal', 'chile', 'asserted', 'defence minister', 'officeTitle'],
      ['HOLDS_OFFICE', 'luis-soto', 'peru', 'asserted', 'government spokesman', 'officeTitle'],
      // An office of an organisation is held; its spokesman has a post in it.
      ['HOLDS_OFFICE', 'amara-bello', 'african-union', 'asserted', 'peace chief', 'officeTitle'],
      ['AFFILIATED_WITH', 'kofi-mensah', 'african-union', 'asserted', 'spokesman', 'officeTitle'],
      ['HOLDS_OFFICE', 'ana-ruiz', 'argentina', 'asserted', 'Foreign Minister', 'officeTitle'],
      ['HOLDS_OFFICE', 'jorge-quispe', 'bolivia', 'asserted', 'Foreign Minister', 'officeTitle'],
      ['MET', 'ana-ruiz', 'jorge-quispe', 'asserted', null, 'met'],
      ['HOLDS_OFFICE', 'carla-rojas', 'chile', 'asserted', 'President', 'officeTitle'],
      // "He": the person the text named last, Jorge Quispe.
      ['MET', 'jorge-quispe', 'carla-rojas', 'asserted', null, 'met'],
    ]);
  });

  it('when a party’s involvement is criticised, then that is opposition to it; when a name only describes what is accepted, then nothing is backed', () => {
    const text = ['Russia criticised the African Union’s involvement. Armenia accepts EU monitors.', ''].join('\n');
    const bodies: KnownEntity[] = [
      { id: 'african-union', label: 'Organization', name: 'African Union', aliases: [], kind: 'union', origin: 'seed' },
      { id: 'european-union', label: 'Organization', name: 'European Union', aliases: ['EU'], kind: 'union', origin: 'seed' },
    ];
    expect(facts(text, bodies)).toEqual([['OPPOSED', 'russia', 'african-union', 'asserted', 'involvement', 'opposedParticipation']]);
  });
});

describe('proposing deployments, places, reactions and the words quoted in reports', () => {
  const organisation = (id: string, name: string, kind = 'force'): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind, origin: 'seed' });
  const place = (id: string, name: string): KnownEntity => ({ id, label: 'Place', name, aliases: [], kind: 'town', origin: 'seed' });
  const facts = (text: string, known: KnownEntity[]) =>
    draftArticle(text, META, withTable(known)).proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.role ?? r.regarding ?? r.share ?? r.forces ?? null, r.pattern]);

  it('when forces are deployed or offered somewhere, a share of a place is held, or a place is named by its state, then each is a fact, and jets sent to a state stay arms', () => {
    const text = [
      'Chile will deploy 300 troops to Peru next month. Brazil has stationed two warships in Uruguay.',
      'Colombia will send four fighter jets to Ecuador.',
      'Argentina and Paraguay said they were ready to send engineers to Bolivia.',
      'Venezuelan forces now control about half of the Essequibo Region.',
      'Fighting resumed near the Bolivian town of Tupiza.',
      '',
    ].join('\n');
    expect(facts(text, [place('essequibo', 'Essequibo Region'), place('tupiza', 'Tupiza')])).toEqual([
      ['DEPLOYED_TO', 'chile', 'peru', 'expected', '300 troops', 'deployedTo'],
      ['DEPLOYED_TO', 'brazil', 'uruguay', 'asserted', 'two warships', 'deployedTo'],
      ['ARMS', 'colombia', 'ecuador', 'expected', null, 'armsDelivery'],
      // Each state of the list, with the status of "ready to".
      ['DEPLOYED_TO', 'argentina', 'bolivia', 'offered', 'engineers', 'deployedTo'],
      ['DEPLOYED_TO', 'paraguay', 'bolivia', 'offered', 'engineers', 'deployedTo'],
      ['CONTROLS', 'venezuela', 'essequibo', 'asserted', 'about half', 'controls'],
      ['LOCATED_IN', 'tupiza', 'bolivia', 'asserted', null, 'locatedIn'],
    ]);
  });

  it('when a state’s act is welcomed or condemned, a force is led or described, an office is titled by its organisation or "their", and money is promised or arms denied, then each is proposed', () => {
    const text = [
      'Estonia will deploy 200 soldiers to Latvia. Latvian President Ilze Ozola welcomed the Estonian decision. Belarus condemned the deployment.',
      'Lithuania is withdrawing its contingent from the Baltic Shield Force. Poland criticised the withdrawal.',
      'Finland, which commands the force, has the largest contingent, with about 600 soldiers.',
      'The Arctic Patrol Mission will be led by Norwegian admiral Kari Dahl.',
      'NATO Secretary General Henrik Lund arrived. The Sami Council objected, their spokesman Nils Aslak said.',
      'Sweden said it would pay for the mission’s fuel. Norway has repeatedly denied arming the Sami Council.',
      '',
    ].join('\n');
    const known = [
      person('ilze-ozola', 'Ilze Ozola'),
      organisation('baltic-shield', 'Baltic Shield Force'),
      organisation('arctic-patrol', 'Arctic Patrol Mission'),
      person('kari-dahl', 'Kari Dahl'),
      organisation('nato', 'NATO', 'alliance'),
      person('henrik-lund', 'Henrik Lund'),
      organisation('sami-council', 'Sami Council', 'council'),
      person('nils-aslak', 'Nils Aslak'),
    ];
    expect(facts(text, known)).toEqual([
      ['DEPLOYED_TO', 'estonia', 'latvia', 'expected', '200 soldiers', 'deployedTo'],
      ['HOLDS_OFFICE', 'ilze-ozola', 'latvia', 'asserted', 'President', 'officeTitle'],
      ['SUPPORTS', 'ilze-ozola', 'estonia', 'asserted', 'decision', 'welcomedAct'],
      // Condemned: the state whose deployment, or withdrawal, the article reported before.
      ['OPPOSED', 'belarus', 'estonia', 'asserted', 'deployment', 'condemnedAct'],
      ['CONTRIBUTES_TROOPS_TO', 'lithuania', 'baltic-shield', 'asserted', null, 'troopStance'],
      ['OPPOSED', 'poland', 'lithuania', 'asserted', 'withdrawal', 'condemnedAct'],
      ['CONTRIBUTES_TROOPS_TO', 'finland', 'baltic-shield', 'asserted', null, 'troopStance'],
      ['LEADS', 'finland', 'baltic-shield', 'asserted', null, 'leads'],
      // Led by the person the adjective and the rank title, not by Norway.
      ['LEADS', 'kari-dahl', 'arctic-patrol', 'expected', null, 'leads'],
      ['HOLDS_OFFICE', 'henrik-lund', 'nato', 'asserted', 'Secretary General', 'officeTitle'],
      ['AFFILIATED_WITH', 'nils-aslak', 'sami-council', 'asserted', 'spokesman', 'officeTitle'],
      ['FUNDS', 'sweden', 'arctic-patrol', 'offered', null, 'pledges'],
      ['ARMS', 'norway', 'sami-council', 'denied', null, 'fundsArms'],
    ]);
    expect(draftArticle(text, META, withTable(known)).proposedRelations.find((r) => r.from === 'finland' && r.type === 'CONTRIBUTES_TROOPS_TO')?.troops).toBe(600);
  });

  it('when states send ships to an exercise, lend it a vessel or pull out of it, then each takes part in the event (or declines to), with the status of the cue', () => {
    const text = [
      'Chile will send two frigates and a patrol aircraft to Southern Watch, the exercise Argentina holds every spring.',
      'Peru and Ecuador, the newest partners, are sending corvettes for the first time.',
      'Uruguay, which has no navy to speak of, contributes a coast guard vessel. Bolivia pulled out of the exercise in May.',
      '',
    ].join('\n');
    const exercise: KnownEntity = { id: 'southern-watch', label: 'Event', name: 'Southern Watch', aliases: [], kind: 'exercise', origin: 'seed' };
    expect(facts(text, [exercise])).toEqual([
      ['PARTICIPATED_IN', 'chile', 'southern-watch', 'expected', null, 'troopStance'],
      // After an apposition, and to the event a state was already found taking part in.
      ['PARTICIPATED_IN', 'peru', 'southern-watch', 'asserted', null, 'troopStance'],
      ['PARTICIPATED_IN', 'ecuador', 'southern-watch', 'asserted', null, 'troopStance'],
      ['PARTICIPATED_IN', 'uruguay', 'southern-watch', 'asserted', null, 'troopStance'],
      ['PARTICIPATED_IN', 'bolivia', 'southern-watch', 'declined', null, 'troopStance'],
    ]);
  });

  it('when money for a mission is promised, refused or weighed, a contingent is named in an aside, a presence is objected to and a mission is described with its acronym, then each is proposed', () => {
    const text = [
      'The Andean Stabilisation Mission (ASM) will run short of money in October, the head of the mission, Rosa Vidal, warned.',
      'The European Union has promised 80 million euros for next year, but Brazil said it would not provide new funds. Mexico is still weighing a request for $20 million.',
      'Colombia, which has the largest contingent, flew an infantry company to Pasto on Friday. Venezuela objected to a Colombian presence near its border.',
      'The United Nations mission in Haiti (BINUH) said the roads were open. Spain, which keeps two military bases on Guam, said nothing.',
      '',
    ].join('\n');
    const known = [
      organisation('asm', 'Andean Stabilisation Mission'),
      person('rosa-vidal', 'Rosa Vidal'),
      organisation('european-union', 'European Union', 'union'),
      place('pasto', 'Pasto'),
      organisation('united-nations', 'United Nations', 'organization'),
      organisation('binuh', 'BINUH', 'mission'),
      place('guam', 'Guam'),
    ];
    expect(facts(text, known)).toEqual([
      ['HOLDS_OFFICE', 'rosa-vidal', 'asm', 'asserted', 'head', 'officeTitle'],
      // Money for a time, not a party, goes to the force last named; so do a refusal and a request weighed.
      ['FUNDS', 'european-union', 'asm', 'offered', null, 'pledges'],
      ['FUNDS', 'brazil', 'asm', 'declined', null, 'pledges'],
      ['FUNDS', 'mexico', 'asm', 'undecided', null, 'pledges'],
      ['CONTRIBUTES_TROOPS_TO', 'colombia', 'asm', 'asserted', null, 'troopStance'],
      ['DEPLOYED_TO', 'colombia', 'pasto', 'asserted', 'an infantry company', 'deployedTo'],
      ['OPPOSED', 'venezuela', 'colombia', 'asserted', 'presence', 'opposedParticipation'],
      ['PART_OF', 'binuh', 'united-nations', 'asserted', null, 'appositiveRole'],
      ['BASED_IN', 'binuh', 'haiti', 'asserted', null, 'appositiveRole'],
      ['DEPLOYED_TO', 'spain', 'guam', 'asserted', 'two military bases', 'deployedTo'],
      // The warning, closed by its speaker in an apposition, is hers.
      ['SAID', 'rosa-vidal', 'vidal-the-andean-stabilisation-mission-asm-will', 'asserted', null, 'reportedThenSpeaker'],
    ]);
  });

  it('when a person holds talks with a counterpart titled by a state only, then they met, and the counterpart holds the office the person was titled with before', () => {
    const text = ['Peruvian Foreign Minister Ana Ruiz arrived first. Ruiz held talks with her Bolivian counterpart, Jorge Quispe, in La Paz on Friday.', ''].join('\n');
    expect(facts(text, [person('ana-ruiz', 'Ana Ruiz'), person('jorge-quispe', 'Jorge Quispe')])).toEqual([
      ['HOLDS_OFFICE', 'ana-ruiz', 'peru', 'asserted', 'Foreign Minister', 'officeTitle'],
      ['HOLDS_OFFICE', 'jorge-quispe', 'bolivia', 'asserted', 'Foreign Minister', 'officeTitle'],
      ['MET', 'ana-ruiz', 'jorge-quispe', 'asserted', null, 'met'],
    ]);
  });

  it('when the speaker stands in an apposition or after an aside ("Chile’s president, Rosa Vidal, said", "Peru, the host, said"), then what they said is theirs', () => {
    const text = [
      'Chile’s president, Rosa Vidal, said the vote was “a clear warning.” Peru, the host of the talks, said the delay was “regrettable but expected.”',
      'Bolivia’s foreign minister, Jorge Soto, said the border would stay open.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable([person('rosa-vidal', 'Rosa Vidal'), person('jorge-soto', 'Jorge Soto')]));
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to), r.pattern])).toEqual([
      ['rosa-vidal', 'a clear warning', 'quoteInReport'],
      // A state says what its government said.
      ['peru', 'regrettable but expected', 'quoteInReport'],
      ['jorge-soto', 'the border would stay open', 'reported'],
    ]);
  });

  it('when a quotation runs over two sentences, or a few quoted words stand inside reported speech, then each is a statement with its speaker', () => {
    const text = ['“The border is calm. Nobody wants a war,” Latvian envoy Ilze Ozola told reporters.', 'Estonian Defence Minister Karl Tamm said the plan was “bold but overdue” on Monday.', ''].join('\n');
    const drafted = draftArticle(text, META, withTable([person('ilze-ozola', 'Ilze Ozola'), person('karl-tamm', 'Karl Tamm')]));
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to), r.pattern])).toEqual([
      ['ilze-ozola', 'The border is calm. Nobody wants a war', 'quoteThenSpeaker'],
      ['karl-tamm', 'bold but overdue', 'quoteInReport'],
    ]);
  });
});

describe('proposing offices, backing, fighting and visits as wire reports word them', () => {
  const organisation = (id: string, name: string, kind = 'force'): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind, origin: 'seed' });
  const city = (id: string, name: string): KnownEntity => ({ id, label: 'Place', name, aliases: [], kind: 'city', origin: 'seed' });
  const known = [
    organisation('amm', 'Andean Monitoring Mission'),
    person('rosa-vidal', 'Rosa Vidal'),
    organisation('andean-union', 'Andean Union', 'union'),
    person('jorge-soto', 'Jorge Soto', ['Soto']),
    person('ana-ruiz', 'Ana Ruiz', ['Ruiz']),
    organisation('gna', 'Government of National Accord', 'government'),
    person('luis-vega', 'Luis Vega', ['Vega']),
    organisation('patriotic-army', 'Patriotic Army', 'armed forces'),
    person('carlos-mora', 'Carlos Mora'),
    city('pasto', 'Pasto'),
    city('quito', 'Quito'),
    city('lima', 'Lima'),
  ];
  const facts = (text: string) =>
    draftArticle(text, META, withTable(known)).proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.role ?? r.regarding ?? r.forces ?? null, r.pattern]);

  it('when an office is worded "Its head, …", "its envoy, former … president …", "OFFICE PERSON of the ORGANIZATION" or "said his country", then the office is the one meant', () => {
    const text = [
      'The Andean Monitoring Mission opened an office. Its head, Rosa Vidal, urged calm. The Andean Union sent its special envoy for the border, former Chilean president Jorge Soto, to Lima.',
      'Prime Minister Ana Ruiz of the Quito-based Government of National Accord accused eastern commander Luis Vega of fraud. Vega’s Patriotic Army denied it.',
      'Peru refused to sign. Prime Minister Carlos Mora said his country would wait.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable(known));
    expect(facts(text).filter(([type]) => type !== 'SAID')).toEqual([
      ['HOLDS_OFFICE', 'rosa-vidal', 'amm', 'asserted', 'head', 'officeTitle'],
      ['HOLDS_OFFICE', 'jorge-soto', 'chile', 'asserted', 'president', 'officeTitle'],
      ['HOLDS_OFFICE', 'jorge-soto', 'andean-union', 'asserted', 'special envoy for the border', 'officeTitle'],
      // The organisation's office, not a state's; "accused eastern commander" titles nobody.
      ['HOLDS_OFFICE', 'ana-ruiz', 'gna', 'asserted', 'Prime Minister', 'officeTitle'],
      ['BASED_IN', 'gna', 'quito', 'asserted', null, 'deployedTo'],
      ['LEADS', 'luis-vega', 'patriotic-army', 'asserted', null, 'leads'],
      ['HOLDS_OFFICE', 'carlos-mora', 'peru', 'asserted', 'Prime Minister', 'officeInSentence'],
    ]);
    expect(drafted.proposedRelations.find((r) => r.from === 'jorge-soto' && r.to === 'chile')?.tenure).toBe('former');
    // "Quito-based" is the city, not Ecuador's government.
    expect(drafted.linked.map((l) => l.entity.id)).not.toContain('ecuador');
  });

  it('when troops arrive, contingents are named, a party is backed after an aside or as "the main backers of", troops are welcomed, a share of a budget is paid, arms are denied, states clash and a visit is due, then each is proposed', () => {
    const text = [
      'A battalion of 500 Brazilian peacekeepers arrived in Pasto on Monday, the Andean Monitoring Mission said. Peru, Chile and Bolivia also have large contingents in the mission.',
      'Argentina, which keeps military advisers in Pasto, backed Ruiz’s call for new talks. Venezuela and Cuba, the main backers of Vega, said nothing.',
      'Colombian President Ana Ruiz welcomed the new battalion but said the government wanted the mission to leave by 2030.',
      'The United States, which pays more than half of the mission’s budget, abstained. Ecuador, which is in a long dispute with Peru over fishing, denied reports that it was arming Vega’s Patriotic Army.',
      'Peruvian and Ecuadorian troops exchanged fire near the border. Peru accused Ecuador of shelling a village. Soto met Ruiz in Quito and was due in Lima on Friday.',
      '',
    ].join('\n');
    expect(facts(text).filter(([type]) => type !== 'SAID')).toEqual([
      ['DEPLOYED_TO', 'brazil', 'pasto', 'asserted', null, 'deployedTo'],
      ['CONTRIBUTES_TROOPS_TO', 'brazil', 'amm', 'asserted', null, 'deployedTo'],
      ['CONTRIBUTES_TROOPS_TO', 'peru', 'amm', 'asserted', null, 'troopStance'],
      ['CONTRIBUTES_TROOPS_TO', 'chile', 'amm', 'asserted', null, 'troopStance'],
      ['CONTRIBUTES_TROOPS_TO', 'bolivia', 'amm', 'asserted', null, 'troopStance'],
      ['SUPPORTS', 'argentina', 'ana-ruiz', 'asserted', 'call', 'supports'],
      ['DEPLOYED_TO', 'argentina', 'pasto', 'asserted', 'military advisers', 'deployedTo'],
      ['SUPPORTS', 'venezuela', 'luis-vega', 'asserted', null, 'welcomedAct'],
      ['SUPPORTS', 'cuba', 'luis-vega', 'asserted', null, 'welcomedAct'],
      ['HOLDS_OFFICE', 'ana-ruiz', 'colombia', 'asserted', 'President', 'officeTitle'],
      // The battalion was Brazil's, not the advisers reported last.
      ['SUPPORTS', 'ana-ruiz', 'brazil', 'asserted', 'the new battalion', 'welcomedAct'],
      ['FUNDS', 'united-states', 'amm', 'asserted', null, 'pledges'],
      ['LEADS', 'luis-vega', 'patriotic-army', 'asserted', null, 'leads'],
      ['ARMS', 'ecuador', 'patriotic-army', 'denied', null, 'fundsArms'],
      ['HOSTILE_TO', 'ecuador', 'peru', 'asserted', null, 'attacked'],
      ['CLASHED_WITH', 'peru', 'ecuador', 'asserted', null, 'attacked'],
      // The accused attacked the accuser.
      ['ATTACKED', 'ecuador', 'peru', 'asserted', null, 'attacked'],
      ['VISITED', 'jorge-soto', 'lima', 'expected', null, 'visited'],
      ['MET', 'jorge-soto', 'ana-ruiz', 'asserted', null, 'met'],
    ]);
    const drafted = draftArticle(text, META, withTable(known));
    expect(drafted.proposedRelations.find((r) => r.type === 'DEPLOYED_TO' && r.from === 'brazil')?.troops).toBe(500);
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to)])).toEqual([['ana-ruiz', 'the government wanted the mission to leave by 2030']]);
  });
});

describe('proposing offers a text describes, and what is done with them', () => {
  const organisation = (id: string, name: string, kind = 'armed group'): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind, origin: 'seed' });
  const known = [organisation('eln', 'ELN'), person('rosa-vidal', 'Rosa Vidal'), person('luis-soto', 'Luis Soto')];
  const draftOf = (text: string) => draftArticle(text, META, withTable(known));
  const facts = (text: string) => draftOf(text).proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.pattern]);

  it('when an offer, an agreement or a plan is described and then referred to, then it is one proposed offer, made by its makers, that others back, reject, accept or condemn', () => {
    const text = [
      'Chile offered to mediate between the two sides. Peru and Ecuador welcomed the offer, but Bolivia rejected the proposal.',
      'Colombia’s government and the ELN agreed on Tuesday to extend the ceasefire by 90 days. Brazil, the main guarantor of the process, praised the deal.',
      'Uruguay signed a water-sharing agreement with Paraguay. Argentina is expected to sign off on the pact.',
      'Mexico and Panama backed a plan to build a rail link across the isthmus. Cuba condemned the plan.',
      '',
    ].join('\n');
    const drafted = draftOf(text);
    const offers = drafted.proposedEntities.filter((p) => p.label === 'Offer');
    expect(offers.map((o) => [o.name, o.kind, o.mentionedAs])).toEqual([
      ['Chile offer to mediate between the two sides', 'offer', ['to mediate between the two sides', 'the offer', 'the proposal']],
      ['Colombia and ELN agreement to extend the ceasefire by 90 days', 'agreement', ['to extend the ceasefire by 90 days', 'the deal']],
      ['Uruguay and Paraguay water-sharing agreement', 'agreement', ['a water-sharing agreement', 'the pact']],
      ['Plan to build a rail link across the isthmus', 'plan', ['a plan', 'the plan']],
    ]);
    const [mediation, ceasefire, water, rail] = offers.map((o) => o.id);
    expect(facts(text)).toEqual([
      ['MADE', 'chile', mediation, 'asserted', 'offerMade'],
      ['SUPPORTS', 'peru', mediation, 'asserted', 'offerReaction'],
      ['SUPPORTS', 'ecuador', mediation, 'asserted', 'offerReaction'],
      ['REJECTED', 'bolivia', mediation, 'asserted', 'offerReaction'],
      ['MADE', 'colombia', ceasefire, 'asserted', 'offerMade'],
      ['MADE', 'eln', ceasefire, 'asserted', 'offerMade'],
      // Past an apposition to the one who praised it.
      ['SUPPORTS', 'brazil', ceasefire, 'asserted', 'offerReaction'],
      ['MADE', 'uruguay', water, 'asserted', 'offerMade'],
      ['MADE', 'paraguay', water, 'asserted', 'offerMade'],
      ['SUPPORTS', 'argentina', water, 'expected', 'offerReaction'],
      ['SUPPORTS', 'mexico', rail, 'asserted', 'offerReaction'],
      ['SUPPORTS', 'panama', rail, 'asserted', 'offerReaction'],
      ['OPPOSED', 'cuba', rail, 'asserted', 'offerReaction'],
    ]);
    // The draft writes each offer with how the article refers to it, for the seeder to find it by.
    expect(drafted.yaml).toContain(`id: ${ceasefire}, name: Colombia and ELN agreement to extend the ceasefire by 90 days, kind: agreement, mentionedAs: [to extend the ceasefire by 90 days, the deal]`);
  });

  it('when troops are offered, talks are to resume, or "the two" people last named agree, then troops and talks are left to their patterns and the two make the agreement', () => {
    const text = [
      'Peru offered to send 200 soldiers to the force. The parties agreed to resume talks in Lima.',
      'Rosa Vidal met Luis Soto in Arica, and the two agreed to open a joint border post.',
      '',
    ].join('\n');
    const drafted = draftOf(text);
    expect(drafted.proposedEntities.filter((p) => p.label === 'Offer').map((o) => o.name)).toEqual(['Rosa Vidal and Luis Soto agreement to open a joint border post']);
    expect(facts(text).filter(([type]) => type === 'MADE')).toEqual([
      ['MADE', 'rosa-vidal', drafted.proposedEntities.find((p) => p.label === 'Offer')!.id, 'asserted', 'offerMade'],
      ['MADE', 'luis-soto', drafted.proposedEntities.find((p) => p.label === 'Offer')!.id, 'asserted', 'offerMade'],
    ]);
  });

  it('when an official is named in an apposition or by rank, a closing speaker follows a clause, a pair are the two men, and troops or advisers are kept somewhere, then each is proposed', () => {
    const mission = (id: string, name: string): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind: 'mission', origin: 'seed' });
    const more = [
      ...known,
      ...[mission('eucap', 'EUCAP'), mission('unficyp', 'Cyprus Peacekeeping Force'), organisation('icrc', 'Red Cross', 'humanitarian organization'), organisation('cold-shield', 'Cold Shield', 'exercise')],
      { ...organisation('un', 'United Nations', 'international organization'), aliases: ['UN'] },
    ];
    const people = ['Ana Ruiz', 'Maria Lopez', 'Pablo Beltran', 'Jorge Vera', 'Tomas Quispe'].map((name) => person(name.toLowerCase().replace(' ', '-'), name));
    const text = [
      'Talks between Peruvian President Luis Soto and Chilean President Rosa Vidal ended in Arica. The two men met again on Sunday.',
      'The EU mission, known as EUCAP, has about 80 advisers in Somalia. Its commander, Colonel Ana Ruiz, met aid groups.',
      'Canada, which keeps about 300 soldiers in the UN-led Cyprus Peacekeeping Force, said nothing.',
      'The Red Cross runs the camps. They will close by March, its regional director, Maria Lopez, said.',
      'ELN negotiator Pablo Beltran said the ceasefire would hold. Ecuador’s envoy to the talks, Jorge Vera, said progress had been made on the border.',
      'Russia’s foreign ministry called Cold Shield a provocation.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable([...more, ...people]));
    const found = drafted.proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.role ?? r.forces ?? null, r.pattern]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['MET', 'luis-soto', 'rosa-vidal', 'asserted', null, 'met'],
        ['DEPLOYED_TO', 'eucap', 'somalia', 'asserted', 'about 80 advisers', 'deployedTo'],
        ['HOLDS_OFFICE', 'ana-ruiz', 'eucap', 'asserted', 'commander', 'officeTitle'],
        ['CONTRIBUTES_TROOPS_TO', 'canada', 'unficyp', 'asserted', null, 'deployedTo'],
        ['AFFILIATED_WITH', 'maria-lopez', 'icrc', 'asserted', 'regional director', 'officeTitle'],
        ['AFFILIATED_WITH', 'pablo-beltran', 'eln', 'asserted', 'negotiator', 'officeTitle'],
        ['OPPOSED', 'russia', 'cold-shield', 'asserted', null, 'condemnedAct'],
      ]),
    );
    // "Talks between Peruvian President …": the people met, not their states.
    expect(found.filter(([type]) => type === 'MET')).toEqual([['MET', 'luis-soto', 'rosa-vidal', 'asserted', null, 'met']]);
    expect(drafted.proposedRelations.find((r) => r.type === 'CONTRIBUTES_TROOPS_TO')?.troops).toBe(300);
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to), r.pattern])).toEqual([
      ['maria-lopez', 'They will close by March', 'reportedThenSpeaker'],
      ['pablo-beltran', 'the ceasefire would hold', 'reported'],
      ['jorge-vera', 'progress had been made on the border', 'reported'],
    ]);
  });

  it('when a force is named after its description or only later, its mandate extended, its commander titled by rank, and its backers react to a package adopted, proposed or objected to, then each is proposed', () => {
    const text = [
      'Chile and Peru are expected to send a company each to a new mission patrolling the Humboldt Current.',
      'The mission, called Operation Blue Anchor, will sail from Arica. Bolivia was considering sending observers to the mission.',
      'The Andean Council on Tuesday extended for six months the mandate of the border force in the Chaco, known as CHACOFOR. Ecuador and Colombia also have troops in the force.',
      'Paraguay opposed the extension, saying the force was “a foreign army on our land.” The force’s commander, Uruguayan Rear Admiral Ana Ruiz, visited Asuncion on Friday to meet Luis Soto.',
      'The Andean Council on Monday adopted a package of sanctions against Venezuela, after Argentina dropped its objections. The measures, proposed by the Andean Commission, were backed by most members.',
      'Venezuela called the sanctions illegal. Its foreign ministry said Caracas would answer “with measures of its own.” Brazil rejected a proposal by Chile to extend the sanctions to oil.',
      '',
    ].join('\n');
    const organisation = (id: string, name: string, kind: string): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind, origin: 'seed' });
    const more = [
      ...known,
      organisation('andean-council', 'Andean Council', 'council'),
      organisation('andean-commission', 'Andean Commission', 'commission'),
      { id: 'ana-ruiz', label: 'Person' as const, name: 'Ana Ruiz', aliases: [], origin: 'seed' as const },
      { id: 'asuncion', label: 'Place' as const, name: 'Asuncion', aliases: [], kind: 'city', origin: 'seed' as const },
    ];
    const drafted = draftArticle(text, META, withTable(more));
    const proposed = new Map(drafted.proposedEntities.map((p) => [p.id, p]));
    const name = (id: string) => proposed.get(id)?.name ?? id;
    const found = drafted.proposedRelations.map((r) => [r.type, name(r.from), name(r.to), r.status, r.pattern]);
    expect(drafted.proposedEntities.filter((p) => p.label === 'Organization').map((p) => [p.name, p.kind])).toEqual([
      ['Operation Blue Anchor', 'operation'],
      ['CHACOFOR', 'force'],
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        // Named only in the next sentence, the mission is the one the text names first.
        ['CONTRIBUTES_TROOPS_TO', 'chile', 'Operation Blue Anchor', 'expected', 'troopStance'],
        ['CONTRIBUTES_TROOPS_TO', 'peru', 'Operation Blue Anchor', 'expected', 'troopStance'],
        ['CONTRIBUTES_TROOPS_TO', 'bolivia', 'Operation Blue Anchor', 'undecided', 'troopStance'],
        ['MANDATED', 'andean-council', 'CHACOFOR', 'asserted', 'mandated'],
        ['CONTRIBUTES_TROOPS_TO', 'ecuador', 'CHACOFOR', 'asserted', 'troopStance'],
        ['CONTRIBUTES_TROOPS_TO', 'colombia', 'CHACOFOR', 'asserted', 'troopStance'],
        // Opposing the extension opposes whoever extended the mandate.
        ['OPPOSED', 'paraguay', 'andean-council', 'asserted', 'condemnedAct'],
        ['HOLDS_OFFICE', 'ana-ruiz', 'CHACOFOR', 'asserted', 'officeTitle'],
        ['VISITED', 'ana-ruiz', 'asuncion', 'asserted', 'visited'],
        ['MET', 'ana-ruiz', 'luis-soto', 'asserted', 'met'],
        ['ACCEPTED', 'andean-council', 'Package of sanctions against Venezuela', 'asserted', 'offerReaction'],
        ['OPPOSED', 'argentina', 'Package of sanctions against Venezuela', 'asserted', 'offerReaction'],
        ['MADE', 'andean-commission', 'Package of sanctions against Venezuela', 'asserted', 'offerMade'],
        ['OPPOSED', 'venezuela', 'Package of sanctions against Venezuela', 'asserted', 'offerReaction'],
        ['REJECTED', 'brazil', 'Proposal to extend the sanctions to oil', 'asserted', 'offerReaction'],
        ['MADE', 'chile', 'Proposal to extend the sanctions to oil', 'asserted', 'offerMade'],
      ]),
    );
    // Its foreign ministry speaks for the state the text named before; the quotation after "saying" is the opponent's.
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to)])).toEqual([
      ['paraguay', 'a foreign army on our land'],
      ['venezuela', 'with measures of its own'],
    ]);
  });

  it('when missiles fall into a sea, money goes to "the operation" after a state’s armed forces, or a minister has a portfolio, then no attack or funding is proposed and the minister is the person after the portfolio', () => {
    const army = { id: 'saf', label: 'Organization' as const, name: 'Sudanese Armed Forces', aliases: [], kind: 'army', origin: 'seed' as const };
    const text = [
      'North Korea fired two ballistic missiles into the Sea of Japan. The Sudanese Armed Forces rejected the plan.',
      'The United Kingdom pledged 25 million pounds for the operation. “People are dying,” British minister for Africa James Holloway said.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable([army]));
    expect(drafted.proposedEntities.filter((p) => p.label !== 'Statement').map((p) => [p.name, p.label])).toEqual([
      ['Sea of Japan', 'Place'],
      ['James Holloway', 'Person'],
    ]);
    expect(drafted.proposedRelations.map((r) => [r.type, r.from, r.to, r.role ?? null])).toEqual([
      ['HOLDS_OFFICE', 'james-holloway', 'united-kingdom', 'minister for Africa'],
      ['SAID', 'james-holloway', 'holloway-people-are-dying', null],
    ]);
  });

  it('when a state’s adjective stands before a noun ("met Nigerien officials", "the cost of the Brazilian deployment"), then the state is neither met nor paid', () => {
    const text = 'Omar Touray met Nigerien officials in Niamey. Canada said it would cover the cost of the Brazilian deployment. Jan Nowak met Markovic in Geneva.\n';
    const drafted = draftArticle(text, META, withTable([person('omar-touray', 'Omar Touray'), person('jan-nowak', 'Jan Nowak'), person('dragan-markovic', 'Dragan Markovic', ['Markovic'])]));
    // A person's surname ending as adjectives do is still the person.
    expect(drafted.proposedRelations.map((r) => [r.type, r.from, r.to])).toEqual([['MET', 'jan-nowak', 'dragan-markovic']]);
  });

  it('when an office is any "… Minister" or a state’s "Its prime minister, …", a force is funded in an aside, a proposal is a noun, and words are quoted after "who said" or "accused … of", then each is proposed', () => {
    const organisation = (id: string, name: string): KnownEntity => ({ id, label: 'Organization', name, aliases: [], kind: 'force', origin: 'seed' });
    const text = [
      'Greek Shipping Minister Nikos Vlachos met reporters. Peru rejected the vote. Its prime minister, Ana Ruiz, was away.',
      'The Andean Monitoring Mission needs money. Chile, which funds the mission, said it would not pay more.',
      'Bolivia, which hosted the meeting, proposed a joint river patrol. Ecuador supported the idea.',
      'Reporters met Rosa Vidal, who said the border was “open to all.” Luis Soto accused Peru of “closing the door.”',
      '',
    ].join('\n');
    const known = [organisation('amm', 'Andean Monitoring Mission'), ...[['nikos-vlachos', 'Nikos Vlachos'], ['ana-ruiz', 'Ana Ruiz'], ['rosa-vidal', 'Rosa Vidal'], ['luis-soto', 'Luis Soto']].map(([id, name]) => person(id!, name!))];
    const drafted = draftArticle(text, META, withTable(known));
    const offer = drafted.proposedEntities.find((p) => p.label === 'Offer');
    expect([offer?.name, offer?.mentionedAs]).toEqual(['Bolivia proposal of a joint river patrol', ['a joint river patrol', 'the idea']]);
    expect(drafted.proposedRelations.filter((r) => r.type !== 'SAID').map((r) => [r.type, r.from, r.to, r.role ?? null])).toEqual([
      // The offers' facts come first, then the other patterns', in text order.
      ['MADE', 'bolivia', offer!.id, null],
      ['SUPPORTS', 'ecuador', offer!.id, null],
      ['HOLDS_OFFICE', 'nikos-vlachos', 'greece', 'Shipping Minister'],
      ['HOLDS_OFFICE', 'ana-ruiz', 'peru', 'prime minister'],
      ['FUNDS', 'chile', 'amm', null],
    ]);
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to)])).toEqual([
      ['rosa-vidal', 'open to all'],
      ['luis-soto', 'closing the door'],
    ]);
  });

  it('when troops would stay, a body calls an act by quoted words, a ruling is rejected or welcomed, an attack is condemned, money is pledged to mend a state’s grid or not given, then each is proposed', () => {
    const court: KnownEntity = { id: 'icj', label: 'Organization', name: 'International Court of Justice', aliases: [], kind: 'court', origin: 'seed' };
    const mission: KnownEntity = { id: 'amm', label: 'Organization', name: 'Andean Monitoring Mission', aliases: [], kind: 'force', origin: 'seed' };
    const text = [
      'The Andean Monitoring Mission has six contributors. Peru, which commands the mission, said its troops would stay.',
      'The International Court of Justice ruled on Friday. Bolivia rejected the ruling, and Chile welcomed the judgment.',
      'Ecuador attacked Colombia. Brazil condemned the attack. The Andean Monitoring Mission called the attack “a grave mistake.”',
      'Germany pledged 40 million euros on Monday to repair Colombia’s power grid. Hungary did not contribute.',
      '',
    ].join('\n');
    const drafted = draftArticle(text, META, withTable([court, mission]));
    expect(drafted.proposedRelations.filter((r) => r.type !== 'SAID' && r.type !== 'LEADS').map((r) => [r.type, r.from, r.to, r.status])).toEqual([
      ['CONTRIBUTES_TROOPS_TO', 'peru', 'amm', 'asserted'],
      ['OPPOSED', 'bolivia', 'icj', 'asserted'],
      ['SUPPORTS', 'chile', 'icj', 'asserted'],
      ['ATTACKED', 'ecuador', 'colombia', 'asserted'],
      // The attack condemned is the attacker's.
      ['OPPOSED', 'brazil', 'ecuador', 'asserted'],
      ['FUNDS', 'germany', 'colombia', 'offered'],
      // To whom the article last reported money going.
      ['FUNDS', 'hungary', 'colombia', 'denied'],
    ]);
    const quotes = new Map(drafted.proposedEntities.filter((p) => p.quote).map((p) => [p.id, p.quote]));
    expect(drafted.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.from, quotes.get(r.to)])).toEqual([['amm', 'a grave mistake']]);
  });

  it('when observers are sent to a state’s vote, or a state sends observers before any force is named, then nobody deploys to the state or serves the force named later', () => {
    const text = [
      'Brazil to send observers to Peru vote.',
      'Chile and Bolivia will also send observers, their embassies said. The Andean Monitoring Mission said it was ready.',
      '',
    ].join('\n');
    const mission: KnownEntity = { id: 'amm', label: 'Organization', name: 'Andean Monitoring Mission', aliases: [], kind: 'force', origin: 'seed' };
    expect(draftArticle(text, META, withTable([mission])).proposedRelations.map((r) => [r.type, r.from, r.to])).toEqual([]);
  });

  it('when a clause is attributed to an official by title alone ("…, Defence Minister Ibrahim Musa said"), then it is no statement: such clauses are the facts’ evidence', () => {
    const text = 'Peru will send 200 soldiers to the force, Defence Minister Luis Soto said.\n';
    expect(draftOf(text).proposedRelations.filter((r) => r.type === 'SAID')).toEqual([]);
  });
});

describe('another proposer', () => {
  it('when a proposer other than the rules is given, then its proposals are written, validated and scored as the rules’ are', async () => {
    const text = 'Egypt backed Qatar. Nothing else happened.\n';
    const said: Proposer = {
      name: 'fixed',
      propose: ({ mentions }) => ({
        entities: [],
        facts: mentions.length === 2 ? [{ type: 'SUPPORTS', from: mentions[0]!.entity.id, to: mentions[1]!.entity.id, status: 'expected', evidence: 'Egypt backed Qatar', pattern: 'supports' }] : [],
      }),
    };
    const drafted = draftArticle(text, META, withTable(), said);
    expect(drafted.yaml).toContain('  - {type: SUPPORTS, from: egypt, to: qatar, status: expected, evidence: Egypt backed Qatar}   # supports');
    const dir = seedDir({ 'test-draft.yaml': drafted.yaml, 'articles/test-draft.txt': text });
    const [plan] = await validateSeedFiles([path.join(dir, 'test-draft.yaml')]);
    expect(plan!.relations.map((r) => [r.type, r.from, r.to, r.report.status])).toEqual([['SUPPORTS', 'egypt', 'qatar', 'expected']]);
    // Scored against the same files: a proposer of nothing finds no fact, and links as the rules do.
    const nothing: Proposer = { name: 'nothing', propose: () => ({ entities: [], facts: [] }) };
    const [rules, none] = await Promise.all([measureDrafts(SCORED_FILES.slice(0, 3)), measureDrafts(SCORED_FILES.slice(0, 3), nothing)]);
    expect(none.map((s) => s.facts.recall.hits)).toEqual(none.map(() => 0));
    expect(none.map((s) => s.mentionPrecision)).toEqual(rules.map((s) => s.mentionPrecision));
    expect(rules.some((s) => s.facts.recall.hits > 0)).toBe(true);
  });

  it('when a proposer names an offer its own way, then it is scored as the curator’s offer only where both say the article calls it by the same words', async () => {
    const text = 'Chad and Niger agreed on Monday to share the river’s water. Mali welcomed the deal.\n';
    const gold = [
      'article: { id: 2026-03-01-water, title: Water, publisher: Test, publishedAt: 2026-03-01, path: /w, text: articles/2026-03-01-water.txt }',
      'entities:',
      '  - { label: Country, id: chad, name: Chad, code: TD }',
      '  - { label: Country, id: niger, name: Niger, code: NE }',
      '  - { label: Country, id: mali, name: Mali, code: ML }',
      '  - { label: Offer, id: water-deal, name: Chad–Niger water-sharing deal, kind: agreement, mentionedAs: [the deal] }',
      'relations:',
      '  - { type: MADE, from: chad, to: water-deal, evidence: Chad and Niger agreed on Monday to share the river’s water }',
      '  - { type: SUPPORTS, from: mali, to: water-deal, evidence: Mali welcomed the deal. }',
      '',
    ].join('\n');
    const dir = seedDir({ '2026-03-01-water.yaml': gold, 'articles/2026-03-01-water.txt': text });
    const offering = (calls: string[]): Proposer => ({
      name: 'offering',
      propose: () => ({
        entities: [{ id: 'an-agreement', name: 'An agreement about water', label: 'Offer', kind: 'agreement', cue: 'test', sentence: text, start: 0, end: 10, mentionedAs: calls }],
        facts: [
          { type: 'MADE', from: 'chad', to: 'an-agreement', status: 'asserted', evidence: 'Chad and Niger agreed', pattern: 'offerMade' },
          { type: 'SUPPORTS', from: 'mali', to: 'an-agreement', status: 'asserted', evidence: 'Mali welcomed the deal', pattern: 'offerReaction' },
        ],
      }),
    });
    const file = path.join(dir, '2026-03-01-water.yaml');
    const [same] = await measureDrafts([file], offering(['The deal']));
    expect([same!.facts.recall, same!.proposalPrecision]).toEqual([{ hits: 2, of: 2 }, { hits: 1, of: 1 }]);
    const [other] = await measureDrafts([file], offering(['the river’s water supply']));
    expect([other!.facts.recall, other!.proposalPrecision]).toEqual([{ hits: 0, of: 2 }, { hits: 0, of: 1 }]);
  });
});

describe('npm run draft', () => {
  it('when the article is drafted without its own seed file, then the draft passes validation, links what the table knows, and its proposals are comments', async () => {
    const dir = seedDir();
    const result = await draft({ textFile: ARTICLE_TEXT, seedDir: dir, publisher: 'Test Gazette' });
    expect(result.seedFile).toBe(path.join(dir, `${ARTICLE_ID}.yaml`));
    expect(readFileSync(path.join(dir, 'articles', `${ARTICLE_ID}.txt`), 'utf8')).toBe(readFileSync(ARTICLE_TEXT, 'utf8'));
    const [plan] = await validateSeedFiles([result.seedFile]);
    expect(plan!.article).toMatchObject({ id: ARTICLE_ID, publishedAt: '2025-11-03', title: 'An international force in Gaza? Israelis struggle with outsourcing security.' });
    expect(plan!.entities.map((e) => e.id).sort()).toEqual(result.linked.map((l) => l.entity.id).sort());
    expect(plan!.entities.every((e) => e.label === 'Country')).toBe(true);
    expect(plan!.relations).toEqual([]);
    const yaml = readFileSync(result.seedFile, 'utf8');
    expect(yaml).toContain('#   - {type: AFFILIATED_WITH, from: yaakov-katz, to: jewish-people-policy-institute, role: senior fellow');
    // Each linked entity's comment is the sentence the seeder records as its mention.
    for (const mention of plan!.mentions) expect(yaml).toContain(`# ${JSON.stringify(mention.evidence.quote.length > 160 ? `${mention.evidence.quote.slice(0, 160)}…` : mention.evidence.quote)}`);
    expect(readdirSync(dir).sort()).toEqual([`${ARTICLE_ID}.yaml`, 'articles']);
  });

  it('when other seed files define entities the text names, then they are linked with their ids, labels and kinds, and the draft agrees with those files', async () => {
    const dir = seedDirWithArticle(seedDir());
    const result = await draft({ textFile: path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.txt'), seedDir: dir });
    expect(result.linked.map((l) => l.entity.id)).toEqual(
      expect.arrayContaining(['israel', 'gaza-strip', 'turkey', 'international-stabilization-force-for-gaza', 'yaakov-katz', 'jewish-people-policy-institute']),
    );
    expect(result.linked.find((l) => l.entity.id === 'gaza-strip')!.entity).toMatchObject({ label: 'Place', kind: 'territory', origin: 'seed' });
    expect(readFileSync(result.seedFile, 'utf8')).toContain(
      '  - {type: CONTRIBUTES_TROOPS_TO, from: turkey, to: international-stabilization-force-for-gaza, status: asserted, evidence: Turkey has sent troops to the International Stabilization Force for Gaza}   # troopsTo',
    );
    // Validated with the file that defines them: no disagreement about names, labels, kinds or codes.
    await validateSeedFiles([result.seedFile, path.join(dir, `${ARTICLE_ID}.yaml`)]);
  });

  it('when an article with the id is there already, then a draft nobody edited is replaced, and an edited one or another text only with --force', async () => {
    const dir = seedDir();
    const seedFile = path.join(dir, `${ARTICLE_ID}.yaml`);
    await draft({ textFile: ARTICLE_TEXT, seedDir: dir });
    // Drafting again (say with --graph after a first draft offline) replaces the untouched draft.
    await draft({ textFile: ARTICLE_TEXT, seedDir: dir, publisher: 'Second' });
    expect(readFileSync(seedFile, 'utf8')).toContain('publisher: Second');
    // A curator's edit, even one line, makes it a file a draft never overwrites unasked.
    writeFileSync(seedFile, readFileSync(seedFile, 'utf8').replace('publisher: Second', 'publisher: Reviewed'));
    const edited = readFileSync(seedFile, 'utf8');
    await expect(draft({ textFile: ARTICLE_TEXT, seedDir: dir, publisher: 'Other' })).rejects.toThrow(
      new UserFacingError(`an article with id "${ARTICLE_ID}" is already there (${path.relative(process.cwd(), seedFile)}): give another --id, or --force to replace it`),
    );
    expect(readFileSync(seedFile, 'utf8')).toBe(edited);
    // Another text under the same id is refused too, naming the copy of the text.
    const other = writeText('Israel spoke.\n', `${ARTICLE_ID}.txt`);
    await expect(draft({ textFile: other, seedDir: dir, force: false })).rejects.toThrow(/is already there \(.*2025-11-03-international-force-gaza\.yaml, .*articles\/2025-11-03-international-force-gaza\.txt\)/);
    await draft({ textFile: ARTICLE_TEXT, seedDir: dir, publisher: 'Other', force: true });
    expect(readFileSync(seedFile, 'utf8')).toContain('publisher: Other');
  });

  it('when asked for JSON, then every proposal comes with its ends by id and name, status, evidence and pattern, and nothing is written', async () => {
    const dir = seedDirWithArticle(seedDir());
    const before = readdirSync(dir).sort();
    const result = await draft({ textFile: path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.txt'), seedDir: dir, write: false });
    expect(readdirSync(dir).sort()).toEqual(before);
    const json = JSON.parse(JSON.stringify(draftAsJson(result))) as { entities: { id: string; confirmed: boolean }[]; facts: Record<string, unknown>[] };
    expect(json.entities.filter((e) => e.confirmed).map((e) => e.id)).toEqual(result.linked.map((l) => l.entity.id));
    expect(json.facts).toContainEqual({
      type: 'CONTRIBUTES_TROOPS_TO',
      from: { id: 'turkey', name: 'Turkey' },
      to: { id: 'international-stabilization-force-for-gaza', name: 'International Stabilization Force for Gaza' },
      status: 'asserted',
      evidence: 'Turkey has sent troops to the International Stabilization Force for Gaza',
      pattern: 'troopsTo',
      confirmed: true,
    });
    // A proposal's initials, as the text uses them, come with it.
    const acronym = await draft({ textFile: writeText('Talks with the Northern Liberation Army resumed. The NLA said so on Monday.\n'), seedDir: dir, publishedAt: '2026-02-02', write: false });
    expect(JSON.parse(JSON.stringify(draftAsJson(acronym))).entities).toContainEqual(expect.objectContaining({ name: 'Northern Liberation Army', aliases: ['NLA'], confirmed: false }));
    expect(acronym.yaml).toContain('name: Northern Liberation Army, kind: army, aliases: [NLA]}');
  });

  it('when the text is not UTF-8, is empty, or gives no date, then the error says so and nothing is written', async () => {
    const dir = seedDir();
    const latin1 = writeText(Buffer.from([0x49, 0x73, 0x72, 0x61, 0xe9, 0x6c, 0x0a]));
    await expect(draft({ textFile: latin1, seedDir: dir })).rejects.toThrow(new UserFacingError(`${latin1}: not UTF-8 text (the first byte that is not is at offset 4); convert it to UTF-8 first`));
    const empty = writeText(' \n\n');
    await expect(draft({ textFile: empty, seedDir: dir })).rejects.toThrow(`${empty}: the article text is empty`);
    const undated = writeText('Israel spoke.\n', 'note.txt');
    await expect(draft({ textFile: undated, seedDir: dir })).rejects.toThrow(/give the publication date with --published/);
    await expect(draft({ textFile: undated, seedDir: dir, publishedAt: '2026-02-30' })).rejects.toThrow(/--published "2026-02-30": expected a calendar date/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('when a text names nothing the graph or the table knows, then the draft has no entities, still passes validation, and lists its proposals', async () => {
    const dir = seedDir();
    const text = writeText('The harbour board of Port Vell met on Tuesday, says Lena Ortiz, a member of the Port Vell Board.\n');
    const result = await draft({ textFile: text, seedDir: dir, id: 'harbour-board' });
    expect(result.linked).toEqual([]);
    const [plan] = await validateSeedFiles([result.seedFile]);
    expect(plan!.entities).toEqual([]);
    expect(readFileSync(result.seedFile, 'utf8')).toContain('# entities:   (the text names no entity the graph knows)');
    expect(result.proposedEntities.map((p) => p.name)).toEqual(expect.arrayContaining(['Lena Ortiz', 'Port Vell Board']));
  });
});

/** Puts the curated article's seed file and text into `dir`. */
function seedDirWithArticle(dir: string): string {
  cpSync(ARTICLE_SEED, path.join(dir, `${ARTICLE_ID}.yaml`));
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  cpSync(ARTICLE_TEXT, path.join(dir, 'articles', `${ARTICLE_ID}.txt`));
  return dir;
}

describe('how good drafts are', () => {
  // The tables of docs/seeding.md (npm run draft:scores); a change that makes a draft worse fails here.
  const FLOORS: Record<string, Partial<Record<GraphState, { mentionRecall: number; proposalPrecision: number; typePrecision?: number }>>> = {
    [ARTICLE_ID]: {
      a: { mentionRecall: 0.85, proposalPrecision: 0.8 },
      b: { mentionRecall: 0.88, proposalPrecision: 0.85 },
      c: { mentionRecall: 0.23, proposalPrecision: 0.9, typePrecision: 0.95 },
    },
    '2026-01-15-gaza-force-follow-up': {
      a: { mentionRecall: 1, proposalPrecision: 1 },
      b: { mentionRecall: 1, proposalPrecision: 1 },
      c: { mentionRecall: 0.3, proposalPrecision: 1, typePrecision: 1 },
    },
  };

  // Drafting every measured article in four states takes a second or two of one core; both tests read one measurement.
  let measured: Promise<DraftScores[]> | undefined;
  const scoresOfAll = () => (measured ??= measureDrafts(SCORED_FILES));
  const MEASURING_MS = 30_000;

  it('when the articles are drafted in each state of the graph, then no entity is linked wrongly, and no score falls below those docs/seeding.md shows', async () => {
    const scores = await scoresOfAll();
    expect(scores).toHaveLength(SCORED_FILES.length * Object.keys(GRAPH_STATES).length);
    expect(readFileSync(path.join(PROJECT_ROOT, 'docs/seeding.md'), 'utf8'), 'docs/seeding.md shows `npm run draft:scores` as it prints now').toContain(formatScores(scores, HELD_OUT));
    for (const s of scores) {
      const where = `${s.article} (${s.state})`;
      expect(s.mentionPrecision.hits, `${where}: links to an entity the article does not name`).toBe(s.mentionPrecision.of);
      const floor = FLOORS[s.article]?.[s.state];
      if (!floor) continue;
      expect(ratio(s.mentionRecall), `${where} mention recall`).toBeGreaterThanOrEqual(floor.mentionRecall);
      expect(ratio(s.proposalPrecision), `${where} proposal precision`).toBeGreaterThanOrEqual(floor.proposalPrecision);
      if (floor.typePrecision !== undefined) expect(ratio(s.typePrecision), `${where} typed right`).toBeGreaterThanOrEqual(floor.typePrecision);
    }
  }, MEASURING_MS);

  // What the held-out reports and the tuned-on ones reach today, in the graph that knows their entities (b) and as a
  // follow-up comes in (d). The held-out targets (recall 60 %, precision 85 %) are not met yet: see docs/seeding.md.
  const FACT_FLOORS = {
    heldOut: { b: { recall: 0.6, precision: 1, status: 1, quotes: 0.66 }, d: { recall: 0.6, precision: 1, status: 1, quotes: 0.66 } },
    tunedOn: { b: { recall: 0.6, precision: 0.96, status: 1, quotes: 0.75 }, d: { recall: 0.55, precision: 0.95, status: 1, quotes: 0.75 } },
  };

  it('when the four held-out reports and the rest are drafted, then their facts score no lower than they do today, in a graph that knows their entities and in one that holds only the other reports', async () => {
    const scores = await scoresOfAll();
    for (const [set, byState] of Object.entries(FACT_FLOORS)) {
      for (const [state, floor] of Object.entries(byState)) {
        const facts = scores.filter((s) => s.state === state && HELD_OUT.has(s.article) === (set === 'heldOut')).map((s) => s.facts);
        if (set === 'heldOut') expect(facts).toHaveLength(4);
        for (const measure of ['recall', 'precision', 'status', 'quotes'] as const)
          expect(ratio(sum(facts.map((f) => f[measure]))), `${set} (${state}) ${measure}`).toBeGreaterThanOrEqual(floor[measure]);
      }
    }
  }, MEASURING_MS);
});

describe('proposing ships that pass, what others make of it, and thanks', () => {
  const place = (id: string, name: string, kind: string): KnownEntity => ({ id, label: 'Place', name, aliases: [], kind, origin: 'seed' });
  const known = [place('drake-passage', 'Drake Passage', 'strait'), place('puno', 'Puno', 'region'), place('sucumbios', 'Sucumbíos', 'province'), person('marta-quispe', 'Marta Quispe'), person('hugo-arce', 'Hugo Arce')];
  const facts = (text: string) =>
    draftArticle(text, META, withTable(known)).proposedRelations.map((r) => [r.type, r.from, r.to, r.status, r.role ?? r.regarding ?? r.forces ?? null, r.pattern]);

  it('when ships of a list of states sail through a place and others condemn or welcome "the transit", then each state is there and each reaction is to each of them', () => {
    expect(facts('A Chilean frigate and an Argentine destroyer sailed through the Drake Passage on Sunday. Peru condemned the transit. Uruguay welcomed the voyage.\n')).toEqual([
      ['DEPLOYED_TO', 'chile', 'drake-passage', 'asserted', 'frigate', 'deployedTo'],
      ['DEPLOYED_TO', 'argentina', 'drake-passage', 'asserted', 'destroyer', 'deployedTo'],
      ['OPPOSED', 'peru', 'chile', 'asserted', 'transit', 'condemnedAct'],
      ['OPPOSED', 'peru', 'argentina', 'asserted', 'transit', 'condemnedAct'],
      ['SUPPORTS', 'uruguay', 'chile', 'asserted', 'voyage', 'welcomedAct'],
      ['SUPPORTS', 'uruguay', 'argentina', 'asserted', 'voyage', 'welcomedAct'],
    ]);
  });

  it('when troops are kept in "a state’s place", then they are in that place, which lies in the state; a state’s place that only describes a noun lies nowhere', () => {
    expect(facts('Colombia agreed on Friday to keep its 300 troops in Ecuador’s Sucumbíos province. Floods hit Peru’s Puno region. Peru’s Puno plan failed.\n')).toEqual([
      ['DEPLOYED_TO', 'colombia', 'sucumbios', 'asserted', '300 troops', 'deployedTo'],
      ['LOCATED_IN', 'sucumbios', 'ecuador', 'asserted', null, 'locatedIn'],
      ['LOCATED_IN', 'puno', 'peru', 'asserted', null, 'locatedIn'],
    ]);
  });

  it('when someone thanks a party, then they back it; thanked "for their support", each party thanked backs the state of the one who thanks', () => {
    const found = facts('Bolivian President Hugo Arce thanked Colombia. Peruvian Prime Minister Marta Quispe welcomed the ruling and thanked Chile and Brazil for their support.\n');
    expect(found.filter(([type]) => type === 'SUPPORTS')).toEqual([
      ['SUPPORTS', 'hugo-arce', 'colombia', 'asserted', null, 'welcomedAct'],
      ['SUPPORTS', 'chile', 'peru', 'asserted', null, 'welcomedAct'],
      ['SUPPORTS', 'brazil', 'peru', 'asserted', null, 'welcomedAct'],
    ]);
  });
});
