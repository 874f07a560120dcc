/**
 * Writing Cypher text: the parameters of one query, fresh variable names, maps and the quoted
 * forms of the key vocabulary of keys.ts. The only names written into the text are labels and
 * relationship types of the model; every value supplied by a client becomes a parameter.
 */
import { ENTITY, KEY_DATE_END, RELATION_TYPE_NAMES } from '../../model.ts';
import { KEY_END, KEY_SEPARATOR } from '../keys.ts';
import type { RequestedField } from './request.ts';

/** A selection the compiler has no Cypher for: a schema and compiler out of step, never a client's error. */
export class CompileError extends Error {
  override name = 'CompileError';
}

/** The name of the one parameter that holds every value of a query. */
export const ARGUMENTS = 'a';

/**
 * Parameters and fresh variable names for one query. All values travel in one map parameter: Neo4j
 * caches a plan by its parameters' types and, for strings and lists, their size, so separate
 * parameters would make each new length of an id cost a new plan; a map's size is its key count,
 * which the query text fixes.
 */
export class Cypher {
  /** The values by name, as the query text reads them (`$a.p0` is `values.p0`). */
  readonly values: Record<string, unknown> = {};
  private count = 0;

  /**
   * @param nothingHidden whether the query is written for the usual case, no article hidden while
   * it is written (see visibility.ts): it then holds none of the checks that case never needs, and
   * is only answered where it holds (see queries.ts).
   */
  constructor(readonly nothingHidden = false) {}

  get params(): Record<string, unknown> {
    return { [ARGUMENTS]: this.values };
  }

  param(value: unknown): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `$${ARGUMENTS}.${name}`;
  }

  variable(prefix: string): string {
    return `${prefix}${this.count++}`;
  }
}

/**
 * A condition that always holds: what a check that the query's case never needs is written as (see
 * visibility.ts). It is left out of the text wherever it would be one of several conditions, since
 * Neo4j spends planning time on every expression and clause a text holds, needed or not.
 */
export const ALWAYS = 'true';

/** The conditions joined with AND, without those that always hold; `true` when none is left. */
export function allOf(conditions: readonly string[]): string {
  const kept = conditions.filter((condition) => condition !== ALWAYS);
  return kept.length === 0 ? ALWAYS : kept.join(' AND ');
}

/** ` WHERE` and the conditions that may not hold, or nothing where every one always holds. */
export function whereAll(conditions: readonly string[]): string {
  const kept = allOf(conditions);
  return kept === ALWAYS ? '' : ` WHERE ${kept}`;
}

/** A Cypher map literal; keys are response keys, quoted, values Cypher expressions. */
export function map(entries: [string, string][]): string {
  return `{${entries.map(([key, value]) => `\`${key.replaceAll('`', '')}\`: ${value}`).join(', ')}}`;
}

/**
 * The map of the fields asked of one GraphQL object type: `value` gives each field's Cypher, or
 * undefined for a field it does not know; `__typename` is the type's name.
 */
export function projection(typename: string, fields: RequestedField[], value: (field: RequestedField) => string | undefined): string {
  return map(
    fields.map((field): [string, string] => {
      if (field.name === '__typename') return [field.key, `'${typename}'`];
      const cypher = value(field);
      if (cypher === undefined) throw new CompileError(`no Cypher for ${typename} field ${field.name}`);
      return [field.key, cypher];
    }),
  );
}

/** An entity's GraphQL type: its label other than Entity. */
export const typename = (v: string) => `head([l IN labels(${v}) WHERE l <> '${ENTITY}'])`;

/** keys.ts's separator and key end, as Cypher string literals. */
export const SEPARATOR_LITERAL = `'${KEY_SEPARATOR}'`;
export const KEY_END_LITERAL = `'${KEY_END}'`;
/** model.ts's end of an event's date in a fact's key, as a Cypher string literal. */
export const KEY_DATE_END_LITERAL = `'${KEY_DATE_END}'`;

/**
 * A fact identity held in Cypher (see keys.ts factIdentity: `TYPE subject object key`) read back into
 * its parts, as Cypher expressions; the key is what follows the third separator, and may hold more.
 */
export function factIdentityParts(identity: string): { type: string; subject: string; object: string; key: string } {
  const parts = `split(${identity}, ${SEPARATOR_LITERAL})`;
  const heads = [0, 1, 2].map((i) => `size((${parts})[${i}])`).join(' + ');
  return { type: `(${parts})[0]`, subject: `(${parts})[1]`, object: `(${parts})[2]`, key: `substring(${identity}, ${heads} + ${3 * KEY_SEPARATOR.length})` };
}

/** Every fact type, as a relationship pattern: patterns that list them never follow MENTIONS to an article. */
export const FACT_TYPES = RELATION_TYPE_NAMES.join('|');
