import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { COMMITTED_CHANNEL, onCommitted, type Committed } from './committed.ts';
import { listenForCommits, type CommitListener } from './listen.ts';

const postgres = inject('testEngine') === 'postgres';
let database: TestDatabase;
let listener: CommitListener;

beforeAll(async () => {
  if (!postgres) return;
  database = await createTestDatabase();
  listener = listenForCommits(database.cliEnv.DATABASE_URL!, silentLogger);
  await listener.ready;
});
afterAll(async () => {
  await listener?.stop();
  await database?.close();
});

const notify = (payload: string) =>
  sql`select pg_notify(${COMMITTED_CHANNEL}, ${payload})`.execute(database.db);

/** Sends `payload` until a listener of this process hears it (the listener may be reconnecting). */
async function heard(payload: string, timeoutMs: number): Promise<Committed | undefined> {
  let got: Committed | undefined;
  const off = onCommitted((c) => {
    if (`${c.workspaceId}:${c.seq}` === payload) got = c;
  });
  const until = Date.now() + timeoutMs;
  while (!got && Date.now() < until) {
    await notify(payload);
    await new Promise((r) => setTimeout(r, 100));
  }
  off();
  return got;
}

describe.skipIf(!postgres)('listenForCommits', () => {
  it('tells this process of a commit notified by another connection', async () => {
    expect(await heard('7:41', 5000)).toEqual({ workspaceId: 7, seq: 41 });
  });

  it('listens again after its connection was cut', async () => {
    const cut = await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and query like 'LISTEN%'`.execute(database.db);
    expect(cut.rows.length).toBe(1);
    expect(await heard('7:42', 10_000)).toEqual({ workspaceId: 7, seq: 42 });
  });
});
