import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';

/**
 * How many rows a filtered query matches, counted exactly up to `cap` and no further: the
 * count reads at most cap + 1 index entries, so it stays cheap on a table of millions.
 */
export async function countUpTo<DB, TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
  cap: number,
): Promise<{ count: number; exact: boolean }> {
  const limited = query
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1)
    .as('limited');
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${limited}`.execute(
    db,
  );
  const n = Number(rows[0]?.n ?? 0);
  return { count: Math.min(n, cap), exact: n <= cap };
}
