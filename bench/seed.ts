import { Dataset } from './dataset.ts';
import type { BenchDatabase, Fixture } from './prepare.ts';
import { seedPostgres } from './seed-pg.ts';
import { seedSqlite } from './seed-sqlite.ts';

/** Cases per transaction (with their tasks, comments, search documents and audit events). */
export const BATCH = 10_000;

/** The tables the seeder fills; their secondary indexes are rebuilt after the load. */
export const SEEDED_TABLES = ['cases', 'tasks', 'comments', 'search_docs', 'audit_events'];

export interface SeedTimings {
  /** Generating and inserting the rows. */
  loadMs: number;
  /** Rebuilding secondary indexes (and the FTS index on SQLite). */
  indexMs: number;
  /** ANALYZE (SQLite) or VACUUM ANALYZE (PostgreSQL). */
  analyzeMs: number;
}

export interface SeedResult extends SeedTimings {
  totalMs: number;
  /** A rare word and the number of cases whose texts hold it. */
  selective: { word: string; cases: number };
  /** Numbers of the seeded cases: [first, last]. */
  numbers: [number, number];
}

export async function seed(
  target: BenchDatabase,
  fixture: Fixture,
  cases: number,
  seedValue: number,
): Promise<SeedResult> {
  const data = new Dataset(cases, seedValue, fixture.analysts, fixture.statuses, Date.now());
  const start = performance.now();
  const timings =
    target.engine === 'sqlite'
      ? seedSqlite(target.sqliteFile!, data, fixture.workspaceId)
      : await seedPostgres(target.databaseUrl!, data, fixture.workspaceId);
  return {
    ...timings,
    totalMs: performance.now() - start,
    selective: data.selectiveWord(),
    numbers: [1000, 1000 + cases - 1],
  };
}
