import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { tickingClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { signIn, SignInThrottle } from '../accounts/index.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { ensureDefaultWorkspace, ensureFirstAdmin } from './index.ts';

let database: TestDatabase;
const clock = tickingClock('2026-03-02T09:00:00Z');
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.close());

const deps = () => ({
  db: database.db,
  clock,
  throttle: new SignInThrottle(loadConfig({}).signIn),
  sessionTtlHours: 1,
});

describe('first start', () => {
  it('creates one admin with a generated password, printed once, that signs in', async () => {
    const printed: string[] = [];
    await ensureFirstAdmin(database.db, clock, silentLogger, { print: (t) => printed.push(t) });
    await ensureFirstAdmin(database.db, clock, silentLogger, { print: (t) => printed.push(t) });
    expect(printed).toHaveLength(1);
    const password = /password: (\S+)/.exec(printed[0]!)?.[1];
    expect(password).toMatch(/^.{24}$/);
    const session = await signIn(deps(), 'admin@casefile.local', password!, '127.0.0.1');
    expect(session.actor.roleKey).toBe('admin');
    const accounts = await database.db.selectFrom('accounts').selectAll().execute();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('uses the configured e-mail and password and prints nothing', async () => {
    const printed: string[] = [];
    await ensureFirstAdmin(database.db, clock, silentLogger, {
      email: 'soc-lead@example.com',
      password: 'configured password',
      print: (t) => printed.push(t),
    });
    expect(printed).toEqual([]);
    expect(
      (await signIn(deps(), 'soc-lead@example.com', 'configured password', '127.0.0.1')).actor.name,
    ).toBe('Administrator');
  });

  it('keeps one default workspace with the built-in roles and an intact, audited chain', async () => {
    const id = await ensureDefaultWorkspace(database.db, clock);
    expect(await ensureDefaultWorkspace(database.db, clock)).toBe(id);
    const roles = await database.db
      .selectFrom('roles')
      .select('key')
      .where('workspaceId', '=', id)
      .orderBy('id')
      .execute();
    expect(roles.map((r) => r.key)).toEqual([
      'viewer',
      'analyst',
      'investigator',
      'admin',
      'guest',
      'ingest',
    ]);
    await ensureFirstAdmin(database.db, clock, silentLogger, { print: () => undefined });
    const report = await verifyAuditChain(database.db, id);
    expect(report).toMatchObject({ ok: true, checked: 1 });
  });
});
