/**
 * A draft seed file for one article: the entities the graph already knows that the text names
 * (certain, so written as definitions), and what the text seems to add (proposed, so written as
 * comments the curator un-comments). The draft as written passes validation.
 */
import { createHash } from 'node:crypto';
import { dump } from 'js-yaml';
import { RELATION_TYPES, type EntityLabel } from '../model.ts';
import { firstAppearance, sentenceAround, sentencesOf } from '../seed/text.ts';
import type { KnownEntity } from './known.ts';
import { findMentions, TermTable } from './match.ts';
import { wordsOf } from './words.ts';
import type { ProposedRelation } from './patterns.ts';
import { datelines, type ProposedEntity } from './propose.ts';
import { RULES, type Proposer } from './proposer.ts';

export interface DraftArticle {
  id: string;
  title: string;
  publisher: string;
  publishedAt: string;
  path: string;
  /** The article text file, relative to the seed file. */
  text: string;
}

export interface LinkedEntity {
  entity: KnownEntity;
  /** The names the text uses for it other than its name. */
  aliases: string[];
  /** How the text calls it otherwise: a capital for its government ("Washington"), its name in another case. */
  mentionedAs: string[];
  /** The sentence where the article first names it, as the seeder finds it. */
  sentence: string;
}

export interface Draft {
  yaml: string;
  linked: LinkedEntity[];
  proposedEntities: ProposedEntity[];
  proposedRelations: ProposedRelation[];
  /** Sentences that name two or more known entities and yield no relationship: where the curator should look. */
  unexplained: { sentence: string; ids: string[] }[];
  /** Terms that name more than one entity: left unlinked. */
  ambiguous: { term: string; ids: string[] }[];
}

/** Labels that take a `kind`; a proposal of one with no kind gets its label's name. */
const KIND_LABELS: readonly EntityLabel[] = ['Organization', 'Place', 'Event', 'Offer', 'Work'];

export function draftArticle(text: string, article: DraftArticle, known: KnownEntity[], proposer: Proposer = RULES): Draft {
  const words = wordsOf(text);
  const sentences = sentencesOf(text);
  const table = new TermTable(known);
  // A dateline's place is where the report was filed, not what it is about: never a mention.
  const filed = datelines(text);
  const found = findMentions(text, words, table);
  const mentions = found.mentions.filter((m) => !filed.some((d) => d.start <= m.start && m.end <= d.end));
  const { ambiguous } = found;

  const terms = new Map<string, { entity: KnownEntity; names: Set<string>; descriptions: Set<string>; first: number }>();
  for (const mention of mentions) {
    const entry = terms.get(mention.entity.id) ?? { entity: mention.entity, names: new Set<string>(), descriptions: new Set<string>(), first: mention.start };
    (mention.form === 'name' ? entry.names : entry.descriptions).add(mention.term);
    terms.set(mention.entity.id, entry);
  }
  const linked = [...terms.values()]
    .map(({ entity, names, descriptions, first }) => {
      const aliases = [...names].filter((term) => term !== entity.name);
      const mentionedAs = [...descriptions].filter((term) => term !== entity.name && !names.has(term));
      // Where the seeder will find it (a name at a sentence's start may be written in another case than the one it finds).
      const found = firstAppearance(text, [entity.name, ...aliases, ...mentionedAs]) ?? { index: first };
      return { entity, aliases, mentionedAs, sentence: sentenceAround(text, found.index), at: found.index };
    })
    .sort((a, b) => a.at - b.at)
    .map(({ at: _at, ...rest }) => rest);

  const { entities: proposedEntities, facts: proposedRelations } = proposer.propose({ text, words, sentences, mentions, known, table });
  // A relationship's pattern says what its ends are: an untyped proposal at its object takes that label,
  // where the type allows one only (what is funded may be a state or an organisation).
  for (const relation of proposedRelations) {
    const object = proposedEntities.find((p) => p.id === relation.to);
    if (object && object.label === null && RELATION_TYPES[relation.type].to.length === 1) {
      const label = RELATION_TYPES[relation.type].to[0] as EntityLabel;
      Object.assign(object, { label, kind: KIND_LABELS.includes(label) ? label.toLowerCase() : undefined, cue: `the object of ${relation.type}` });
    }
  }

  // Every mention's entity is linked (names that fit two entities are not mentions).
  const unexplained = sentences.flatMap((sentence) => {
    const end = sentence.start + sentence.text.length;
    const ids = [...new Set(mentions.filter((m) => m.start >= sentence.start && m.end <= end).map((m) => m.entity.id))];
    if (ids.length < 2 || proposedRelations.some((r) => sentence.text.includes(r.evidence))) return [];
    return [{ sentence: sentence.text, ids }];
  });

  const draft = { linked, proposedEntities, proposedRelations, unexplained, ambiguous };
  return { ...draft, yaml: renderDraft(article, draft) };
}

