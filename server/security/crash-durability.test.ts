import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../modules/accounts/index.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { systemActor } from '../modules/workspaces/index.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';

// kill -9 of the real server under mixed writes: every write it acknowledged is there after
// a restart, and the audit chain still verifies. Bounded: about two seconds of load.
let database: TestDatabase;
let token = '';
let workspaceId = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceId = (await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow())
    .id;
  const account = await createAccountAs(database.db, systemClock, systemActor(workspaceId), {
    email: 'crash@example.com',
    name: 'Crash Drill',
    role: 'admin',
    password: 'correct horse battery staple',
  });
  token = (
    await createTokenFor(
      database.db,
      systemClock,
      (await loadActor(database.db, account.id, 'token'))!,
      'drill',
    )
  ).token;
});
afterAll(() => database?.close());

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

describe('a server killed with SIGKILL under load', () => {
  it('keeps every acknowledged case, comment and alert, with a valid audit chain', async () => {
    const server: ChildServer = await startChildServer(database.cliEnv);
    expect(await server.ready(30_000), server.output()).toBe(true);
    const cases: Array<{ number: number; title: string }> = [];
    const comments: string[] = [];
    const alerts: number[] = [];
    let running = true;
    let n = 0;
    const writer = async (kind: number) => {
      while (running) {
        n += 1;
        const i = n;
        try {
          if (kind === 0) {
            const res = await post(server.base, '/api/v1/cases', { title: `Crash drill ${i}` });
            if (res.status === 201)
              cases.push({
                number: ((await res.json()) as { number: number }).number,
                title: `Crash drill ${i}`,
              });
          } else if (kind === 1 && cases.length > 0) {
            const target = cases[i % cases.length]!.number;
            const body = `Drill note ${i}`;
            const res = await post(server.base, `/api/v1/cases/${target}/comments`, { body });
            if (res.status === 201) comments.push(body);
          } else {
            const res = await post(server.base, '/api/v1/alerts', {
              alerts: Array.from({ length: 20 }, (_, k) => ({
                source: 'drill',
                externalId: `drill-${i}-${k}`,
                title: 'Beacon to a rare domain',
                severity: 'low',
                detectedAt: new Date().toISOString(),
                subject: { email: `person${k % 5}@corp.example`, name: `Person ${k % 5}` },
              })),
            });
            if (res.status === 200)
              alerts.push(
                ...((await res.json()) as { results: Array<{ id: number }> }).results.map(
                  (r) => r.id,
                ),
              );
          }
        } catch {
          // the answer was lost with the process: not acknowledged, so not counted
        }
      }
    };
    const loops = [0, 0, 1, 2, 2].map((kind) => writer(kind));
    await new Promise((r) => setTimeout(r, 2_000));
    await server.stop('SIGKILL');
    running = false;
    await Promise.all(loops);
    expect(cases.length, server.output()).toBeGreaterThan(0);
    expect(alerts.length).toBeGreaterThan(0);

    // The restarted server recovers the database (WAL replay) and serves it.
    const again = await startChildServer(database.cliEnv);
    try {
      expect(await again.ready(30_000), again.output()).toBe(true);
      const storedCases = await database.db
        .selectFrom('cases')
        .select(['number', 'title'])
        .where('workspaceId', '=', workspaceId)
        .execute();
      const byNumber = new Map(storedCases.map((c) => [c.number, c.title]));
      expect(cases.filter((c) => byNumber.get(c.number) !== c.title)).toEqual([]);
      const storedComments = new Set(
        (await database.db.selectFrom('comments').select('body').execute()).map((c) => c.body),
      );
      expect(comments.filter((c) => !storedComments.has(c))).toEqual([]);
      const storedAlerts = new Set(
        (await database.db.selectFrom('alerts').select('id').execute()).map((a) => a.id),
      );
      expect(alerts.filter((id) => !storedAlerts.has(id))).toEqual([]);
      const chain = await verifyAuditChain(database.db, workspaceId);
      expect(chain.ok, JSON.stringify(chain)).toBe(true);
    } finally {
      await again.stop();
    }
  });
});
