import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../events/index.ts';
import { defineSchedule, startScheduler, startWorker, type Worker } from '../../jobs/index.ts';
import type { Scheduler } from '../../jobs/scheduler.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import { systemActor } from '../workspaces/index.ts';
import { startWebhookDriver, sweepJob, type WebhookDriver } from './driver.ts';

let env: TestEnv;
let receiver: WebhookReceiver;
let worker: Worker;
let scheduler: Scheduler;
let driver: WebhookDriver;

beforeAll(async () => {
  receiver = await startWebhookReceiver(
    { '/flaky': [500, 200], '/moved': [302, 302, 302, 302] },
    { slow: { '/slow': 30_000 } },
  );
  env = await startTestEnv({ CASEFILE_WEBHOOK_ALLOW_HOSTS: receiver.host });
  driver = startWebhookDriver({
    db: env.db,
    clock: systemClock,
    log: silentLogger,
    settings: {
      env: { allowHosts: env.config.webhookAllowHosts, dataDir: env.config.dataDir },
      retryDelaysMs: [100, 100, 100],
    },
  });
  worker = startWorker({
    db: env.db,
    // Receivers judge webhook-timestamp by their own clock: sign with the real time.
    clock: systemClock,
    log: silentLogger,
    concurrency: 4,
    pollSeconds: 0.2,
    retryBaseSeconds: 0.1,
    retryCapSeconds: 0.1,
    stopSeconds: 1,
  });
  scheduler = startScheduler({
    db: env.db,
    clock: systemClock,
    log: silentLogger,
    schedules: [
      defineSchedule({
        name: 'webhooks.sweep',
        everySeconds: 0.5,
        type: sweepJob.type,
        payload: {},
      }),
    ],
    tickSeconds: 0.5,
    onEnqueued: () => worker.wake(),
  });
});
afterAll(async () => {
  // The slow receiver's request is still open: stopping the receiver ends it.
  await receiver.stop();
  driver.stop();
  scheduler.stop();
  await worker.stop();
  await env.close();
});

