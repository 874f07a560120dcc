/** The GraphQL schema: SDL from schema/*.graphql, read once at start-up, with resolvers that must match it exactly. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { PROJECT_ROOT } from '../config.ts';
import { VARIANT_SEPARATOR } from '../graph/read/contract.ts';
import { resolvers } from './resolvers.ts';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

export function readTypeDefs(dir = SCHEMA_DIR): string[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.graphql')).sort();
  if (files.length === 0) throw new Error(`no *.graphql files in ${dir}`);
  return files.map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

/**
 * Queries return one map per root field, keyed by the response keys the client asked for
 * (aliases included); a field without a resolver of its own reads its key, then its name.
 */
const readByResponseKey: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
  if (source === null || typeof source !== 'object') return undefined;
  const values = source as Record<string, unknown>;
  const key = String(info.path.key);
  // Different requests of different types under one key: the node's own is named by `key@` (see graph/read/fields.ts).
  const variant = values[`${key}${VARIANT_SEPARATOR}`];
  if (variant !== undefined && variant !== null) return values[`${key}${VARIANT_SEPARATOR}${String(variant)}`];
  const value = values[key];
  return value !== undefined ? value : values[info.fieldName];
};

export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers,
    resolverValidationOptions: { requireResolversToMatchSchema: 'error', requireResolversForResolveType: 'error' },
  });
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field) => (field.resolve ? field : { ...field, resolve: readByResponseKey }),
  });
}
