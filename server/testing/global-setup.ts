import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { systemClock } from '../lib/clock.ts';
import { ensureDefaultWorkspace } from '../modules/workspaces/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testEngine: 'sqlite' | 'postgres';
    sqliteTemplate: string;
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/**
 * The template's workspace shows subjects' names: the tests of pseudonymisation turn it on, as
 * an administrator would (a new workspace of a real deployment starts with it on).
 */
const namesShown = { pseudonymise: false };

/** Builds one migrated template database per run; each test file copies it (test-db.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = project.config.env?.CASEFILE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
  project.provide('testEngine', engine);
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-test-'));
    const file = join(dir, 'template.db');
    const database = openDatabase({ sqliteFile: file });
    await migrateToLatest(database.db);
    await ensureDefaultWorkspace(database.db, systemClock, namesShown);
    await database.close();
    project.provide('sqliteTemplate', file);
    project.provide('pgAdminUrl', '');
    project.provide('pgTemplate', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const adminUrl = process.env.CASEFILE_TEST_DATABASE_URL ?? '';
  const template = `casefile_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${template}`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const database = openDatabase({ databaseUrl: withDatabase(adminUrl, template), poolSize: 1 });
  await migrateToLatest(database.db);
  await ensureDefaultWorkspace(database.db, systemClock, namesShown);
  await database.close();
  project.provide('sqliteTemplate', '');
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname = '${template}' or datname like '${template}\\_%'`,
    );
    for (const row of rows)
      await client.query(`drop database if exists ${row.datname} with (force)`);
    await client.end();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
