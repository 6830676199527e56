import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

export type ColumnKind = 'integer' | 'text' | 'time';

/**
 * Updates many rows by id in a few statements (`set col = case id when ... end`) instead of
 * one round trip per row. Column names are snake_case, values cast to the column's type so
 * both engines accept them.
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
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    const sets = Object.entries(columns).map(
      ([column, kind]) =>
        sql`${sql.ref(column)} = case ${sql.ref('id')} ${sql.join(
          part.map(
            (r) => sql`when ${r.id} then cast(${r.values[column] ?? null} as ${typeOf(kind)})`,
          ),
          sql` `,
        )} end`,
    );
    await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${sql.ref('id')} in (${sql.join(
      part.map((r) => r.id),
    )})`.execute(db);
  }
}
