/**
 * The model's table of entity properties (src/model.ts) is the one list: the GraphQL schema, the seed
 * schema and the planner follow it, label by label.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, isEnumType, isLeafType, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/api/schema.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { FACT_STATUS_NAMES } from '../../src/facts.ts';
import { ENTITY_LABELS, ENTITY_PROPERTIES, ENTITY_SINGLE_VALUED, entityPropertiesOf, entityPropertyField, RELATION_TYPE_NAMES, type EntityLabel, type EntityPropertySpec } from '../../src/model.ts';
import { plannedEntity } from '../../src/seed/plan.ts';
import { entitySchema } from '../../src/seed/schema.ts';

/** Fields every entity has that are not stored properties of the table. */
const NOT_PROPERTIES = new Set(['id', 'aliases', 'kind']);

/** A value each property's seed schema takes. */
const SAMPLE: Record<string, string> = { name: 'N', description: 'D', code: 'IL', kind: 'k', date: '2025-06', quote: 'Q', form: 'reported' };

function objectType(label: EntityLabel): GraphQLObjectType {
  const type = buildSchema().getType(label);
  if (!isObjectType(type)) throw new Error(`${label} is not an object type in the SDL`);
  return type;
}

describe('the closed sets of the model in the GraphQL schema', () => {
  it('when the schema’s RelationType and FactStatus enums are read, then they are exactly the model’s types and statuses, in its order', () => {
    const values = (name: string) => {
      const type = buildSchema().getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum in the SDL`);
      return type.getValues().map((value) => value.name);
    };
    expect(values('RelationType')).toEqual(RELATION_TYPE_NAMES);
    expect(values('FactStatus')).toEqual(FACT_STATUS_NAMES.map((status) => status.toUpperCase()));
  });
});

describe('the entity property table', () => {
  it.each(ENTITY_LABELS)('when the GraphQL type %s is read, then its plain fields are exactly the properties the table gives its label', (label) => {
    const fields = Object.values(objectType(label).getFields()).filter((field) => field.args.length === 0 && isLeafType(getNamedType(field.type)));
    const shown = fields.map((field) => field.name).filter((name) => !NOT_PROPERTIES.has(name));
    expect(shown.sort()).toEqual(entityPropertiesOf(label).map(entityPropertyField).sort());
    for (const property of entityPropertiesOf(label)) {
      const field = fields.find((candidate) => candidate.name === entityPropertyField(property))!;
      const spec: EntityPropertySpec = ENTITY_PROPERTIES[property];
      expect(isEnumType(getNamedType(field.type)), `${label}.${field.name} is an enum exactly when the table says so`).toBe(spec.enumeration === true);
    }
  });

  it.each(ENTITY_LABELS)('when docs/model.md describes %s, then it names exactly the properties the table gives that label beside name and description', (label) => {
    const row = readFileSync(path.join(PROJECT_ROOT, 'docs/model.md'), 'utf8')
      .split('\n')
      .find((line) => line.startsWith(`| \`${label}\` |`));
    const named = [...(row?.split('|')[2] ?? '').matchAll(/`([a-z]+)`/g)].map((m) => m[1]!).filter((word) => (ENTITY_SINGLE_VALUED as string[]).includes(word));
    expect(named.sort()).toEqual(entityPropertiesOf(label).filter((property) => property !== 'name' && property !== 'description').sort());
  });

  it.each(ENTITY_LABELS)('when a seed file gives a %s each property, then those of its label are planned and any other is refused', (label) => {
    const own = entityPropertiesOf(label);
    const entity = { label, id: 'x', ...Object.fromEntries(own.map((property) => [property, SAMPLE[property]])) };
    const planned = plannedEntity(entitySchema.parse(entity));
    for (const property of own) expect(planned[property]).toBe(SAMPLE[property]);
    for (const property of ENTITY_SINGLE_VALUED.filter((candidate) => !own.includes(candidate))) {
      const result = entitySchema.safeParse({ ...entity, [property]: SAMPLE[property] });
      expect(result.success, `${label} with ${property}`).toBe(false);
    }
  });
});
