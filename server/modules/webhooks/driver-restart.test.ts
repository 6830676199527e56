import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer, type ChildServer } from '../../testing/child-server.ts';
import { createMember } from '../../testing/members.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';

// The real server, killed with SIGKILL while the receiver is down, then started again while
// the receiver comes up: every event arrives, in order, each under one webhook-id.
let database: TestDatabase;
let token = '';
let receiver: WebhookReceiver | undefined;
const servers: ChildServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  token = (
    await createMember(database.db, ws.id, {
      email: 'hooks@example.com',
      name: 'Hook Drill',
      role: 'admin',
    })
  ).token;
});
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await receiver?.stop();
  await database?.close();
});

const post = (base: string, path: string, body: unknown) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });

async function start(port: number): Promise<ChildServer> {
  const server = await startChildServer({
    ...database.cliEnv,
    CASEFILE_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${port}`,
    // Retries every few tenths of a second, never giving up within the test.
    CASEFILE_WEBHOOK_RETRY_SECONDS: Array.from({ length: 20 }, () => '0.3').join(','),
    CASEFILE_WEBHOOK_SWEEP_SECONDS: '0.3',
    CASEFILE_JOB_POLL_SECONDS: '0.2',
    CASEFILE_JOB_LOCK_GRACE_SECONDS: '0',
  });
  servers.push(server);
  expect(await server.ready(30_000), server.output()).toBe(true);
  return server;
}

async function addCases(base: string, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i += 1)
    expect((await post(base, '/api/v1/cases', { title: `Drill case ${i}` })).status).toBe(201);
}

describe('webhook delivery across a crash', () => {
  it('delivers every event in order, each under one webhook-id, after a SIGKILL', async () => {
    const port = await freePort();
    const first = await start(port);
    const created = await post(first.base, '/api/v1/webhooks', {
      url: `http://127.0.0.1:${port}/drill`,
      eventTypes: ['case.created'],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };

    // The receiver is down: attempts fail, and the first event blocks the others, in order.
    await addCases(first.base, 1, 10);
    const attempted = async () =>
      (
        await database.db
          .selectFrom('webhookDeliveries')
          .select('attempts')
          .where('subscriptionId', '=', id)
          .execute()
      ).some((d) => d.attempts > 1);
    for (let i = 0; i < 100 && !(await attempted()); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(await attempted()).toBe(true);
    await first.stop('SIGKILL');

    receiver = await startWebhookReceiver({}, { port });
    const second = await start(port);
    await addCases(second.base, 11, 20);

    const distinct = async () =>
      new Set((await receiver!.received()).map((r) => r.headers['webhook-id'])).size;
    for (let i = 0; i < 600 && (await distinct()) < 20; i += 1)
      await new Promise((r) => setTimeout(r, 100));

    const seen = await receiver.received();
    const ids = seen.map((r) => r.headers['webhook-id']!);
    // A resend after a crash between the send and its record carries the same id.
    expect(new Set(ids).size).toBe(20);
    const seqs = ids.map((w) => Number(/^msg_\d+_(\d+)$/.exec(w)![1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const titles = [...new Set(seen.map((r) => /Drill case \d+/.exec(r.body)?.[0]))];
    expect(titles).toEqual(Array.from({ length: 20 }, (_, i) => `Drill case ${i + 1}`));
    const rows = await database.db
      .selectFrom('webhookDeliveries')
      .select('state')
      .where('subscriptionId', '=', id)
      .execute();
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: 20 }, () => 'delivered'));
  }, 120_000);
});
