/** The generated Markdown tables of docs/model.md and docs/api.md, made from the code they describe. */
import { ERROR_CODES } from '../src/api/errors.ts';
import { FACT_STATUSES, FACT_STATUS_NAMES } from '../src/facts.ts';
import { ENTITY_LABELS, RELATION_TYPES, RELATION_TYPE_NAMES } from '../src/model.ts';

export function relationTypesTable(): string {
  const rows = RELATION_TYPE_NAMES.map((type) => {
    const spec = RELATION_TYPES[type];
    const properties = 'properties' in spec ? spec.properties.map((p) => `\`${p}\``).join(', ') : '';
    const cameo = 'cameo' in spec ? spec.cameo : '—';
    const time = 'event' in spec ? 'event: `date`' : 'state: `date` or `since`–`until` per report';
    return `| \`${type}\` | ${spec.from.join(', ')} | ${spec.to.length === ENTITY_LABELS.length ? 'any entity' : spec.to.join(', ')} | ${spec.meaning} | ${properties} | ${time} | ${cameo} |`;
  });
  return [
    '| type | from | to | meaning | properties | time | CAMEO |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '| `MENTIONS` | Article | any entity | the article names it; evidence is the sentence of its first appearance (derived by the seeder) | | | — |',
  ].join('\n');
}

/**
 * Replaces a generated section of a Markdown document, between `<!-- generated: name -->` and
 * `<!-- end: name -->`, so that a document and the code it describes cannot drift apart.
 */
export function withGeneratedSection(markdown: string, name: string, content: string): string {
  const startMarker = `<!-- generated: ${name} -->`;
  const endMarker = `<!-- end: ${name} -->`;
  const start = markdown.indexOf(startMarker);
  const end = markdown.indexOf(endMarker);
  if (start === -1 || end < start) throw new Error(`the document lacks the ${startMarker} … ${endMarker} markers`);
  return `${markdown.slice(0, start + startMarker.length)}\n${content}\n${markdown.slice(end)}`;
}

export function withRelationTypesTable(markdown: string): string {
  return withGeneratedSection(markdown, 'relation-types', relationTypesTable());
}

/** The statuses a report may give a fact, each with the wording that signals it and its nearest terms elsewhere. */
export function factStatusesTable(): string {
  const rows = FACT_STATUS_NAMES.map((name) => {
    const s = FACT_STATUSES[name];
    return `| \`${name}\` | ${s.meaning} | ${s.signals} | ${s.factbank} | ${s.plover} | ${s.cameo} |`;
  });
  return ['| status | meaning | signalled by | FactBank | PLOVER | CAMEO |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

export function withFactStatusesTable(markdown: string): string {
  return withGeneratedSection(markdown, 'fact-statuses', factStatusesTable());
}

export function withErrorCodesTable(markdown: string): string {
  return withGeneratedSection(markdown, 'error-codes', errorCodesTable());
}

function errorCodesTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| `extensions.code` | when |', '| --- | --- |', ...rows].join('\n');
}
