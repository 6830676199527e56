import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';

import { invalidInput } from '../lib/errors.ts';

/**
 * Keyset pagination, one helper for every list: a page is read after the last row of the
 * previous one by comparing the row value of its order's columns, most significant first and
 * ending in a unique id, so each page reads one index range however deep it is.
 */

/** Opaque pagination cursors: the sort key and id of the last row of a page, as base64url JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Whether a decoded cursor value fits the column it is compared with: a whole number for
 * numeric sort keys and ids, an ISO-8601 UTC time for times. A tampered cursor must be refused
 * here, before the database sees a value of the wrong type.
 */
const isCursorValue = (value: unknown, kind: 'int' | 'time'): boolean =>
  kind === 'int'
    ? Number.isSafeInteger(value)
    : typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));

/** What a cursor value must be: a whole number, an ISO-8601 UTC time, or any text. */
export type KeyKind = 'int' | 'time' | 'text';
export type KeyValue = string | number | null;
export type Order = 'asc' | 'desc';

export interface Keyset {
  /**
   * Column references (`cases.updatedAt`), the last one unique. A `{ constant }` stands for a
   * value the same on every row of this query (it is compared, not ordered by): a feed merged
   * from two tables ranks each table apart at the same instant.
   */
  columns: ReadonlyArray<string | { constant: number }>;
  kinds: readonly KeyKind[];
  order: Order;
  /** The first column may be null; its nulls sort after every value, in both orders. */
  nullsLast?: boolean;
}

const fits = (value: unknown, kind: KeyKind) =>
  kind === 'text' ? typeof value === 'string' : isCursorValue(value, kind);

/**
 * The position a cursor names, checked against the keyset's kinds before the database sees it.
 * Throws invalid_input for a cursor this list did not give.
 */
export function readCursor(cursor: string | undefined, keys: Keyset): KeyValue[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const values = decodeCursor(cursor);
  const ok =
    values !== undefined &&
    values.length === keys.kinds.length &&
    values.every(
      (v, i) => (i === 0 && keys.nullsLast === true && v === null) || fits(v, keys.kinds[i]!),
    );
  if (!ok)
    throw invalidInput('The cursor is not valid', [
      { path: 'query.cursor', message: 'malformed cursor' },
    ]);
  return values as KeyValue[];
}

const refOf = (c: string | { constant: number }): Expression<unknown> =>
  typeof c === 'string' ? sql.ref(c) : sql.lit(c.constant);

/** Rows strictly after `after` in the keyset's order. */
export function afterKey(keys: Keyset, after: readonly KeyValue[]): Expression<SqlBool> {
  const cmp = sql.raw(keys.order === 'asc' ? '>' : '<');
  const [first, ...rest] = keys.columns;
  const [value, ...restValues] = after;
  if (first === undefined) throw new Error('a keyset needs a column');
  if (keys.nullsLast) {
    // Past a null only the other nulls remain (by the rest of the key); past a value, the
    // larger values and then every null.
    const tail = sql<SqlBool>`(${sql.join(rest.map(refOf))}) ${cmp} (${sql.join(restValues)})`;
    if (value === null) return sql<SqlBool>`(${refOf(first)} is null and ${tail})`;
    const later = sql`(${sql.join(keys.columns.map(refOf))}) ${cmp} (${sql.join(after)})`;
    return sql<SqlBool>`(${later} or ${refOf(first)} is null)`;
  }
  return sql<SqlBool>`(${sql.join(keys.columns.map(refOf))}) ${cmp} (${sql.join(after)})`;
}

/** Orders a query by the keyset: `after` (when given) and the order, limited to limit + 1 rows. */
export function keysetPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  keys: Keyset,
  after: readonly KeyValue[] | undefined,
  limit: number,
): SelectQueryBuilder<DB, TB, O> {
  let q = after ? query.where(afterKey(keys, after)) : query;
  const [first] = keys.columns;
  if (keys.nullsLast && first !== undefined) q = q.orderBy(sql`${refOf(first)} is null`);
  // A constant is never ordered by: an integer in ORDER BY names a select column on both engines.
  for (const c of keys.columns) if (typeof c === 'string') q = q.orderBy(sql.ref(c), keys.order);
  return q.limit(limit + 1);
}

/** The page of up to limit + 1 rows, and the cursor after its last row when more follow. */
export function pageOf<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly KeyValue[],
): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Compares two rows' keys as the keyset orders them, for merging pages read apart. */
export function compareKeys(keys: Pick<Keyset, 'order' | 'nullsLast'>) {
  const dir = keys.order === 'asc' ? 1 : -1;
  return (a: readonly KeyValue[], b: readonly KeyValue[]): number => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === y) continue;
      if (x === null || y === null) return x === null ? 1 : -1;
      return (x < y ? -1 : 1) * dir;
    }
    return 0;
  };
}
