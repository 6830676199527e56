import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
