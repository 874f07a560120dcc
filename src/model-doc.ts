/** The Markdown tables of schema/model.md, made from src/model.ts so that the two cannot drift apart. */
import { ENTITY_LABELS, RELATION_TYPES, RELATION_TYPE_NAMES } from './model.ts';

export const TABLE_START = '<!-- generated: relation-types -->';
export const TABLE_END = '<!-- end: relation-types -->';

export function relationTypesTable(): string {
  const rows = RELATION_TYPE_NAMES.map((type) => {
    const spec = RELATION_TYPES[type];
    const properties = 'properties' in spec ? spec.properties.map((p) => `\`${p}\``).join(', ') : '';
    const cameo = 'cameo' in spec ? spec.cameo : '—';
    return `| \`${type}\` | ${spec.from.join(', ')} | ${spec.to.length === ENTITY_LABELS.length ? 'any entity' : spec.to.join(', ')} | ${spec.meaning} | ${properties} | ${cameo} |`;
  });
  return [
    '| type | from | to | meaning | properties | CAMEO |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '| `MENTIONS` | Article | any entity | the article names it; evidence is the sentence of its first appearance (derived by the seeder) | | — |',
  ].join('\n');
}

/** Replaces the generated table inside a Markdown document. */
export function withRelationTypesTable(markdown: string): string {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error(`the document lacks the ${TABLE_START} … ${TABLE_END} markers`);
  return `${markdown.slice(0, start + TABLE_START.length)}\n${relationTypesTable()}\n${markdown.slice(end)}`;
}
