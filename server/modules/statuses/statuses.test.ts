import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const list = async () =>
  (await env.api('viewer').get('/api/v1/case-statuses')).body.items as Array<{
    id: number;
    name: string;
    category: string;
    isDefault: boolean;
    retired: boolean;
    order: number;
  }>;

describe('case statuses', () => {
  it('starts with New (default), Open and Closed in workflow order', async () => {
    const items = await list();
    expect(items.map((s) => [s.name, s.category, s.isDefault])).toEqual([
      ['New', 'new', true],
      ['Open', 'active', false],
      ['Closed', 'closed', false],
    ]);
  });

  it('adds, renames, reorders and recolours a status, with audit events', async () => {
    const admin = env.api('admin');
    const created = await admin.post('/api/v1/case-statuses', {
      name: 'Awaiting HR',
      category: 'active',
      order: 15,
      color: '#aa3300',
    });
    expect(created.status).toBe(201);
    expect((await list()).map((s) => s.name)).toEqual(['New', 'Awaiting HR', 'Open', 'Closed']);
    const renamed = await admin.patch(`/api/v1/case-statuses/${created.body.id}`, {
      name: 'Waiting on HR',
      order: 25,
    });
    expect(renamed.body).toMatchObject({ name: 'Waiting on HR', order: 25 });
    expect((await list()).map((s) => s.name)).toEqual(['New', 'Open', 'Waiting on HR', 'Closed']);
    const dup = await admin.post('/api/v1/case-statuses', { name: 'Open', category: 'active' });
    expect(dup.status).toBe(409);
    expect(
      (await admin.post('/api/v1/case-statuses', { name: 'Bad', category: 'active', color: 'red' }))
        .status,
    ).toBe(400);
    const actions = await env.db
      .selectFrom('auditEvents')
      .select('action')
      .where('targetType', '=', 'case_status')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['status.created', 'status.updated']);
  });

  it('moves the default to another status, and refuses to retire the default', async () => {
    const admin = env.api('admin');
    const triage = await admin.post('/api/v1/case-statuses', {
      name: 'Triage',
      category: 'new',
      isDefault: true,
    });
    const items = await list();
    expect(items.filter((s) => s.isDefault).map((s) => s.name)).toEqual(['Triage']);
    expect((await env.api('analyst').post('/api/v1/cases', { title: 'x' })).body.status.name).toBe(
      'Triage',
    );
    expect(
      (await admin.patch(`/api/v1/case-statuses/${triage.body.id}`, { retired: true })).status,
    ).toBe(409);
    const closed = items.find((s) => s.name === 'Closed')!;
    expect(
      (await admin.patch(`/api/v1/case-statuses/${closed.id}`, { isDefault: true })).status,
    ).toBe(400);
  });

  it('retires a status in use rather than changing its category; cases keep it', async () => {
    const admin = env.api('admin');
    const s = await admin.post('/api/v1/case-statuses', {
      name: 'Legal review',
      category: 'active',
    });
    const c = await env
      .api('analyst')
      .post('/api/v1/cases', { title: 'in legal review', statusId: s.body.id });
    expect(
      (await admin.patch(`/api/v1/case-statuses/${s.body.id}`, { category: 'closed' })).status,
    ).toBe(409);
    const retired = await admin.patch(`/api/v1/case-statuses/${s.body.id}`, { retired: true });
    expect(retired.body.retired).toBe(true);
    const kept = await env.api('viewer').get(`/api/v1/cases/${c.body.number}`);
    expect(kept.body.status.name).toBe('Legal review');
    expect(
      (await env.api('analyst').post('/api/v1/cases', { title: 'y', statusId: s.body.id })).status,
    ).toBe(400);
    expect(
      (await admin.patch(`/api/v1/case-statuses/${s.body.id}`, { retired: false })).body.retired,
    ).toBe(false);
  });

  it('lets a custom role with only customize-statuses change statuses and nothing else', async () => {
    const at = new Date().toISOString();
    await env.db
      .insertInto('roles')
      .values({
        workspaceId: env.workspaceId,
        key: 'workflow_owner',
        name: 'Workflow owner',
        permissions: JSON.stringify(['cases.view', 'statuses.customize']),
        builtin: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    const owner = await env.addMember('workflow_owner', 'Wanda Workflow');
    expect(
      (
        await env
          .api(owner)
          .post('/api/v1/case-statuses', { name: 'Escalated', category: 'active' })
      ).status,
    ).toBe(201);
    expect((await env.api(owner).post('/api/v1/cases', { title: 'x' })).status).toBe(403);
    expect(
      (
        await env.api(owner).post('/api/v1/accounts', {
          email: 'a@b.co',
          name: 'A',
          role: 'viewer',
          password: 'long enough pass',
        })
      ).status,
    ).toBe(403);
  });
});
