import { getNamedType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readNestedArguments } from '../../src/api/arguments.ts';
import { buildSchema } from '../../src/api/schema.ts';

describe('the arguments table', () => {
  it('when a field below the root takes arguments, then the table reads them into typed values, from the schema defaults alone', () => {
    const schema = buildSchema();
    const fields = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && type.name !== 'Query' && !type.name.startsWith('__'))
      .flatMap((type) => Object.values((type as import('graphql').GraphQLObjectType).getFields()).map((field) => ({ type: type as import('graphql').GraphQLObjectType, field })))
      .filter(({ field }) => field.args.length > 0);
    expect(fields.length).toBeGreaterThan(20);
    for (const { type, field } of fields) {
      const defaults = Object.fromEntries(field.args.flatMap((arg) => (arg.defaultValue === undefined ? [] : [[arg.name, arg.defaultValue]])));
      const isEntity = type.getInterfaces().some((i) => i.name === 'Entity' && field.name in i.getFields());
      const read = readNestedArguments(type.name, field.name, isEntity, defaults, () => true);
      expect(read.page ?? read.relations, `${type.name}.${field.name} (${getNamedType(field.type).name})`).toBeDefined();
    }
  });
});