async function subscribe(path: string, eventTypes: unknown = ['case.created']) {
  const res = await env
    .api('admin')
    .post('/api/v1/webhooks', { url: `${receiver.base}${path}`, eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as number, secret: res.body.secret as string };
}

const seenAt = async (path: string) => (await receiver.received()).filter((r) => r.path === path);

/** Waits until `check` holds, for at most `ms` (a bound on the test, never an assertion). */
async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliveries = (subscriptionId: number) =>
  env.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .orderBy('eventSeq')
    .execute();

const createCase = async (title: string) => {
  const res = await env.api('analyst').post('/api/v1/cases', { title });
  expect(res.status).toBe(201);
};

describe('the webhook driver', () => {
  it('delivers 20 changes in log order, each signed, and moves the cursor past them', async () => {
    const { id, secret } = await subscribe('/ordered');
    for (let i = 1; i <= 20; i += 1) await createCase(`Exfiltration ${i}`);
    await until(async () => (await seenAt('/ordered')).length >= 20);

    const seen = await seenAt('/ordered');
    expect(seen).toHaveLength(20);
    const hook = new Webhook(secret);
    const titles = seen.map((r) => {
      const body = hook.verify(r.body, r.headers) as { data: { case?: { title?: string } } };
      return JSON.stringify(body.data);
    });
    titles.forEach((t, i) => expect(t).toContain(`Exfiltration ${i + 1}`));
    const seqs = seen.map((r) => Number(/^msg_\d+_(\d+)$/.exec(r.headers['webhook-id']!)![1]));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(20);
    await until(async () => (await deliveries(id)).every((r) => r.state === 'delivered'));
    const rows = await deliveries(id);
    expect(rows.map((r) => r.state)).toEqual(Array.from({ length: 20 }, () => 'delivered'));
    const sub = await env.db
      .selectFrom('webhookSubscriptions')
      .select('cursorSeq')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(sub.cursorSeq).toBeGreaterThanOrEqual(seqs.at(-1)!);
  });

  it('retries a 500 through its backoff, with the same webhook-id, and then sends the next', async () => {
    const { id } = await subscribe('/flaky');
    await createCase('Badge cloning');
    await createCase('Printer exfiltration');
    await until(async () => (await seenAt('/flaky')).length >= 3);

    const seen = await seenAt('/flaky');
    const ids = seen.map((r) => r.headers['webhook-id']);
    // The first event twice (500, then 200), then the second: never the second before it.
    expect(ids).toHaveLength(3);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    // The receiver records a request before the driver reads its answer and marks it.
    await until(async () => (await deliveries(id)).every((r) => r.state === 'delivered'));
    const rows = await deliveries(id);
    expect(rows.map((r) => [r.state, r.attempts])).toEqual([
      ['delivered', 2],
      ['delivered', 1],
    ]);
  });

  it('never follows a receiver answering 302 to 127.0.0.1: retried, then failed, under one id', async () => {
    const { id } = await subscribe('/moved');
    await createCase('Redirected exfiltration');
    // Four attempts (the first and three retries), each answered 302 to /internal.
    await until(async () => (await deliveries(id)).some((r) => r.state === 'failed'));
    const [row] = await deliveries(id);
    expect(row).toMatchObject({ state: 'failed', attempts: 4, lastStatus: 302 });
    expect(row!.lastError).toMatch(/redirect, which is not followed/);
    const seen = (await receiver.received()).filter((r) => r.path !== '/_seen');
    const moved = seen.filter((r) => r.path === '/moved');
    expect(moved).toHaveLength(4);
    expect(new Set(moved.map((r) => r.headers['webhook-id']))).toEqual(new Set([row!.webhookId]));
    expect(seen.some((r) => r.path === '/internal')).toBe(false);
  });

  it('sends nothing of a change that rolled back', async () => {
    const { id } = await subscribe('/rollback', 'all');
    await expect(
      inTransaction(
        { db: env.db, actor: systemActor(env.workspaceId), clock: systemClock },
        async (_tx, emit) => {
          await emit('case.created', {
            targetId: 999_999,
            after: {
              title: 'Never happened',
              priority: 'high',
              status: { id: 1, name: 'New' },
              assignee: null,
              dueAt: null,
              tags: [],
            },
          });
          throw new Error('the change failed');
        },
      ),
    ).rejects.toThrow('the change failed');
    await createCase('Committed change');
    await until(async () => (await seenAt('/rollback')).length >= 1);
    // The sweep has had its chances to send anything else.
    await worker.idle();
    const bodies = (await seenAt('/rollback')).map((r) => r.body);
    expect(bodies.some((b) => b.includes('Committed change'))).toBe(true);
    expect(bodies.some((b) => b.includes('Never happened'))).toBe(false);
    expect((await deliveries(id)).every((r) => r.state === 'delivered')).toBe(true);
  });

  it('delivers to 49 subscriptions while a 30 s-slow receiver holds one slot', async () => {
    const slow = await subscribe('/slow');
    const fast: { id: number }[] = [];
    for (let i = 0; i < 49; i += 1) fast.push(await subscribe(`/many/${i}`));
    await createCase('Mass download');
    const deliveredAll = async () => {
      const rows = await env.db
        .selectFrom('webhookDeliveries')
        .select('subscriptionId')
        .where('state', '=', 'delivered')
        .where(
          'subscriptionId',
          'in',
          fast.map((f) => f.id),
        )
        .execute();
      return new Set(rows.map((r) => r.subscriptionId)).size === 49;
    };
    await until(deliveredAll);
    expect(await deliveredAll()).toBe(true);
    // Meanwhile the slow receiver got its request and has not answered: its attempt is still
    // open (the 10 s timeout has not cut it), so every other one went past it.
    expect(await seenAt('/slow')).toHaveLength(1);
    const [slowRow] = await deliveries(slow.id);
    expect(slowRow).toMatchObject({ state: 'pending', attempts: 0, lastAttemptAt: null });
  });
});
