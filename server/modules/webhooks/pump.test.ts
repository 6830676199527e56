import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookSubscriptionRow } from '../../db/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import type { DeliveryCtx } from './deliver.ts';
import { needsPump, pumpSubscription } from './pump.ts';

let env: TestEnv;
let receiver: WebhookReceiver;
let ctx: DeliveryCtx;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ '/mid': [200, 200, 200, 500] });
  env = await startTestEnv({ CASEFILE_WEBHOOK_ALLOW_HOSTS: receiver.host });
  ctx = {
    db: env.db,
    // Receivers judge webhook-timestamp by their own clock: sign with the real time.
    clock: systemClock,
    log: silentLogger,
    env: { allowHosts: env.config.webhookAllowHosts, dataDir: env.config.dataDir },
    retryDelaysMs: [60_000],
  };
});
afterAll(async () => {
  await env.close();
  await receiver.stop();
});

const subscriptionRow = (id: number): Promise<WebhookSubscriptionRow> =>
  env.db
    .selectFrom('webhookSubscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

async function subscribe(path: string): Promise<number> {
  const res = await env
    .api('admin')
    .post('/api/v1/webhooks', { url: `${receiver.base}${path}`, eventTypes: ['case.created'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

async function createCases(n: number, title: string): Promise<void> {
  for (let i = 1; i <= n; i += 1) {
    const res = await env.api('analyst').post('/api/v1/cases', { title: `${title} ${i}` });
    expect(res.status).toBe(201);
  }
}

const deliveries = (subscriptionId: number) =>
  env.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .orderBy('eventSeq')
    .execute();

const seqOf = (webhookId: string | undefined) => Number(/_(\d+)$/.exec(webhookId ?? '')?.[1]);

describe('pumpSubscription', () => {
  it('delivers a run of 60 events in order and records every one with the cursor', async () => {
    const id = await subscribe('/run');
    await createCases(60, 'Run');
    expect(await pumpSubscription(ctx, id)).toBe('drained');

    const seen = (await receiver.received()).filter((r) => r.path === '/run');
    const seqs = seen.map((r) => seqOf(r.headers['webhook-id']));
    expect(seqs).toHaveLength(60);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const rows = await deliveries(id);
    expect(rows.map((r) => [r.eventSeq, r.state, r.attempts, r.lastStatus])).toEqual(
      seqs.map((seq) => [seq, 'delivered', 1, 200]),
    );
    expect(rows.every((r) => r.deliveredAt !== null && r.nextAttemptAt === null)).toBe(true);
    expect((await subscriptionRow(id)).cursorSeq).toBeGreaterThanOrEqual(seqs.at(-1)!);
  });

  it('records the events delivered before a failure and leaves the ones after it untried', async () => {
    const id = await subscribe('/mid');
    await createCases(6, 'Midway');
    expect(await pumpSubscription(ctx, id)).toBe('waiting');

    const rows = await deliveries(id);
    expect(rows.map((r) => [r.state, r.attempts, r.lastStatus])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 1, 200],
      ['delivered', 1, 200],
      ['pending', 1, 500],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(rows[3]!.nextAttemptAt).not.toBeNull();
    expect(rows[4]!.nextAttemptAt).toBeNull();
    const sub = await subscriptionRow(id);
    expect(sub.cursorSeq).toBe(rows[2]!.eventSeq);
    // The head waits for its retry, a minute away: nothing to do now, something then.
    expect(await needsPump(env.db, sub, new Date())).toBe(false);
    expect(await needsPump(env.db, sub, new Date(Date.now() + 120_000))).toBe(true);
  });

  it('finds again a subscription whose deliveries were made but not attempted (a run cut short)', async () => {
    const id = await subscribe('/cut');
    await createCases(3, 'Cut short');
    const stopped = new AbortController();
    stopped.abort();
    expect(await pumpSubscription(ctx, id, { signal: stopped.signal })).toBe('more');
    const made = await deliveries(id);
    expect(made.map((r) => [r.state, r.attempts, r.nextAttemptAt])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(await needsPump(env.db, await subscriptionRow(id), new Date())).toBe(true);

    expect(await pumpSubscription(ctx, id)).toBe('drained');
    expect((await deliveries(id)).map((r) => r.state)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect((await receiver.received()).filter((r) => r.path === '/cut')).toHaveLength(3);
  });
});
