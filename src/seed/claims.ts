/**
 * Who says what an entity is. Several articles may define one entity; each definition is kept on
 * the article's MENTIONS relationship, and the entity keeps the count of them (its `claims`): per property,
 * each value the loaded articles give, how many give it, and the publication dates of those that
 * correct to it; per alias, how many give it. The entity's properties are worked out from the claims
 * alone, so loading, reloading or withdrawing an article costs its own definitions, never the
 * entity's other articles, and the result does not depend on the order articles were loaded in.
 */
import { ENTITY_SINGLE_VALUED as SINGLE_VALUED, type EntitySingleValued as SingleValued } from '../model.ts';
import type { PlannedEntity } from './plan.ts';
import { normalizeQuote } from './text.ts';

/** What one article says an entity is. */
export interface Definition {
  values: Partial<Record<SingleValued, string>>;
  aliases: string[];
  /** Properties whose values this article gives as corrections of what earlier articles said. */
  corrects: SingleValued[];
  /** The article's publication date: a correction stands against what was published before it. */
  reported: string;
}

interface ValueBacking {
  value: string;
  count: number;
  /** Publication dates of the articles that give this value as a correction, in order. */
  corrections: string[];
}

export interface Claims {
  values: Partial<Record<SingleValued, ValueBacking[]>>;
  aliases: Record<string, number>;
}

export function definitionOf(entity: PlannedEntity, reported: string): Definition {
  const values: Definition['values'] = {};
  for (const property of SINGLE_VALUED) {
    const value = entity[property];
    if (value !== undefined) values[property] = value;
  }
  return { values, aliases: [...entity.aliases], corrects: [...(entity.corrects ?? [])], reported };
}

export const noClaims = (): Claims => ({ values: {}, aliases: {} });

export function isUnclaimed(claims: Claims): boolean {
  return Object.keys(claims.values).length === 0 && Object.keys(claims.aliases).length === 0;
}

/** Adds one article's definition to the claims. */
export function addDefinition(claims: Claims, definition: Definition): void {
  for (const [property, value] of definedValues(definition)) {
    const backings = (claims.values[property] ??= []);
    let backing = backings.find((t) => t.value === value);
    if (!backing) backings.push((backing = { value, count: 0, corrections: [] }));
    backing.count++;
    if (definition.corrects.includes(property)) backing.corrections = [...backing.corrections, definition.reported].sort();
  }
  for (const alias of new Set(definition.aliases)) claims.aliases[alias] = (claims.aliases[alias] ?? 0) + 1;
}

/** Takes one article's definition (as added) back out of the claims. */
export function removeDefinition(claims: Claims, definition: Definition): void {
  for (const [property, value] of definedValues(definition)) {
    const backings = claims.values[property] ?? [];
    const backing = backings.find((t) => t.value === value);
    if (!backing) continue;
    backing.count--;
    if (definition.corrects.includes(property)) {
      const at = backing.corrections.indexOf(definition.reported);
      if (at >= 0) backing.corrections = backing.corrections.filter((_, i) => i !== at);
    }
    if (backing.count <= 0) backings.splice(backings.indexOf(backing), 1);
    if (backings.length === 0) delete claims.values[property];
  }
  for (const alias of new Set(definition.aliases)) {
    const count = (claims.aliases[alias] ?? 0) - 1;
    if (count > 0) claims.aliases[alias] = count;
    else delete claims.aliases[alias];
  }
}

function definedValues(definition: Definition): [SingleValued, string][] {
  return SINGLE_VALUED.flatMap((property) => {
    const value = definition.values[property];
    return value === undefined ? [] : [[property, value] as [SingleValued, string]];
  });
}

const latest = (backing: ValueBacking) => backing.corrections.at(-1) ?? '';

/**
 * The value a property has: the latest correction's, if any article corrects it; otherwise the
 * value the most articles give (validation lets them differ only where a correction, since
 * withdrawn, stood over them), then the first in code-point order.
 */
function currentBacking(claims: Claims, property: SingleValued): ValueBacking | undefined {
  let best: ValueBacking | undefined;
  for (const backing of claims.values[property] ?? []) {
    if (!best) best = backing;
    else if (latest(backing) !== latest(best)) best = latest(backing) > latest(best) ? backing : best;
    else if (backing.count !== best.count) best = backing.count > best.count ? backing : best;
    else best = backing.value < best.value ? backing : best;
  }
  return best;
}

/** The entity's properties as the claims give them: every single-valued property (null where none is given) and the aliases, sorted. */
export function currentProperties(claims: Claims): { props: Record<SingleValued, string | null>; aliases: string[] } {
  const props = Object.fromEntries(SINGLE_VALUED.map((property) => [property, currentBacking(claims, property)?.value ?? null])) as Record<SingleValued, string | null>;
  return { props, aliases: Object.keys(claims.aliases).sort(codePointOrder) };
}

/**
 * Where a definition disagrees with the claims: a value other than the property's current one, where
 * the article neither says it corrects it nor is older than the correction that set it.
 */
export function disagreements(claims: Claims, definition: Definition): { property: SingleValued; current: string; given: string }[] {
  const found: { property: SingleValued; current: string; given: string }[] = [];
  for (const [property, given] of definedValues(definition)) {
    if (definition.corrects.includes(property)) continue;
    const current = currentBacking(claims, property);
    if (!current || current.value === given) continue;
    // Two articles print one remark with their own quotation marks and dashes: the same words agree.
    if (property === 'quote' && normalizeQuote(current.value) === normalizeQuote(given)) continue;
    if (latest(current) > definition.reported) continue;
    found.push({ property, current: current.value, given });
  }
  return found;
}

const codePointOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The claims as stored on the entity: the same text for the same claims, whatever order it was built in. */
export function serializeClaims(claims: Claims): string {
  const values: Claims['values'] = {};
  for (const property of SINGLE_VALUED) {
    const backings = claims.values[property];
    if (backings?.length) values[property] = [...backings].sort((a, b) => codePointOrder(a.value, b.value));
  }
  const aliases = Object.fromEntries(Object.keys(claims.aliases).sort(codePointOrder).map((alias) => [alias, claims.aliases[alias]!]));
  return JSON.stringify({ values, aliases });
}

export function parseClaims(text: string | null | undefined): Claims {
  if (!text) return noClaims();
  const parsed = JSON.parse(text) as Claims;
  return { values: parsed.values ?? {}, aliases: parsed.aliases ?? {} };
}

export const serializeDefinition = (definition: Definition): string => JSON.stringify(definition);
export const parseDefinition = (text: string): Definition => JSON.parse(text) as Definition;
