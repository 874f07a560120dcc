import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/api/schema.ts';
import { EXAMPLE_OPERATION } from '../../src/api/server.ts';

describe('GraphiQL’s example operation', () => {
  it('when the schema changes, then the operation GraphiQL opens with still fits it', () => {
    expect(validate(buildSchema(), parse(EXAMPLE_OPERATION)).map((error) => error.message)).toEqual([]);
  });
});
