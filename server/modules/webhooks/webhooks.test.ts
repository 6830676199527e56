import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSubscription, WebhookWithSecret } from '../../../contract/webhooks.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv({ CASEFILE_WEBHOOK_ALLOW_HOSTS: 'receiver.internal:8443' });
});
afterAll(() => env.close());

const hook = (extra: Record<string, unknown> = {}) => ({
  url: 'https://hooks.example.com/casefile',
  description: 'SOAR',
  eventTypes: ['case.created', 'case.resolved'],
  ...extra,
});

const auditRows = (action: string) =>
  env.db.selectFrom('auditEvents').selectAll().where('action', '=', action).execute();

describe('webhook subscriptions', () => {
  it('shows the signing secret once, at creation, and never again', async () => {
    const created = await env.api('admin').post('/api/v1/webhooks', hook());
    expect(created.status).toBe(201);
    const body = WebhookWithSecret.parse(created.body);
    expect(body).toMatchObject({
      url: 'https://hooks.example.com/casefile',
      description: 'SOAR',
      eventTypes: ['case.created', 'case.resolved'],
      enabled: true,
      disabledReason: null,
      version: 1,
      createdBy: { id: env.members.admin.id, name: 'Ada Admin' },
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(body.secret.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);
    expect(created.headers.etag).toBe('"1"');

    const one = await env.api('admin').get(`/api/v1/webhooks/${body.id}`);
    const list = await env.api('admin').get('/api/v1/webhooks');
    WebhookSubscription.parse(one.body);
    for (const text of [JSON.stringify(one.body), JSON.stringify(list.body)]) {
      expect(text).not.toContain(body.secret);
      expect(text).not.toContain('whsec_');
      expect(text).not.toMatch(/secret/i);
    }
    const row = await env.db
      .selectFrom('webhookSubscriptions')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.secretSealed).not.toContain(body.secret.slice(6));
    expect(JSON.stringify(row)).not.toContain(body.secret);
    const audit = await auditRows('webhook.created');
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(body.secret.slice(6));
    expect(JSON.parse(audit[0]!.after!)).toEqual({
      url: 'https://hooks.example.com/casefile',
      description: 'SOAR',
      eventTypes: ['case.created', 'case.resolved'],
      enabled: true,
    });
  });

  it('starts a new subscription at the head of the log, so history is not replayed', async () => {
    await env.api('analyst').post('/api/v1/cases', { title: 'Before the subscription' });
    const created = await env.api('admin').post('/api/v1/webhooks', hook({ eventTypes: 'all' }));
    const head = await env.db
      .selectFrom('auditHeads')
      .select('seq')
      .where('workspaceId', '=', env.workspaceId)
      .executeTakeFirstOrThrow();
    const row = await env.db
      .selectFrom('webhookSubscriptions')
      .select('cursorSeq')
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(row.cursorSeq).toBe(head.seq);
  });

  it('rotates the secret: a new one, shown once, audited without it', async () => {
    const created = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    const rotated = await env.api('admin').post(`/api/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(WebhookWithSecret.parse(rotated.body).secret).not.toBe(created.secret);
    const audit = await auditRows('webhook.secret_rotated');
    expect(audit.map((a) => a.targetId)).toContain(String(created.id));
    expect(JSON.stringify(audit)).not.toContain('whsec_');
    expect(JSON.stringify((await env.api('admin').get('/api/v1/webhooks')).body)).not.toContain(
      rotated.body.secret,
    );
  });

  it('refuses URLs outbound calls may not reach, with a clear message, and saves nothing', async () => {
    const before = (await env.api('admin').get('/api/v1/webhooks')).body.items.length;
    const cases: [string, RegExp][] = [
      ['http://169.254.169.254/latest/meta-data/', /non-public address.*link-local/],
      ['http://2130706433/', /non-public address.*127\.0\.0\.1.*loopback/],
      ['http://0x7f.1/', /loopback/],
      ['http://[::ffff:10.0.0.1]/', /private/],
      ['http://localhost:3000/', /this machine/],
      ['ftp://hooks.example.com/', /http:\/\/ or https:\/\//],
      ['https://user:pw@hooks.example.com/', /user name or password/],
      ['not a url', /not a valid absolute URL/],
    ];
    for (const [url, message] of cases) {
      const res = await env.api('admin').post('/api/v1/webhooks', hook({ url }));
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message, url).toMatch(message);
    }
    expect((await env.api('admin').get('/api/v1/webhooks')).body.items.length).toBe(before);
    const allowed = await env
      .api('admin')
      .post('/api/v1/webhooks', hook({ url: 'https://receiver.internal:8443/in' }));
    expect(allowed.status).toBe(201);
    const sameHostOtherPort = await env
      .api('admin')
      .post('/api/v1/webhooks', hook({ url: 'http://localhost:8443/in' }));
    expect(sameHostOtherPort.status).toBe(400);
  });

  it('changes a subscription at the version seen: 428 without If-Match, 412 when stale', async () => {
    const created = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    const url = `/api/v1/webhooks/${created.id}`;
    const missing = await env.app.inject({
      method: 'PATCH',
      url,
      headers: {
        authorization: `Bearer ${env.members.admin.token}`,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ enabled: false }),
    });
    expect(missing.statusCode).toBe(428);
    const changed = await env
      .api('admin')
      .patch(url, { enabled: false, eventTypes: 'all' }, { 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, eventTypes: 'all', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await env.api('admin').patch(url, { description: 'x' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await env.api('admin').get(url)).body.description).toBe('SOAR');
    const badUrl = await env.api('admin').patch(url, { url: 'http://10.1.2.3/' });
    expect(badUrl.status).toBe(400);
    const updated = (await auditRows('webhook.updated')).filter(
      (a) => a.targetId === String(created.id),
    );
    expect(updated).toHaveLength(1);
    expect(JSON.parse(updated[0]!.before!)).toMatchObject({ enabled: true });
    expect(JSON.parse(updated[0]!.after!)).toMatchObject({ enabled: false, eventTypes: 'all' });
  });

  it('deletes a subscription with its deliveries, audited', async () => {
    const created = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    await insertDelivery(created.id, 1, 'failed');
    const res = await env.api('admin').delete(`/api/v1/webhooks/${created.id}`);
    expect(res.status).toBe(204);
    expect((await env.api('admin').get(`/api/v1/webhooks/${created.id}`)).status).toBe(404);
    const left = await env.db
      .selectFrom('webhookDeliveries')
      .select('id')
      .where('subscriptionId', '=', created.id)
      .execute();
    expect(left).toEqual([]);
    expect((await auditRows('webhook.deleted')).map((a) => a.targetId)).toContain(
      String(created.id),
    );
  });

  it('refuses everyone but administrators, and a refusal changes nothing', async () => {
    const created = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    const audited = (await auditRows('webhook.created')).length;
    for (const role of ['viewer', 'analyst', 'investigator', 'guest', 'ingest'] as const) {
      expect((await env.api(role).get('/api/v1/webhooks')).status, role).toBe(403);
      expect((await env.api(role).post('/api/v1/webhooks', hook())).status, role).toBe(403);
      expect((await env.api(role).get(`/api/v1/webhooks/${created.id}`)).status, role).toBe(403);
      const rotate = await env.api(role).post(`/api/v1/webhooks/${created.id}/rotate-secret`);
      expect(rotate.status, role).toBe(403);
      expect(JSON.stringify(rotate.body)).not.toContain('whsec_');
    }
    expect(await auditRows('webhook.created')).toHaveLength(audited);
    expect((await auditRows('webhook.secret_rotated')).map((a) => a.targetId)).not.toContain(
      String(created.id),
    );
  });

  it('lists deliveries newest first, by state, a page at a time, and replays failed ones since a time', async () => {
    const created = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    for (let seq = 1; seq <= 5; seq += 1)
      await insertDelivery(
        created.id,
        seq,
        seq % 2 ? 'failed' : 'delivered',
        `2026-03-0${seq}T00:00:00.000Z`,
      );
    const base = `/api/v1/webhooks/${created.id}/deliveries`;
    const first = await env.api('admin').get(`${base}?limit=2`);
    expect(first.body.items.map((d: { eventSeq: number }) => d.eventSeq)).toEqual([5, 4]);
    const second = await env.api('admin').get(`${base}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((d: { eventSeq: number }) => d.eventSeq)).toEqual([3, 2]);
    const failed = await env.api('admin').get(`${base}?state=failed`);
    expect(failed.body.items.map((d: { eventSeq: number }) => d.eventSeq)).toEqual([5, 3, 1]);
    expect(failed.body.nextCursor).toBeNull();
    expect((await env.api('admin').get(`${base}?cursor=nonsense`)).status).toBe(400);
    expect((await env.api('admin').get(`${base}?state=lost`)).status).toBe(400);

    const replay = await env
      .api('admin')
      .post(`/api/v1/webhooks/${created.id}/replay`, { since: '2026-03-02T00:00:00Z' });
    expect(replay.body).toEqual({ replayed: 2 });
    const pending = await env.api('admin').get(`${base}?state=pending`);
    expect(pending.body.items.map((d: { eventSeq: number }) => d.eventSeq)).toEqual([5, 3]);
    expect((await env.api('admin').get(`${base}?state=failed`)).body.items).toHaveLength(1);
    const audit = (await auditRows('webhook.replayed')).at(-1)!;
    expect(JSON.parse(audit.after!)).toEqual({ since: '2026-03-02T00:00:00.000Z', replayed: 2 });

    const other = (await env.api('admin').post('/api/v1/webhooks', hook())).body;
    const foreign = await env
      .api('admin')
      .post(`/api/v1/webhooks/${other.id}/deliveries/${pending.body.items[0].id}/replay`);
    expect(foreign.status).toBe(404);
  });
});

async function insertDelivery(
  subscriptionId: number,
  seq: number,
  state: string,
  createdAt = '2026-03-01T00:00:00.000Z',
) {
  await env.db
    .insertInto('webhookDeliveries')
    .values({
      workspaceId: env.workspaceId,
      subscriptionId,
      eventSeq: seq,
      webhookId: `msg_${subscriptionId}_${seq}`,
      eventType: 'case.created',
      attempts: 1,
      state,
      lastStatus: state === 'failed' ? 500 : 200,
      createdAt,
    })
    .execute();
}
