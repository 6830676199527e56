import { sql } from 'kysely';
import { inject, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './connection.ts';
import { migrateToLatest } from './migrate.ts';
import { createTestDatabase } from '../testing/test-db.ts';

interface Column {
  type: string;
  notNull: boolean;
}
type Shape = Record<string, Record<string, Column>>;

// Parts that differ by design: SQLite's FTS5 index tables, PostgreSQL's GIN indexes, and the
// migration bookkeeping the query builder creates for itself.
const engineOnly = (name: string) =>
  name.startsWith('search_fts') ||
  name === 'search_docs_fts' ||
  name.startsWith('alerts_fts') ||
  name.startsWith('sqlite_') ||
  name.startsWith('schema_migrations');

async function sqliteShape(db: Db): Promise<{ tables: Shape; indexes: string[] }> {
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table'`.execute(db);
  const shape: Shape = {};
  const indexes: string[] = [];
  for (const { name } of tables.rows.filter((t) => !engineOnly(t.name))) {
    const cols = await sql<{
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }>`select * from pragma_table_info(${name})`.execute(db);
    shape[name] = Object.fromEntries(
      cols.rows.map((c) => [
        c.name,
        { type: c.type.toLowerCase(), notNull: c.notnull === 1 || c.pk > 0 },
      ]),
    );
    const idx = await sql<{
      name: string;
      origin: string;
    }>`select * from pragma_index_list(${name})`.execute(db);
    indexes.push(...idx.rows.filter((i) => i.origin === 'c').map((i) => i.name));
  }
  return { tables: shape, indexes: indexes.sort() };
}

async function postgresShape(db: Db): Promise<{ tables: Shape; indexes: string[] }> {
  // Single-word aliases: the camel-case plugin would rename snake_case result columns.
  const cols = await sql<{ tbl: string; col: string; typ: string; nullable: string }>`
    select table_name as tbl, column_name as col, data_type as typ, is_nullable as nullable
    from information_schema.columns where table_schema = 'public'`.execute(db);
  const shape: Shape = {};
  for (const c of cols.rows) {
    if (engineOnly(c.tbl)) continue;
    // Times are timestamptz on PostgreSQL and ISO-8601 text on SQLite.
    const type = c.typ === 'timestamp with time zone' ? 'text' : c.typ;
    (shape[c.tbl] ??= {})[c.col] = { type, notNull: c.nullable === 'NO' };
  }
  const idx = await sql<{ indexname: string }>`
    select i.indexname from pg_indexes i
    where i.schemaname = 'public'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  return {
    tables: shape,
    indexes: idx.rows
      .map((r) => r.indexname)
      .filter((n) => !engineOnly(n))
      .sort(),
  };
}

describe('schema parity', () => {
  it.runIf(inject('testEngine') === 'postgres')(
    'gives both engines the same tables, columns, types, nullability and indexes',
    async () => {
      const lite = openDatabase({ sqliteFile: ':memory:' });
      await migrateToLatest(lite.db);
      const pg = await createTestDatabase();
      try {
        const a = await sqliteShape(lite.db);
        const b = await postgresShape(pg.db);
        expect(Object.keys(a.tables).sort()).toEqual(Object.keys(b.tables).sort());
        for (const table of Object.keys(a.tables))
          expect(b.tables[table], table).toEqual(a.tables[table]);
        expect(a.indexes).toEqual(b.indexes);
        expect(a.indexes.length).toBeGreaterThan(10);
      } finally {
        await lite.close();
        await pg.close();
      }
    },
  );

  it('stores times as timestamptz on PostgreSQL and every *_at column is a time', async () => {
    const database = await createTestDatabase();
    try {
      const shape =
        database.engine === 'postgres'
          ? await postgresShape(database.db)
          : await sqliteShape(database.db);
      const atColumns = Object.entries(shape.tables).flatMap(([t, cols]) =>
        Object.entries(cols)
          .filter(([c]) => c.endsWith('_at'))
          .map(([c, col]) => [t, c, col.type]),
      );
      expect(atColumns.length).toBeGreaterThan(20);
      expect(atColumns.every(([, , type]) => type === 'text')).toBe(true);
      if (database.engine === 'postgres') {
        const raw = await sql<{
          n: number;
        }>`select count(*)::int as n from information_schema.columns where table_schema = 'public' and column_name like '%\\_at' and data_type <> 'timestamp with time zone'`.execute(
          database.db,
        );
        expect(raw.rows[0]?.n).toBe(0);
      }
    } finally {
      await database.close();
    }
  });
});
