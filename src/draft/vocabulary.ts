/**
 * The words a draft reads news wording by: titles and offices before names, the last words that
 * make a name an organisation's or a place's, news agencies, months and days, and the function
 * words that begin sentences. Linking (match.ts) and proposing (propose.ts) share them.
 */
import type { Word } from './words.ts';

export const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);

const DAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const MONTHS_AND_DAYS = new Set([...'January February March April May June July August September October November December'.split(' '), ...DAYS]);
/** A day of the week, as a part of a pattern's source: "agreed on Friday to keep". */
export const WEEKDAY = `(?:${DAYS.join('|')})`;
/** Ships, aircraft or troops moving through, into or over a place, as a part of a pattern's source: "sailed through", "patrolled". */
export const MOVED = '(?:sailed|sail|sails|steamed|transited|transits|passed|entered|enters|crossed|patrolled|patrols|flew)';
/** Short months, which are also names ("Jan Nowak"): a date only before a period or a number ("Jan. 12", "Oct 3"). */
const SHORT_MONTHS = new Set('Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec'.split(' '));

/** Whether `word` (of `text`) names a month or a day. */
export function isDateWord(text: string, word: Word): boolean {
  return MONTHS_AND_DAYS.has(word.text) || (SHORT_MONTHS.has(word.text) && /^(?:\.|\s+\d)/.test(text.slice(word.end, word.end + 3)));
}
/** News agencies and photo credits: never an entity of the article (several words: "Associated Press"). */
export const AGENCIES = new Set([
  'AP', 'AFP', 'Reuters', 'Getty', 'Images', 'File', 'EPA', 'Xinhua', 'Associated Press', 'Agence France-Presse', 'Agence France Presse',
  'Bloomberg', 'Anadolu', 'Anadolu Agency', 'WAFA', 'IRNA', 'TASS', 'Tasnim', 'Yonhap', 'Kyodo', 'Press TV', 'Al Jazeera', 'Al Arabiya',
]);
/** Military ranks that may stand between a lower-case title and the name ("KFOR commander Major General Luca Ferri"). */
export const RANKS = ['Major General', 'Lieutenant General', 'Brigadier General', 'General', 'Gen.', 'Rear Admiral', 'Vice Admiral', 'Admiral', 'Adm.', 'Colonel', 'Col.'];
/** The ranks as an alternation for regular expressions ("Major General|…|Adm\\."). */
export const RANK = RANKS.map((rank) => rank.replace('.', '\\.')).join('|');
/** Titles before a name: the run that follows is a person, the title is not part of the name. */
export const TITLES = [
  'Secretary of State', 'Vice President', 'Prime Minister', 'Foreign Minister', 'Defense Minister', 'Defence Minister', 'Finance Minister', 'Interior Minister',
  'Information Minister', 'Foreign Secretary', 'Defence Secretary', 'Defense Secretary', 'Home Secretary', 'Crown Prince', 'Supreme Leader', 'President', 'Chancellor', 'Ambassador', 'Minister', 'Secretary', 'Senator', 'Sen', 'Rep', 'Gov', 'Governor',
  ...RANKS.filter((rank) => !rank.endsWith('.')), 'Gen', 'Lt', 'Col', 'Adm', 'King', 'Queen', 'Prince', 'Sheikh', 'Judge', 'Mr', 'Mrs', 'Ms', 'Dr',
];
/** Titles written in lower case before a name ("U.S. envoy Daniel Brooks", "RSF spokesman Omar Bashir"): a person's, held of the word before. */
export const LOWER_CASE_TITLES = ['envoy', 'special envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'negotiator', 'chief negotiator', 'chief', 'commander', 'minister', 'ambassador', 'representative', 'president', 'prime minister'];
/** Posts that speak, bargain or work for an organisation rather than hold an office of it: a post in it (AFFILIATED_WITH). */
export const SPOKESPEOPLE = ['spokesman', 'spokeswoman', 'spokesperson', 'negotiator', 'director'];
/** Offices held of a country, as they stand between the country and the person ("U.S. Secretary of State Marco Rubio"). */
/** Offices held of an international organisation, written before the person ("NATO Secretary General Henrik Dahl"). */
export const ORGANIZATION_OFFICES = ['Secretary General', 'Secretary-General', 'Deputy Secretary General', 'Director General', 'Director-General', 'High Representative', 'High Commissioner', 'Special Envoy', 'Special Representative', 'President', 'Chairman', 'Chair', 'Commissioner'];
export const OFFICES = [
  'Secretary of State', 'Vice President', 'Prime Minister', 'Foreign Minister', 'Defense Minister', 'Defence Minister', 'Finance Minister', 'Interior Minister', 'Information Minister',
  'Foreign Secretary', 'Defence Secretary', 'Defense Secretary', 'Home Secretary', 'President', 'Chancellor', 'Ambassador', 'King', 'Crown Prince', 'Supreme Leader',
];
export const ORGANIZATION_HEADS = new Set(
  'Institute Center Centre Committee Council Ministry Party Force Forces Agency Army University Bank Corporation Company Group Coalition Organization Organisation Union League Front Brigades Movement Authority Commission Court Parliament Command Department Office Foundation Association Fund Facility Mission Service Guard Police Assembly Senate Congress Studies Programme Program Community'.split(' '),
);
export const PLACE_HEADS = new Map([
  ['City', 'city'], ['Strip', 'territory'], ['Peninsula', 'region'], ['Heights', 'region'], ['Valley', 'region'], ['River', 'river'],
  ['Sea', 'sea'], ['Gulf', 'sea'], ['Strait', 'strait'], ['Bay', 'bay'], ['Shoal', 'reef'], ['Reef', 'reef'], ['Canal', 'canal'], ['Lake', 'lake'], ['Desert', 'region'], ['Island', 'island'], ['Islands', 'islands'], ['Province', 'province'], ['Mountains', 'region'],
]);

/** The number of words of the titles that begin at word `i` (the longest first, then any that follow: "U.S. Vice President"), or 0. */
export function titleWordsAt(words: Word[], i: number, last: number): number {
  let taken = 0;
  for (let matched = true; matched; ) {
    matched = false;
    for (const title of TITLES) {
      const parts = title.split(' ');
      if (i + taken + parts.length - 1 <= last && parts.every((part, k) => words[i + taken + k]!.text === part)) {
        taken += parts.length;
        matched = true;
        break;
      }
    }
  }
  return taken;
}

/** The number of words of an office named by its field, "Shipping Minister", "Armed Forces Minister" (up to two words before "Minister" or "Secretary"), at word `i`, or 0. */
export function fieldTitleWordsAt(words: Word[], i: number, last: number): number {
  for (let k = 1; k <= 2 && i + k <= last; k++) {
    if (!words.slice(i, i + k).every((w) => isCapitalised(w.text))) return 0;
    if (words[i + k]!.text === 'Minister' || words[i + k]!.text === 'Secretary') return k + 1;
  }
  return 0;
}

/** Whether a title ends at word `k` ("Minister", "Secretary of State"): the name after it is a person's. */
export function titleEndsAt(words: Word[], k: number): boolean {
  return TITLES.some((title) => {
    const parts = title.split(' ');
    return k - parts.length + 1 >= 0 && parts.every((part, n) => words[k - parts.length + 1 + n]!.text === part);
  });
}

/**
 * Words that are never a name on their own: those that begin sentences and clauses ("While",
 * "However", "According") and the verbs and nouns of headlines ("Warns", "Opposes", "Troops").
 */
export const FUNCTION_WORDS = new Set(
  (
    'A An The And But Or Nor So Yet In On At To For Of By With From As If It He She We They I You This That These Those His Her Its Their Our My Your Who What When Where Why How ' +
    'While Although Though After Before Since Despite Meanwhile However Under Following According Also Still Instead Earlier Later ' +
    'Both Some Many Most Such Several Each Every All Any No Not Only Even Once Until Unless Because Whether Amid Among Between ' +
    'Over Without Within Against Across Through During Asked Speaking Officials Sources Troops Forces Soldiers Talks Opposes Warns Says Said'
  ).split(' '),
);
export const FAITHS_AND_PEOPLES = new Set(['Arab', 'Arabs', 'Muslim', 'Muslims', 'Jew', 'Jews', 'Christian', 'Sunni', 'Shia', 'Shiite', 'Druze', 'Kurd', 'Kurds']);

/** Soldiers, as a report words them. */
export const TROOP_NOUNS = /\b(?:troops|soldiers|forces|personnel|peacekeepers|contingents?|battalions?|brigades?|companies|company|units?|advisers|advisors|instructors)\b/;
/** What a state lends a force besides soldiers: ships, aircraft, observers ("offered two destroyers", "pledged observers"). */
export const ASSETS = /\b(?:frigates?|destroyers?|corvettes?|submarines?|minesweepers?|warships?|ships?|vessels?|patrol boats?|aircraft|jets|fighter jets|helicopters|observers|officers|engineers|medics|police officers|trainers)\b/;
/** Weapons a state sends another ("two more air defence systems", "tanks"): arming it. */
export const WEAPONS = /\b(?:weapons|arms|missiles|rockets|tanks|artillery|shells|ammunition|drones|(?:air[ -]defen[cs]e|missile|rocket|weapons?)\s+systems|fighter jets|jets|howitzers)\b/;
