import { copyFileSync, mkdtempSync } from 'node:fs';
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
export async function createTestDatabase(): Promise<Database> {
  if (inject('testEngine') === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'casefile-db-'));
    const file = join(dir, 'test.db');
    copyFileSync(inject('sqliteTemplate'), file);
    return openDatabase({ sqliteFile: file });
  }
  const adminUrl = inject('pgAdminUrl');
  const name = `casefile_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const database = openDatabase({ databaseUrl: withDatabase(adminUrl, name), poolSize: 10 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
