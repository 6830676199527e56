import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../db/connection.ts';
import { withDatabase } from './global-setup.ts';

/**
 * A fresh migrated database for one test file, on the engine of the running project: a copy
 * of the SQLite template file, or a PostgreSQL database created from the template.
 */
export type TestDatabase = Database & {
  /** Environment variables that point the command-line tool at this database. */
  cliEnv: Record<string, string>;
};

export async function createTestDatabase(): Promise<TestDatabase> {
  if (inject('testEngine') === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-db-'));
    const file = join(dir, 'casefile.db');
    copyFileSync(inject('sqliteTemplate'), file);
    const database = openDatabase({ sqliteFile: file });
    return {
      ...database,
      cliEnv: { CASEFILE_DATA_DIR: dir },
      close: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = inject('pgAdminUrl');
  // Named after this run's template, so a run removes only its own databases.
  const name = `${inject('pgTemplate')}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const database = openDatabase({ databaseUrl: url, poolSize: 10 });
  return {
    ...database,
    cliEnv: { DATABASE_URL: url },
    close: async () => {
      await database.close();
      await dropDatabase(adminUrl, name);
    },
  };
}

/**
 * Drops a test database once the server has let go of its closed connections (it finishes
 * them a moment after the client does); forcing it would send those clients an error.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`drop database if exists ${name}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await client.end();
  }
}
