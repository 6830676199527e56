import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { createAccountAs } from '../modules/accounts/index.ts';
import { systemActor } from '../modules/workspaces/index.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { openDatabase, type Database } from './connection.ts';
import { migrateDatabase } from './schema-owner.ts';

// PostgreSQL only: the server runs as a role that may add audit events but never change or
// remove them; the schema belongs to the role that migrates.
const onPostgres = inject('testEngine') === 'postgres';
const role = `casefile_server_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');

let owner: TestDatabase;
let server: Database;

async function asAdmin(query: string) {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (!onPostgres) return;
  owner = await createTestDatabase();
  const url = new URL(owner.cliEnv.DATABASE_URL!);
  await asAdmin(`create role ${role} login password '${password}'`);
  await sql.raw(`grant connect on database ${url.pathname.slice(1)} to ${role}`).execute(owner.db);
  const ownerUrl = url.toString();
  url.username = role;
  url.password = password;
  server = openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  // As `serve` does with CASEFILE_MIGRATION_DATABASE_URL: migrate as the owner, then grant.
  await migrateDatabase(server, { databaseUrl: url.toString(), migrationDatabaseUrl: ownerUrl });
});

afterAll(async () => {
  if (!onPostgres) return;
  await server?.close();
  await owner?.close();
  await asAdmin(`drop role if exists ${role}`);
});

const refusal = async (query: string) => {
  try {
    await sql.raw(query).execute(server.db);
    return 'allowed';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe.runIf(onPostgres)('the server role on PostgreSQL', () => {
  it('works as usual: its changes write their audit events', async () => {
    const ws = await server.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    const before = await server.db.selectFrom('auditEvents').select('seq').execute();
    await createAccountAs(server.db, systemClock, systemActor(ws.id), {
      email: 'rights@example.com',
      name: 'Rights Check',
      role: 'analyst',
      password: 'correct horse battery staple',
    });
    const after = await server.db.selectFrom('auditEvents').select('seq').execute();
    expect(after.length).toBe(before.length + 1);
  });

  it('cannot change, delete or truncate audit events, nor touch the schema', async () => {
    const events = await owner.db.selectFrom('auditEvents').select('seq').execute();
    expect(events.length).toBeGreaterThan(0);
    // 42501: insufficient_privilege.
    expect(await refusal(`update audit_events set action = 'rewritten'`)).toBe('42501');
    expect(await refusal('delete from audit_events')).toBe('42501');
    expect(await refusal('truncate audit_events')).toBe('42501');
    expect(await refusal('drop table audit_events')).toBe('42501');
    expect(await refusal('create table sneaky (id int)')).toBe('42501');
    expect(await refusal(`delete from schema_migrations`)).toBe('42501');
    const still = await owner.db.selectFrom('auditEvents').select(['seq', 'action']).execute();
    expect(still.length).toBe(events.length);
    expect(still.some((e) => e.action === 'rewritten')).toBe(false);
  });
});
