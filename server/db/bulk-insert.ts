import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { ColumnKind } from './bulk.ts';
import { isPostgres } from './dialect.ts';

export type Cell = string | number | null;

export interface BulkInsert {
  /** snake_case table name: a constant of the calling repository, never input. */
  table: string;
  /** snake_case column names and kinds, in the order of each row's cells. */
  columns: ReadonlyArray<readonly [string, ColumnKind]>;
  /** The `on conflict ...` clause, a constant of the calling repository. */
  onConflict: string;
}

/** Rows per SQLite statement: 1,000 rows of up to 32 columns stay under its 32,766 parameters. */
const SQLITE_ROWS = 1000;
/** Rows per PostgreSQL statement: a few MB of JSON in one parameter. */
const PG_ROWS = 5000;

/**
 * Inserts thousands of rows in a few statements without a value node per cell in the query
 * builder, which costs more than the insert itself at this size. PostgreSQL: the rows travel as
 * ONE jsonb parameter unpacked by `jsonb_array_elements` (one parse, one plan). SQLite: a
 * multi-row VALUES statement of fixed size, compiled here once per shape and prepared once by
 * the connection's statement cache, its cells bound as one flat list. Answers the rows
 * inserted (not those the conflict clause skipped).
 */
export async function bulkInsert<T>(
  db: Kysely<T>,
  spec: BulkInsert,
  rows: ReadonlyArray<readonly Cell[]>,
): Promise<number> {
  const names = spec.columns.map(([name]) => name).join(', ');
  let inserted = 0;
  if (isPostgres(db)) {
    const cols = spec.columns
      .map(([, kind], i) => {
        const type = kind === 'integer' ? 'integer' : kind === 'time' ? 'timestamptz' : 'text';
        return `cast(e ->> ${i} as ${type})`;
      })
      .join(', ');
    for (let i = 0; i < rows.length; i += PG_ROWS) {
      const json = JSON.stringify(rows.slice(i, i + PG_ROWS));
      const res = await sql`insert into ${sql.raw(spec.table)} (${sql.raw(names)})
        select ${sql.raw(cols)} from jsonb_array_elements(cast(${json} as jsonb)) as e
        ${sql.raw(spec.onConflict)}`.execute(db);
      inserted += Number(res.numAffectedRows ?? 0);
    }
    return inserted;
  }
  const tuple = `(${spec.columns.map(() => '?').join(', ')})`;
  const statement = (n: number) =>
    `insert into ${spec.table} (${names}) values ${Array.from({ length: n }, () => tuple).join(', ')} ${spec.onConflict}`;
  const full = statement(SQLITE_ROWS);
  for (let i = 0; i < rows.length; i += SQLITE_ROWS) {
    const part = rows.slice(i, i + SQLITE_ROWS);
    const text = part.length === SQLITE_ROWS ? full : statement(part.length);
    const res = await db.executeQuery(CompiledQuery.raw(text, part.flat()));
    inserted += Number(res.numAffectedRows ?? 0);
  }
  return inserted;
}
