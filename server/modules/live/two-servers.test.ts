import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { LiveChange } from '../../../contract/live.ts';
import { startChildServer, type ChildServer } from '../../testing/child-server.ts';
import { openSse, type SseClient } from '../../testing/sse-client.ts';
import { createMember } from '../../testing/members.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';

// Two real server processes on one PostgreSQL: a change made through one reaches a stream
// connected to the other, woken by LISTEN/NOTIFY. SQLite has one process by design.
const postgres = inject('testEngine') === 'postgres';
let database: TestDatabase;
let token = '';
const servers: ChildServer[] = [];
const streams: SseClient[] = [];

beforeAll(async () => {
  if (!postgres) return;
  database = await createTestDatabase();
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  token = (
    await createMember(database.db, ws.id, {
      email: 'live@example.com',
      name: 'Lia Live',
      role: 'analyst',
    })
  ).token;
  for (let i = 0; i < 2; i += 1) {
    const server = await startChildServer(database.cliEnv);
    servers.push(server);
    expect(await server.ready(30_000), server.output()).toBe(true);
  }
});
afterAll(async () => {
  for (const s of streams) s.close();
  for (const s of servers) await s.stop();
  await database?.close();
});

describe.skipIf(!postgres)('live updates across server processes', () => {
  it('delivers a change made through process A to a stream on process B', async () => {
    const [a, b] = servers as [ChildServer, ChildServer];
    const headers = { authorization: `Bearer ${token}` };
    const stream = await openSse(`${b.base}/api/v1/stream?queues=cases`, headers);
    streams.push(stream);
    await stream.next('ready', 10_000);
    const res = await fetch(`${a.base}/api/v1/cases`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Made on A' }),
    });
    expect(res.status).toBe(201);
    const { number } = (await res.json()) as { number: number };
    const change = LiveChange.parse(await stream.nextChange(10_000));
    expect(change).toMatchObject({ type: 'case.created', caseNumber: number, created: true });
  });
});