const flow = (value: unknown) => dump(value, { flowLevel: 0, lineWidth: -1 }).trimEnd();
const quoted = (sentence: string, max = 160) => JSON.stringify(sentence.length > max ? `${sentence.slice(0, max)}…` : sentence);

function definitionOf({ entity, aliases, mentionedAs }: LinkedEntity): Record<string, unknown> {
  return {
    label: entity.label,
    id: entity.id,
    name: entity.name,
    ...(entity.code ? { code: entity.code } : {}),
    ...(entity.kind && KIND_LABELS.includes(entity.label) ? { kind: entity.kind } : {}),
    ...(aliases.length ? { aliases } : {}),
    ...(mentionedAs.length ? { mentionedAs } : {}),
  };
}

/**
 * The ids of the entities a draft writes as they are: those the graph knows, and the statements of
 * their speakers (a statement is its words, verbatim). A fact between two of them is written as a
 * relationship, for the reviewer to delete if wrong; one with an end that is only proposed stays a
 * comment until that entity is un-commented.
 */
export function writtenAsIs(draft: Pick<Draft, 'linked' | 'proposedEntities' | 'proposedRelations'>): Set<string> {
  const linked = new Set(draft.linked.map((link) => link.entity.id));
  const saidBy = new Map(draft.proposedRelations.filter((r) => r.type === 'SAID').map((r) => [r.to, r.from]));
  const statements = draft.proposedEntities.filter((p) => p.label === 'Statement' && linked.has(saidBy.get(p.id) ?? ''));
  return new Set([...linked, ...statements.map((p) => p.id)]);
}

function statementOf(p: ProposedEntity): Record<string, unknown> {
  return { label: 'Statement', id: p.id, name: p.name, quote: p.quote, ...(p.form === 'reported' ? { form: 'reported' } : {}) };
}

/** A proposed fact as the seed file writes it. */
function relationOf(r: ProposedRelation): Record<string, unknown> {
  return {
    type: r.type,
    from: r.from,
    to: r.to,
    ...(r.role ? { role: r.role } : {}),
    ...(r.regarding ? { regarding: r.regarding } : {}),
    ...(r.share ? { share: r.share } : {}),
    ...(r.tenure ? { tenure: r.tenure } : {}),
    ...(r.troops !== undefined ? { troops: r.troops } : {}),
    ...(r.forces ? { forces: r.forces } : {}),
    status: r.status,
    evidence: r.evidence,
  };
}

