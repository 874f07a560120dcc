/** Checks of the arguments clients send, shared by every query that takes them. */
import { isRealDate } from '../seed/schema.ts';
import { dateRange } from '../seed/validate.ts';

/** A value the client sent that cannot be answered; the API reports it as BAD_USER_INPUT. */
export class InvalidArgumentError extends Error {
  override name = 'InvalidArgumentError';
}

export const MAX_PAGE_SIZE = 100;

/** Ids in the graph are short slugs; anything far longer is a mistake or an attack, refused before it reaches Neo4j. */
export const MAX_ID_LENGTH = 200;

/** A cursor holds the sort key of the last item of a page: ids, a date and a role at most. */
const MAX_CURSOR_LENGTH = 2_000;

/** A client's value, shortened for an error message so a huge input is never echoed back whole. */
export function quoted(value: unknown, max = 60): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

export function readId(name: string, value: string | null | undefined): void {
  if (value && value.length > MAX_ID_LENGTH) {
    throw new InvalidArgumentError(`${name} must be at most ${MAX_ID_LENGTH} characters (got ${value.length})`);
  }
}

/**
 * Where a page starts: the position of the last item of the page before, as the list orders its
 * items (keyset pagination: a page costs the same however far into the list it is).
 */
export type Position = (string | number)[];

export interface Page {
  first: number;
  /** The position after which the page starts; null for the first page. */
  after: Position | null;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * Reads `first` and `after`; `shape` lists the kinds of the cursor's parts for the list it pages,
 * so that a cursor of another list, or a forged one, is refused rather than misread.
 */
export function readPage(first: unknown, after: unknown, shape: readonly ('string' | 'number')[], defaultSize = 20): Page {
  const size = first ?? defaultSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError(`first must be a whole number from 0 to ${MAX_PAGE_SIZE} (got ${String(first)})`);
  }
  if (after === undefined || after === null) return { first: size, after: null };
  const refused = new InvalidArgumentError('after is not a cursor this API gave out for this list');
  if (typeof after !== 'string' || after.length > MAX_CURSOR_LENGTH) throw refused;
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    throw refused;
  }
  if (!Array.isArray(position) || position.length !== shape.length || position.some((part, i) => typeof part !== shape[i])) throw refused;
  if (position.some((part) => typeof part === 'number' && (!Number.isInteger(part) || part < 0))) throw refused;
  return { first: size, after: position as Position };
}

/** since/until as the first and last day of the period they name (2025 → 2025-01-01 … 2025-12-31). */
export function readPeriod(since: unknown, until: unknown): { since: string | null; until: string | null } {
  const from = typeof since === 'string' ? dateRange(since).dateFrom! : null;
  const to = typeof until === 'string' ? dateRange(until).dateTo! : null;
  if (from && to && from > to) throw new InvalidArgumentError(`since (${String(since)}) is after until (${String(until)})`);
  return { since: from, until: to };
}

export function isPartialDate(value: string): boolean {
  return /^\d{4}(-\d{2}(-\d{2})?)?$/.test(value) && isRealDate(value);
}

export function readInt(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}
