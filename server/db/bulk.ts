import { sql, type Kysely } from 'kysely';
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

/**
 * Updates many rows by id in a few statements: `update t set c = v.c from (values ...) v
 * where t.id = v.id`, a join both engines run in one pass, instead of one round trip per row
 * (or a `case` per column, whose cost grows with the square of the rows). Column names are
 * snake_case; values are cast to the column's type so both engines accept them. A bare
 * `values` list names its columns column1, column2, ... on both engines.
 */
export async function updateManyById<T>(
  db: Kysely<T>,
  table: string,
  columns: Record<string, ColumnKind>,
  rows: Array<{ id: number; values: Record<string, string | number | null> }>,
): Promise<void> {
  const pg = isPostgres(db);
  const typeOf = (kind: ColumnKind) =>
    sql.raw(kind === 'integer' ? 'integer' : kind === 'time' && pg ? 'timestamptz' : 'text');
  const names = Object.keys(columns);
  const sets = names.map((column, i) => sql`${sql.ref(column)} = ${sql.ref(`v.column${i + 2}`)}`);
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const tuples = part.map(
      (r) =>
        sql`(cast(${r.id} as integer), ${sql.join(
          names.map((c) => sql`cast(${r.values[c] ?? null} as ${typeOf(columns[c]!)})`),
        )})`,
    );
    await sql`update ${sql.table(table)} set ${sql.join(sets)} from (values ${sql.join(tuples)}) as v
      where ${sql.ref(`${table}.id`)} = ${sql.ref('v.column1')}`.execute(db);
  }
}
