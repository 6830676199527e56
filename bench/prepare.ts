import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, sqliteFileIn } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { systemClock } from '../server/lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../server/modules/accounts/index.ts';
import { listStatusRows } from '../server/modules/statuses/statuses.service.ts';
import { ensureDefaultWorkspace, systemActor } from '../server/modules/workspaces/index.ts';
import type { BenchEngine } from './args.ts';
import type { Analyst, Status } from './dataset.ts';

/** A fresh, migrated bench database and how to reach and remove it. */
export interface BenchDatabase {
  engine: BenchEngine;
  /** SQLite: the data folder. */
  dataDir?: string;
  sqliteFile?: string;
  /** PostgreSQL: the bench database's URL. */
  databaseUrl?: string;
  readonly drop: () => Promise<void>;
}

export interface Fixture {
  workspaceId: number;
  analysts: Array<Analyst & { token: string; email: string }>;
  statuses: Record<'new' | 'active' | 'closed', Status>;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** SQLite: a temporary data folder. PostgreSQL: a new database on the given server. */
export async function createBenchDatabase(
  engine: BenchEngine,
  pgUrl: string,
): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'casefile-bench-'));
    return {
      engine,
      dataDir,
      sqliteFile: sqliteFileIn(dataDir),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `casefile_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    engine,
    databaseUrl: withDatabaseName(pgUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      try {
        await dropDatabase(client, name);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Drops a bench database. `with (force)` ends the sessions still on it, but a role that is not
 * a superuser may not end an autovacuum worker's (42501): then it waits for the worker to go.
 */
async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if ((code !== '42501' && code !== '55006') || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Migrates, creates the default workspace and a few analysts, each with an API token. */
export async function prepareFixture(target: BenchDatabase, analysts = 8): Promise<Fixture> {
  const database = openDatabase({
    databaseUrl: target.databaseUrl,
    sqliteFile: target.sqliteFile,
    poolSize: 2,
  });
  try {
    await migrateToLatest(database.db);
    const workspaceId = await ensureDefaultWorkspace(database.db, systemClock);
    const system = systemActor(workspaceId);
    const people: Fixture['analysts'] = [];
    for (let i = 1; i <= analysts; i += 1) {
      const email = `analyst${i}@bench.casefile.local`;
      const account = await createAccountAs(database.db, systemClock, system, {
        email,
        name: `Analyst ${i}`,
        role: 'analyst',
        password: `bench-password-${i}-not-secret`,
      });
      const actor = await loadActor(database.db, account.id, 'token');
      if (!actor) throw new Error(`account ${email} did not load`);
      const { token } = await createTokenFor(database.db, systemClock, actor, 'bench');
      people.push({ id: account.id, name: account.name, email, token });
    }
    const rows = await listStatusRows(database.db, workspaceId);
    const first = (category: Status['category']): Status => {
      const s = rows.find((r) => r.category === category);
      if (!s) throw new Error(`no ${category} status`);
      return { id: s.id, name: s.name, category };
    };
    return {
      workspaceId,
      analysts: people,
      statuses: { new: first('new'), active: first('active'), closed: first('closed') },
    };
  } finally {
    await database.close();
  }
}

/** An account with the Ingestion service role in the workspace, and its API token. */
export async function ingestToken(target: BenchDatabase, workspaceId: number): Promise<string> {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    const account = await createAccountAs(database.db, systemClock, systemActor(workspaceId), {
      email: 'ingest@bench.casefile.local',
      name: 'Bench ingestion',
      role: 'ingest',
      password: 'bench-ingest-password-not-secret',
    });
    const actor = await loadActor(database.db, account.id, 'token');
    if (!actor) throw new Error('the ingestion account did not load');
    return (await createTokenFor(database.db, systemClock, actor, 'bench ingest')).token;
  } finally {
    await database.close();
  }
}
