import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Task } from '../../../contract/tasks.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let number: number;
beforeAll(async () => {
  env = await startTestEnv();
  number = (await env.api('analyst').post('/api/v1/cases', { title: 'Tasks case' })).body.number;
});
afterAll(() => env.close());

const counts = async () => (await env.api('viewer').get(`/api/v1/cases/${number}`)).body.taskCounts;

describe('tasks', () => {
  it('adds tasks with owner, priority and due date, and keeps the case counts', async () => {
    const api = env.api('analyst');
    const a = await api.post(`/api/v1/cases/${number}/tasks`, {
      title: 'Preserve mailbox',
      priority: 'high',
      ownerId: env.members.investigator.id,
      dueAt: '2026-03-05T17:00:00+01:00',
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      caseNumber: number,
      title: 'Preserve mailbox',
      status: 'new',
      priority: 'high',
      owner: { id: env.members.investigator.id, name: 'Ivan Investigator' },
      dueAt: '2026-03-05T16:00:00.000Z',
      completedAt: null,
      version: 1,
    });
    await api.post(`/api/v1/cases/${number}/tasks`, { title: 'Interview manager' });
    expect(await counts()).toEqual({ total: 2, open: 2 });
    const listed = await env.api('viewer').get(`/api/v1/cases/${number}/tasks`);
    expect(listed.body.items.map((t: { title: string }) => t.title)).toEqual([
      'Preserve mailbox',
      'Interview manager',
    ]);
  });

  it('completes a task with a closing note, reopens it, and audits each step', async () => {
    const api = env.api('analyst');
    const t = (await api.post(`/api/v1/cases/${number}/tasks`, { title: 'Pull badge logs' })).body;
    const done = await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, {
      status: 'completed',
      closingNote: 'No entries after hours',
    });
    expect(done.body).toMatchObject({
      status: 'completed',
      closingNote: 'No entries after hours',
      version: 2,
    });
    expect(done.body.completedAt).toEqual(expect.any(String));
    expect(done.headers.etag).toBe('"2"');
    expect(await counts()).toEqual({ total: 3, open: 2 });
    const again = await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, {
      status: 'in_progress',
    });
    expect(again.body.completedAt).toBeNull();
    expect(await counts()).toEqual({ total: 3, open: 3 });
    const events = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after'])
      .where('targetType', '=', 'task')
      .where('targetId', '=', String(t.id))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['task.created', 'task.updated', 'task.updated']);
    expect(JSON.parse(events[1]!.after!)).toMatchObject({
      status: 'completed',
      closingNote: 'No entries after hours',
    });
  });

  it('answers 412 to a stale If-Match, 404 to a task of another case, 400 to a bad status', async () => {
    const api = env.api('analyst');
    const t = (await api.post(`/api/v1/cases/${number}/tasks`, { title: 'Check DLP logs' })).body;
    await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, { priority: 'low' });
    expect(
      (
        await api.patch(
          `/api/v1/cases/${number}/tasks/${t.id}`,
          { priority: 'high' },
          { 'if-match': '"1"' },
        )
      ).status,
    ).toBe(412);
    const other = (await api.post('/api/v1/cases', { title: 'other' })).body.number;
    expect(
      (await api.patch(`/api/v1/cases/${other}/tasks/${t.id}`, { priority: 'high' })).status,
    ).toBe(404);
    expect(
      (await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, { status: 'done' })).status,
    ).toBe(400);
    expect(
      (
        await api.post(`/api/v1/cases/${number}/tasks`, {
          title: 'x',
          ownerId: env.members.guest.id,
        })
      ).status,
    ).toBe(400);
  });

  it('edits the description and the closing note after the task closed, audited and searchable', async () => {
    const api = env.api('analyst');
    const t = Task.parse(
      (await api.post(`/api/v1/cases/${number}/tasks`, { title: 'Image the laptop' })).body,
    );
    const closed = Task.parse(
      (
        await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, {
          status: 'completed',
          closingNote: 'Imaged',
        })
      ).body,
    );
    const res = await api.patch(
      `/api/v1/cases/${number}/tasks/${t.id}`,
      { description: 'Walnut laptop, chain of custody form 7', closingNote: 'Imaged; hash kept' },
      { 'if-match': `"${closed.version}"` },
    );
    expect(res.status).toBe(200);
    expect(Task.parse(res.body)).toMatchObject({
      status: 'completed',
      description: 'Walnut laptop, chain of custody form 7',
      closingNote: 'Imaged; hash kept',
      completedAt: closed.completedAt,
      version: closed.version + 1,
    });
    const event = await env.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('targetType', '=', 'task')
      .where('targetId', '=', String(t.id))
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.before!)).toEqual({
      title: 'Image the laptop',
      description: '',
      closingNote: 'Imaged',
    });
    expect(JSON.parse(event.after!)).toEqual({
      title: 'Image the laptop',
      description: 'Walnut laptop, chain of custody form 7',
      closingNote: 'Imaged; hash kept',
    });
    const found = await api.get('/api/v1/cases?q=walnut');
    expect(found.body.items.map((c: { number: number }) => c.number)).toEqual([number]);
    const cleared = await api.patch(`/api/v1/cases/${number}/tasks/${t.id}`, { closingNote: null });
    expect(Task.parse(cleared.body).closingNote).toBeNull();
  });
});
