import { CompiledQuery, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

export type ColumnKind = 'integer' | 'text' | 'time';

/**
 * Splits rows or values into parts for multi-row statements and value lists; the default keeps
 * rows of about 20 columns well under both engines' bound-parameter limits.
 */
export const chunks = <T>(items: readonly T[], size = 400): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Rows per update statement: 500 rows of a few columns stay under both engines' parameter limits. */
const UPDATE_ROWS = 500;

/**
 * Updates many rows by id in a few statements: `update t set c = v.c from (values ...) v
 * where t.id = v.id`, a join both engines run in one pass, instead of one round trip per row
 * (or a `case` per column, whose cost grows with the square of the rows). Column names are
 * snake_case constants of the calling repository, never input; values are bound parameters cast
 * to the column's type so both engines accept them. A bare `values` list names its columns
 * column1, column2, ... on both engines. The statement text is built as a string (not a query
 * builder node per cell, which costs more than the update at thousands of rows) and is the same
 * for every full part, so the connection prepares it once.
 */
export async function updateManyById<T>(
  db: Kysely<T>,
  table: string,
  columns: Record<string, ColumnKind>,
  rows: Array<{ id: number; values: Record<string, string | number | null> }>,
): Promise<void> {
  const pg = isPostgres(db);
  const names = Object.keys(columns);
  const typeOf = (kind: ColumnKind) =>
    kind === 'integer' ? 'integer' : kind === 'time' && pg ? 'timestamptz' : 'text';
  const types = ['integer', ...names.map((c) => typeOf(columns[c]!))];
  const sets = names.map((column, i) => `"${column}" = v.column${i + 2}`).join(', ');
  const statement = (n: number) => {
    let p = 0;
    const tuples = Array.from(
      { length: n },
      () => `(${types.map((type) => `cast(${pg ? `$${++p}` : '?'} as ${type})`).join(', ')})`,
    );
    return `update "${table}" set ${sets} from (values ${tuples.join(', ')}) as v where "${table}".id = v.column1`;
  };
  let full: string | undefined;
  for (let i = 0; i < rows.length; i += UPDATE_ROWS) {
    const part = rows.slice(i, i + UPDATE_ROWS);
    const text =
      part.length === UPDATE_ROWS ? (full ??= statement(UPDATE_ROWS)) : statement(part.length);
    const params = part.flatMap((r) => [r.id, ...names.map((c) => r.values[c] ?? null)]);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}
