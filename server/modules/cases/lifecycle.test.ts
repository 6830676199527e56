import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let statuses: Array<{ id: number; name: string; category: string }>;
beforeAll(async () => {
  env = await startTestEnv();
  statuses = (await env.api('admin').get('/api/v1/case-statuses')).body.items;
});
afterAll(() => env.close());

const statusId = (name: string) => statuses.find((s) => s.name === name)!.id;
const open = async (title = 'Lifecycle case') =>
  (await env.api('analyst').post('/api/v1/cases', { title })).body.number as number;
const auditOf = (number: number) =>
  env.db
    .selectFrom('auditEvents')
    .innerJoin('cases', 'cases.id', 'auditEvents.caseId')
    .select([
      'auditEvents.action',
      'auditEvents.before',
      'auditEvents.after',
      'auditEvents.actorName',
    ])
    .where('cases.number', '=', number)
    .orderBy('auditEvents.seq')
    .execute();

describe('case lifecycle', () => {
  it('records each field change with its before and after values and the actor', async () => {
    const number = await open();
    const res = await env.api('investigator').patch(`/api/v1/cases/${number}`, {
      priority: 'high',
      statusId: statusId('Open'),
      assigneeId: env.members.analyst.id,
      tags: ['usb', 'hr'],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      priority: 'high',
      status: { name: 'Open', category: 'active' },
      assignee: { id: env.members.analyst.id, name: 'Ana Analyst' },
      version: 2,
      updatedBy: { name: 'Ivan Investigator' },
    });
    const events = await auditOf(number);
    expect(events.map((e) => e.action)).toEqual(['case.created', 'case.updated']);
    expect(events[1]!.actorName).toBe('Ivan Investigator');
    expect(JSON.parse(events[1]!.before!)).toEqual({
      priority: 'medium',
      status: { id: statusId('New'), name: 'New' },
      assignee: null,
      tags: [],
    });
    expect(JSON.parse(events[1]!.after!)).toEqual({
      priority: 'high',
      status: { id: statusId('Open'), name: 'Open' },
      assignee: { id: env.members.analyst.id, name: 'Ana Analyst' },
      tags: ['usb', 'hr'],
    });
  });

  it('writes nothing for a change that changes nothing', async () => {
    const number = await open();
    const before = await fingerprint(env.db);
    const res = await env.api('analyst').patch(`/api/v1/cases/${number}`, { priority: 'medium' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('refuses a guest or a viewer as assignee, and a retired status', async () => {
    const number = await open();
    expect(
      (
        await env
          .api('analyst')
          .patch(`/api/v1/cases/${number}`, { assigneeId: env.members.guest.id })
      ).status,
    ).toBe(400);
    expect(
      (await env.api('analyst').patch(`/api/v1/cases/${number}`, { assigneeId: 999999 })).status,
    ).toBe(400);
    const viewer = await env
      .api('analyst')
      .patch(`/api/v1/cases/${number}`, { assigneeId: env.members.viewer.id });
    expect(viewer.status).toBe(400);
    const retired = await env
      .api('admin')
      .post('/api/v1/case-statuses', { name: 'Parked', category: 'active' });
    await env.api('admin').patch(`/api/v1/case-statuses/${retired.body.id}`, { retired: true });
    const res = await env
      .api('analyst')
      .patch(`/api/v1/cases/${number}`, { statusId: retired.body.id });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('retired');
  });

  it("closes a case only by resolving it, and changes a closed case's status only by reopening it", async () => {
    const number = await open();
    const before = await fingerprint(env.db);
    const closing = await env
      .api('analyst')
      .patch(`/api/v1/cases/${number}`, { statusId: statusId('Closed') });
    expect(closing.status).toBe(400);
    expect(closing.body.error.message).toContain('resolve');
    expect(
      (
        await env
          .api('analyst')
          .post('/api/v1/cases', { title: 'born closed', statusId: statusId('Closed') })
      ).status,
    ).toBe(400);
    const bulk = await env
      .api('analyst')
      .post('/api/v1/cases/bulk', { numbers: [number], set: { statusId: statusId('Closed') } });
    expect(bulk.body.results[0]).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await fingerprint(env.db)).toEqual(before);
    await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/resolve`, { classification: 'benign', reason: 'Approved' });
    const edit = await env
      .api('analyst')
      .patch(`/api/v1/cases/${number}`, { statusId: statusId('Open') });
    expect(edit.status).toBe(409);
    expect(
      (await env.api('analyst').patch(`/api/v1/cases/${number}`, { priority: 'low' })).status,
    ).toBe(200);
  });

  it('resolves with a classification and a required reason into a closed status, audited', async () => {
    const number = await open();
    const noReason = await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/resolve`, { classification: 'benign' });
    expect(noReason.status).toBe(400);
    const badClass = await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/resolve`, { classification: 'meh', reason: 'x' });
    expect(badClass.status).toBe(400);
    const notClosed = await env.api('analyst').post(`/api/v1/cases/${number}/resolve`, {
      classification: 'benign',
      reason: 'x',
      statusId: statusId('Open'),
    });
    expect(notClosed.status).toBe(400);
    const res = await env.api('analyst').post(`/api/v1/cases/${number}/resolve`, {
      classification: 'confirmed_violation',
      reason: 'Copied 4 GB of designs to USB before leaving',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toMatchObject({ name: 'Closed', category: 'closed' });
    expect(res.body.resolution).toMatchObject({
      classification: 'confirmed_violation',
      reason: 'Copied 4 GB of designs to USB before leaving',
      resolvedBy: { name: 'Ana Analyst' },
    });
    const again = await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/resolve`, { classification: 'benign', reason: 'x' });
    expect(again.status).toBe(409);
    const events = await auditOf(number);
    expect(events.at(-1)!.action).toBe('case.resolved');
    expect(JSON.parse(events.at(-1)!.after!)).toMatchObject({
      classification: 'confirmed_violation',
      reason: 'Copied 4 GB of designs to USB before leaving',
    });
  });

  it('reopens a closed case with a reason into an active status and clears its resolution', async () => {
    const number = await open();
    expect(
      (await env.api('analyst').post(`/api/v1/cases/${number}/reopen`, { reason: 'x' })).status,
    ).toBe(409);
    await env.api('analyst').post(`/api/v1/cases/${number}/resolve`, {
      classification: 'benign',
      reason: 'Approved transfer',
    });
    const res = await env
      .api('investigator')
      .post(`/api/v1/cases/${number}/reopen`, { reason: 'Manager says it was not approved' });
    expect(res.status).toBe(200);
    expect(res.body.status).toMatchObject({ name: 'Open', category: 'active' });
    expect(res.body.resolution).toBeNull();
    const last = (await auditOf(number)).at(-1)!;
    expect(last.action).toBe('case.reopened');
    expect(JSON.parse(last.before!)).toMatchObject({
      resolution: { classification: 'benign', reason: 'Approved transfer' },
    });
    expect(JSON.parse(last.after!)).toMatchObject({ reason: 'Manager says it was not approved' });
  });

  it('answers 412 to resolve with a stale If-Match and changes nothing', async () => {
    const number = await open();
    await env.api('analyst').patch(`/api/v1/cases/${number}`, { priority: 'low' });
    const before = await fingerprint(env.db);
    const res = await env
      .api('analyst')
      .post(
        `/api/v1/cases/${number}/resolve`,
        { classification: 'benign', reason: 'x' },
        { 'if-match': '"1"' },
      );
    expect(res.status).toBe(412);
    expect(await fingerprint(env.db)).toEqual(before);
    expect(
      (
        await env
          .api('analyst')
          .patch(`/api/v1/cases/${number}`, { priority: 'high' }, { 'if-match': 'garbage' })
      ).status,
    ).toBe(400);
  });

  it('applies a bulk change case by case and reports each outcome', async () => {
    const a = await open('bulk a');
    const b = await open('bulk b');
    const res = await env.api('analyst').post('/api/v1/cases/bulk', {
      numbers: [a, b, 987654],
      set: { priority: 'critical', assigneeId: env.members.investigator.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { number: a, ok: true },
      { number: b, ok: true },
      { number: 987654, ok: false, error: { code: 'not_found', message: 'Case 987654 not found' } },
    ]);
    for (const number of [a, b]) {
      const c = (await env.api('viewer').get(`/api/v1/cases/${number}`)).body;
      expect(c).toMatchObject({
        priority: 'critical',
        assignee: { id: env.members.investigator.id },
      });
    }
    const bad = await env.api('analyst').post('/api/v1/cases/bulk', { numbers: [a], set: {} });
    expect(bad.status).toBe(400);
  });

  it('never deletes a case: there is no such route', async () => {
    const number = await open();
    const res = await env.api('admin').delete(`/api/v1/cases/${number}`);
    expect(res.status).toBe(404);
    expect((await env.api('admin').get(`/api/v1/cases/${number}`)).status).toBe(200);
  });
});
