import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedView, ViewList } from '../../../contract/views.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const view = (extra: Record<string, unknown> = {}) => ({
  name: 'My high priority',
  filters: { priority: ['high', 'critical'], category: ['new', 'active'] },
  columns: ['number', 'title', 'priority'],
  sort: 'dueAt:asc',
  ...extra,
});

const auditCount = async (action: string) =>
  (await env.db.selectFrom('auditEvents').select('id').where('action', '=', action).execute())
    .length;

describe('saved views', () => {
  it('saves a private view, audited, that only its owner sees', async () => {
    const created = await env.api('analyst').post('/api/v1/views', view());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'My high priority',
      filters: { priority: ['high', 'critical'] },
      columns: ['number', 'title', 'priority'],
      sort: 'dueAt:asc',
      shared: false,
      owner: { id: env.members.analyst.id, name: 'Ana Analyst' },
    });
    expect(await auditCount('view.created')).toBe(1);

    const own = await env.api('analyst').get('/api/v1/views');
    expect(own.body.items.map((v: { id: number }) => v.id)).toContain(created.body.id);
    const other = await env.api('investigator').get('/api/v1/views');
    expect(other.body.items).toEqual([]);
    const direct = await env.api('investigator').get(`/api/v1/views/${created.body.id}`);
    expect(direct.status).toBe(404);
  });

  it('shows a shared view to every member, viewers included', async () => {
    const created = await env
      .api('analyst')
      .post('/api/v1/views', view({ name: 'Team', shared: true }));
    const seen = await env.api('viewer').get('/api/v1/views');
    expect(seen.body.items.map((v: { name: string }) => v.name)).toEqual(['Team']);
    const one = await env.api('viewer').get(`/api/v1/views/${created.body.id}`);
    expect(one.status).toBe(200);
  });

  it('lets only the owner or an admin change or delete a view, and a refusal changes nothing', async () => {
    const created = (
      await env.api('analyst').post('/api/v1/views', view({ name: 'Shared', shared: true }))
    ).body;
    const refused = await env.api('investigator').patch(`/api/v1/views/${created.id}`, {
      name: 'Hijacked',
    });
    expect(refused.status).toBe(403);
    const refusedDelete = await env.api('viewer').delete(`/api/v1/views/${created.id}`);
    expect(refusedDelete.status).toBe(403);
    expect((await env.api('analyst').get(`/api/v1/views/${created.id}`)).body.name).toBe('Shared');
    expect(await auditCount('view.updated')).toBe(0);

    const renamed = await env
      .api('analyst')
      .patch(`/api/v1/views/${created.id}`, { name: 'Renamed' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed' });
    expect(await auditCount('view.updated')).toBe(1);

    const byAdmin = await env.api('admin').delete(`/api/v1/views/${created.id}`);
    expect(byAdmin.status).toBe(204);
    expect(await auditCount('view.deleted')).toBe(1);
    expect((await env.api('analyst').get(`/api/v1/views/${created.id}`)).status).toBe(404);
  });

  it('refuses guests, who see no queue', async () => {
    const res = await env.api('guest').post('/api/v1/views', view());
    expect(res.status).toBe(403);
    expect((await env.api('guest').get('/api/v1/views')).status).toBe(403);
  });

  it('refuses an invalid sort or a blank name with invalid_input', async () => {
    const res = await env.api('analyst').post('/api/v1/views', view({ name: ' ', sort: 'x' }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });
});

const activityView = (extra: Record<string, unknown> = {}) => ({
  kind: 'activities',
  name: 'Unreviewed exfiltration',
  filters: { window: '6m', category: 'exfiltration,collection', reviewed: 'false' },
  columns: ['occurredAt', 'activityType', 'riskScore'],
  sort: 'riskScore:desc',
  ...extra,
});

describe('saved views of the activity explorer', () => {
  it('keeps activity views apart from the dashboard views, listed by kind', async () => {
    const cases = SavedView.parse(
      (await env.api('investigator').post('/api/v1/views', view({ name: 'Queue' }))).body,
    );
    expect(cases.kind).toBe('cases');
    const created = await env.api('investigator').post('/api/v1/views', activityView());
    expect(created.status).toBe(201);
    const saved = SavedView.parse(created.body);
    expect(saved).toMatchObject({
      kind: 'activities',
      filters: { window: '6m', reviewed: 'false' },
      sort: 'riskScore:desc',
      shared: false,
    });

    const byDefault = ViewList.parse((await env.api('investigator').get('/api/v1/views')).body);
    expect(byDefault.items.map((v) => v.id)).toContain(cases.id);
    expect(byDefault.items.map((v) => v.id)).not.toContain(saved.id);
    const activities = ViewList.parse(
      (await env.api('investigator').get('/api/v1/views?kind=activities')).body,
    );
    expect(activities.items.map((v) => v.id)).toEqual([saved.id]);
    const row = await env.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'view.created')
      .where('targetId', '=', String(saved.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(row.after))).toMatchObject({ kind: 'activities' });
  });

  it('shares an activity view with the workspace and sorts a new one by time unless told', async () => {
    const created = SavedView.parse(
      (
        await env
          .api('analyst')
          .post('/api/v1/views', { kind: 'activities', name: 'Team triage', shared: true })
      ).body,
    );
    expect(created.sort).toBe('occurredAt:desc');
    const seen = ViewList.parse(
      (await env.api('viewer').get('/api/v1/views?kind=activities')).body,
    );
    expect(seen.items.map((v) => v.name)).toContain('Team triage');
    expect((await env.api('guest').get('/api/v1/views?kind=activities')).status).toBe(403);
  });

  it('refuses an activity view with a dashboard filter or sort, and writes nothing', async () => {
    const before = await auditCount('view.created');
    const filter = await env
      .api('analyst')
      .post('/api/v1/views', activityView({ filters: { priority: ['high'] } }));
    expect(filter.status).toBe(400);
    expect(filter.body.error).toMatchObject({
      code: 'invalid_input',
      details: { fields: ['priority'] },
    });
    const sort = await env
      .api('analyst')
      .post('/api/v1/views', activityView({ sort: 'dueAt:asc' }));
    expect(sort.status).toBe(400);
    expect(sort.body.error.code).toBe('invalid_input');
    expect(await auditCount('view.created')).toBe(before);
  });

  it('never changes the kind of a view, nor lets a patch give it a foreign sort', async () => {
    const saved = SavedView.parse(
      (await env.api('analyst').post('/api/v1/views', activityView({ name: 'Mine' }))).body,
    );
    const kind = await env.api('analyst').patch(`/api/v1/views/${saved.id}`, { kind: 'cases' });
    expect(kind.status).toBe(400);
    const sort = await env
      .api('analyst')
      .patch(`/api/v1/views/${saved.id}`, { sort: 'priority:desc' });
    expect(sort.status).toBe(400);
    const ok = await env
      .api('analyst')
      .patch(`/api/v1/views/${saved.id}`, { filters: { indicator: 'after-hours' } });
    expect(ok.status).toBe(200);
    expect(SavedView.parse(ok.body)).toMatchObject({
      kind: 'activities',
      filters: { indicator: 'after-hours' },
    });
  });

  it('refuses an unknown kind with invalid_input', async () => {
    const res = await env.api('analyst').get('/api/v1/views?kind=alerts');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('takes a view row written before kinds existed as a dashboard view', async () => {
    const at = '2026-01-05T10:00:00.000Z';
    const { id } = await env.db
      .insertInto('savedViews')
      .values({
        workspaceId: env.workspaceId,
        ownerId: env.members.admin.id,
        name: 'Old view',
        filters: '{}',
        columns: '[]',
        sort: 'updatedAt:desc',
        shared: 0,
        createdAt: at,
        updatedAt: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const got = SavedView.parse((await env.api('admin').get(`/api/v1/views/${id}`)).body);
    expect(got.kind).toBe('cases');
  });
});
