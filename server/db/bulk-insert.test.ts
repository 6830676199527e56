import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { bulkInsert, type BulkInsert } from './bulk-insert.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await sql`create table bulk_probe (n integer primary key, label text, at ${sql.raw(
    database.engine === 'postgres' ? 'timestamptz' : 'text',
  )}, note text)`.execute(database.db);
});
afterAll(() => database.close());

const spec: BulkInsert = {
  table: 'bulk_probe',
  columns: [
    ['n', 'integer'],
    ['label', 'text'],
    ['at', 'time'],
    ['note', 'text'],
  ],
  onConflict: 'on conflict (n) do nothing',
};

describe('bulk insert', () => {
  it('stores integers, text, times and nulls exactly, over several statements', async () => {
    const rows = Array.from({ length: 2503 }, (_, i) => [
      i,
      i % 2 ? `{"json":"text","n":[${i}]}` : `quote ' and "double" ✓ %_\\ ${i}`,
      new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
      i % 3 ? null : '',
    ]);
    expect(await bulkInsert(database.db, spec, rows)).toBe(2503);
    const got = await sql<{ n: number; label: string; at: string; note: string | null }>`
      select n, label, at, note from bulk_probe order by n`.execute(database.db);
    expect(
      got.rows.map((r) => [Number(r.n), r.label, new Date(r.at).toISOString(), r.note]),
    ).toEqual(rows);
  });

  it('answers only the rows the conflict clause let in', async () => {
    const rows = [
      [5, 'again', '2026-03-01T00:00:00.000Z', null],
      [90_000, 'new', '2026-03-01T00:00:00.000Z', null],
    ];
    expect(await bulkInsert(database.db, spec, rows)).toBe(1);
    expect(await bulkInsert(database.db, spec, [])).toBe(0);
  });
});