function renderDraft(article: DraftArticle, draft: Omit<Draft, 'yaml'>): string {
  const written = writtenAsIs(draft);
  const statements = draft.proposedEntities.filter((p) => written.has(p.id));
  const proposals = draft.proposedEntities.filter((p) => !statements.includes(p));
  const typed = proposals.filter((p) => p.label !== null);
  const lines = [
    '# yaml-language-server: $schema=../schema/seed.schema.json',
    '#',
    `# Draft of ${article.id}, made by \`npm run draft\`: ${draft.linked.length} entities the graph already knows are`,
    '# defined below; what the text seems to add is in comments: un-comment what is right (with the',
    '# `relations:` line), correct what is not, give times (`date`, `since`, `until`), then check with',
    `# \`npm run seed -- --dry-run seed/${article.id}.yaml\`.`,
    dump({ article }, { lineWidth: -1 }).trimEnd(),
    '',
  ];
  if (draft.linked.length) {
    lines.push('entities:', '  # --- Known: in the graph already, or in the table of states ---');
    for (const link of draft.linked) lines.push(`  # ${quoted(link.sentence)}`, `  - ${flow(definitionOf(link))}`);
    if (statements.length) {
      lines.push('  # --- Statements of speakers defined above: the words are the text’s; correct the name ---');
      for (const p of statements) lines.push(`  - ${flow(statementOf(p))}`);
    }
  } else lines.push('# entities:   (the text names no entity the graph knows)');
  if (proposals.length) {
    lines.push('', `  # --- Proposed: ${typed.length} typed, ${proposals.length - typed.length} for you to type ---`);
    for (const p of proposals) {
      const definition = p.label === 'Statement' ? statementOf(p) : { label: p.label ?? 'LABEL?', id: p.id, name: p.name, ...(p.kind ? { kind: p.kind } : p.label === null ? { kind: 'KIND?' } : {}), ...(p.aliases ? { aliases: p.aliases } : {}), ...(p.mentionedAs?.length ? { mentionedAs: p.mentionedAs } : {}) };
      lines.push(`  # (${p.cue}) ${quoted(p.sentence)}`, `  # - ${flow(definition)}`);
    }
  }
  lines.push('');
  const live = draft.proposedRelations.filter((r) => written.has(r.from) && written.has(r.to));
  const pending = draft.proposedRelations.filter((r) => !live.includes(r));
  if (live.length) {
    lines.push(`relations:   # ${live.length} found by the patterns of docs/seeding.md: delete what is wrong, correct the status, add times`);
    for (const r of live) lines.push(`  - ${flow(relationOf(r))}   # ${r.pattern}`);
  }
  if (pending.length) {
    lines.push(live.length ? '  # --- With an end that is only proposed: un-comment it with that entity ---' : '# relations:');
    for (const r of pending) lines.push(`#   - ${flow(relationOf(r))}   # ${r.pattern}`);
  }
  if (!draft.proposedRelations.length) lines.push('# relations:   (no pattern found one; see the sentences below)');
  if (draft.unexplained.length) {
    lines.push('', '# Sentences that name two or more known entities but gave no relationship:');
    for (const u of draft.unexplained) lines.push(`#   [${u.ids.join(', ')}] ${quoted(u.sentence)}`);
  }
  if (draft.ambiguous.length) {
    lines.push('', '# Names that fit more than one entity, left unlinked:');
    for (const a of draft.ambiguous) lines.push(`#   "${a.term}": ${a.ids.join(', ')}`);
  }
  return withUntouchedMark(lines.join('\n') + '\n');
}

/**
 * The last line of a draft as `npm run draft` writes it: a digest of everything above it. A file
 * whose digest still fits is a draft nobody has edited, which a new draft of the article may
 * replace without --force (a curator's edits are never overwritten unasked).
 */
const UNTOUCHED = /\n# untouched draft ([0-9a-f]{16})\n$/;
const digest = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 16);

function withUntouchedMark(body: string): string {
  return `${body}\n# untouched draft ${digest(body)}\n`;
}

/** Whether a seed file's text is a draft exactly as `npm run draft` wrote it. */
export function isUntouchedDraft(yaml: string): boolean {
  const mark = UNTOUCHED.exec(yaml);
  return mark !== null && digest(yaml.slice(0, mark.index)) === mark[1];
}
