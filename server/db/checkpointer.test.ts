import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer, type CheckpointResult } from './checkpointer.ts';
import { openDatabase } from './connection.ts';

const dir = mkdtempSync(join(tmpdir(), 'casefile-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('background checkpoints', () => {
  it('copies committed pages from the log into the database file beside the writer', async () => {
    const file = join(dir, 'a.db');
    const writer = new SQLite(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('create table t (id integer primary key, body text not null)');
    const insert = writer.prepare('insert into t (body) values (?)');
    writer.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run('x'.repeat(500));
    })();
    const sizeBefore = statSync(file).size;
    const results: CheckpointResult[] = [];
    const checkpointer = startCheckpointer(file, {
      intervalMs: 20,
      onResult: (r) => results.push(r),
    });
    await expect
      .poll(() => results.some((r) => r.log > 0 && r.checkpointed === r.log), { timeout: 5000 })
      .toBe(true);
    await checkpointer.stop();
    // The pages now live in the database file itself, not only in the log.
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 500_000);
    writer.close();
    const reader = new SQLite(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 2000 });
    reader.close();
  });

  it('runs for the server connection, below its automatic checkpoints, and stops with it', async () => {
    const file = join(dir, 'b.db');
    const database = openDatabase({ sqliteFile: file, backgroundCheckpoints: true });
    const { rows } = await sql<{
      walAutocheckpoint: number;
    }>`pragma wal_autocheckpoint`.execute(database.db);
    expect(rows[0]?.walAutocheckpoint).toBe(16384);
    const limit = await sql<{ journalSizeLimit: number }>`pragma journal_size_limit`.execute(
      database.db,
    );
    expect(limit.rows[0]?.journalSizeLimit).toBe(67_108_864);
    await sql`create table t (id integer primary key, body text not null)`.execute(database.db);
    const sizeBefore = statSync(file).size;
    await sql`insert into t (body) select printf('%.500c', 'x') from
      (with recursive n(i) as (select 1 union all select i + 1 from n where i < 2000) select i from n)`.execute(
      database.db,
    );
    // 1 MB of pages is far below the automatic limit: only the worker moves them.
    await expect
      .poll(() => statSync(file).size, { timeout: 5000 })
      .toBeGreaterThan(sizeBefore + 500_000);
    await database.close();
  });
});
