import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookSubscriptionRow } from '../../db/schema.ts';
import { systemClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import { createTokenFor } from '../accounts/index.ts';
import { MAX_ATTEMPTS } from './backoff.ts';
import { deliverEvent, type DeliveryCtx } from './deliver.ts';
import { nextEventsFor, type OutboundEvent } from './events.ts';

let env: TestEnv;
let receiver: WebhookReceiver;
let deliveryCtx: DeliveryCtx;

beforeAll(async () => {
  receiver = await startWebhookReceiver({
    '/flaky': [500, 200],
    '/gone': [410],
    '/moved': [302],
    '/down': Array.from({ length: 20 }, () => 503),
  });
  env = await startTestEnv({ CASEFILE_WEBHOOK_ALLOW_HOSTS: receiver.host });
  deliveryCtx = {
    db: env.db,
    // Receivers judge webhook-timestamp by their own clock: sign with the real time.
    clock: systemClock,
    log: silentLogger,
    env: { allowHosts: env.config.webhookAllowHosts, dataDir: env.config.dataDir },
    timeoutMs: 5000,
  };
});
afterAll(async () => {
  await env.close();
  await receiver.stop();
});

/** A subscription to the receiver's path, as stored, and its secret. */
async function subscribe(path: string, eventTypes: unknown = 'all') {
  const res = await env
    .api('admin')
    .post('/api/v1/webhooks', { url: `${receiver.base}${path}`, eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { secret: res.body.secret as string, row: await subscriptionRow(res.body.id) };
}

const subscriptionRow = (id: number): Promise<WebhookSubscriptionRow> =>
  env.db
    .selectFrom('webhookSubscriptions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

async function nextEvent(row: WebhookSubscriptionRow, type: string): Promise<OutboundEvent> {
  const { events } = await nextEventsFor(
    env.db,
    { allowHosts: [], dataDir: env.config.dataDir },
    row,
    500,
  );
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} event after ${row.cursorSeq}`);
  return event;
}

const deliveryRow = (subscriptionId: number, seq: number) =>
  env.db
    .selectFrom('webhookDeliveries')
    .selectAll()
    .where('subscriptionId', '=', subscriptionId)
    .where('eventSeq', '=', seq)
    .executeTakeFirstOrThrow();

const seenAt = async (path: string) => (await receiver.received()).filter((r) => r.path === path);

describe('webhook delivery', () => {
  it('retries a 500, delivers on the 200 with the same webhook-id, and both verify', async () => {
    const { secret, row } = await subscribe('/flaky');
    const created = await env.api('analyst').post('/api/v1/cases', { title: 'Leaked roadmap' });
    const event = await nextEvent(row, 'case.created');

    const first = await deliverEvent(deliveryCtx, row, event);
    expect(first).toMatchObject({ state: 'pending', status: 500 });
    let delivery = await deliveryRow(row.id, event.seq);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    expect(delivery.lastError).toMatch(/HTTP 500/);
    expect(delivery.nextAttemptAt).not.toBeNull();

    const second = await deliverEvent(deliveryCtx, row, event);
    expect(second).toMatchObject({ state: 'delivered', status: 200 });
    delivery = await deliveryRow(row.id, event.seq);
    expect(delivery).toMatchObject({
      state: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: null,
    });
    expect(delivery.deliveredAt).not.toBeNull();

    const seen = await seenAt('/flaky');
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers['webhook-id']).toBe(`msg_${row.id}_${event.seq}`);
    expect(seen[1]!.headers['webhook-id']).toBe(seen[0]!.headers['webhook-id']);
    const wh = new Webhook(secret.replace(/^whsec_/, ''));
    for (const r of seen) {
      expect(r.headers['content-type']).toBe('application/json');
      const payload = wh.verify(r.body, r.headers) as {
        type: string;
        timestamp: string;
        data: any;
      };
      expect(payload).toMatchObject({
        type: 'case.created',
        data: {
          action: 'case.created',
          target: { type: 'case', id: String(created.body.number) },
          caseNumber: created.body.number,
          actor: { id: env.members.analyst.id, name: 'Ana Analyst' },
          after: { title: 'Leaked roadmap' },
        },
      });
      expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    }
    // A signature made with another secret does not verify.
    const other = new Webhook(Buffer.from('another secret of 24 bytes!').toString('base64'));
    expect(() => other.verify(seen[0]!.body, seen[0]!.headers)).toThrow();

    // Delivered is delivered: a rerun of the consumer sends nothing.
    expect(await deliverEvent(deliveryCtx, row, event)).toMatchObject({ state: 'skipped' });
    expect(await seenAt('/flaky')).toHaveLength(2);
  });

  it('stops the subscription on 410 Gone, with a reason, audited', async () => {
    const { row } = await subscribe('/gone');
    await env.api('analyst').post('/api/v1/cases', { title: 'Gone' });
    const event = await nextEvent(row, 'case.created');
    expect(await deliverEvent(deliveryCtx, row, event)).toMatchObject({
      state: 'failed',
      status: 410,
    });
    const after = await env.api('admin').get(`/api/v1/webhooks/${row.id}`);
    expect(after.body).toMatchObject({ enabled: false });
    expect(after.body.disabledReason).toMatch(/410 Gone/);
    expect(await deliveryRow(row.id, event.seq)).toMatchObject({
      state: 'failed',
      lastStatus: 410,
    });
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'webhook.disabled')
      .where('targetId', '=', String(row.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorName).toBe('system');

    // Stopped means stopped: a later event is not sent.
    await env.api('analyst').post('/api/v1/cases', { title: 'After gone' });
    const later = (
      await nextEventsFor(
        env.db,
        { allowHosts: [], dataDir: env.config.dataDir },
        await subscriptionRow(row.id),
        500,
      )
    ).events.at(-1)!;
    expect(await deliverEvent(deliveryCtx, await subscriptionRow(row.id), later)).toMatchObject({
      state: 'skipped',
    });
    expect(await seenAt('/gone')).toHaveLength(1);
  });

  it('does not count a 302 as delivered, nor follow it', async () => {
    const { row } = await subscribe('/moved');
    await env.api('analyst').post('/api/v1/cases', { title: 'Moved' });
    const event = await nextEvent(row, 'case.created');
    const outcome = await deliverEvent(deliveryCtx, row, event);
    expect(outcome).toMatchObject({ state: 'pending', status: 302 });
    const delivery = await deliveryRow(row.id, event.seq);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 302 });
    expect(delivery.lastError).toMatch(/redirect, which is not followed/);
    expect((await receiver.received()).map((r) => r.path)).not.toContain('/internal');
  });

  it('gives up after the last attempt: failed, visible, and sent no more', async () => {
    const { row } = await subscribe('/down');
    await env.api('analyst').post('/api/v1/cases', { title: 'Down' });
    const event = await nextEvent(row, 'case.created');
    const outcomes = [];
    for (let i = 0; i < MAX_ATTEMPTS; i += 1)
      outcomes.push(await deliverEvent(deliveryCtx, row, event));
    expect(outcomes.slice(0, -1).every((o) => o.state === 'pending')).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ state: 'failed', status: 503 });
    expect(await deliverEvent(deliveryCtx, row, event)).toMatchObject({ state: 'skipped' });
    expect(await seenAt('/down')).toHaveLength(MAX_ATTEMPTS);
    const listed = await env.api('admin').get(`/api/v1/webhooks/${row.id}/deliveries?state=failed`);
    expect(listed.body.items).toMatchObject([
      { state: 'failed', attempts: MAX_ATTEMPTS, lastStatus: 503 },
    ]);

    // Replay puts it back to pending, and the next attempt goes out with the same webhook-id.
    const replay = await env
      .api('admin')
      .post(`/api/v1/webhooks/${row.id}/deliveries/${listed.body.items[0].id}/replay`);
    expect(replay.body).toMatchObject({ state: 'pending' });
    await deliverEvent(deliveryCtx, row, event);
    const seen = await seenAt('/down');
    expect(seen).toHaveLength(MAX_ATTEMPTS + 1);
    expect(new Set(seen.map((s) => s.headers['webhook-id'])).size).toBe(1);
  });

  it('never carries a password, token or secret, nor their hashes', async () => {
    const { row, secret } = await subscribe('/ok');
    const { token } = await createTokenFor(env.db, env.clock, env.members.analyst.actor, 'SIEM');
    const tokenRow = await env.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('name', '=', 'SIEM')
      .executeTakeFirstOrThrow();
    await env.api('admin').patch(`/api/v1/accounts/${env.members.viewer.id}`, {
      password: 'an entirely new password',
    });
    const account = await env.db
      .selectFrom('accounts')
      .select('passwordHash')
      .where('id', '=', env.members.viewer.id)
      .executeTakeFirstOrThrow();
    const rotated = await env.api('admin').post(`/api/v1/webhooks/${row.id}/rotate-secret`);
    const { events } = await nextEventsFor(
      env.db,
      { allowHosts: [], dataDir: env.config.dataDir },
      row,
      500,
    );
    const types = events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['token.created', 'account.password_set', 'webhook.secret_rotated']),
    );
    const current = await subscriptionRow(row.id);
    for (const event of events) await deliverEvent(deliveryCtx, current, event);
    const bodies = (await seenAt('/ok')).map((r) => r.body);
    expect(bodies).toHaveLength(events.length);
    const forbidden = [
      token,
      tokenRow.tokenHash,
      createHash('sha256').update(token).digest('hex'),
      tokenRow.prefix,
      account.passwordHash!,
      '$argon2',
      secret,
      rotated.body.secret,
      'whsec_',
      current.secretSealed,
      'Hash',
    ];
    for (const body of bodies) for (const f of forbidden) expect(body).not.toContain(f);
    const tokenEvent = JSON.parse(bodies[types.indexOf('token.created')]!);
    expect(tokenEvent.data.after).toEqual({
      name: 'SIEM',
      scope: 'full',
      expiresAt: null,
      accountId: env.members.analyst.id,
    });
    const password = JSON.parse(bodies[types.indexOf('account.password_set')]!);
    expect(password.data.after).toEqual({ password: 'changed' });
  });
});
