import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, JobPage } from '../../../contract/jobs.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let otherWorkspace = 0;
beforeAll(async () => {
  env = await startTestEnv();
  const ws = await env.db
    .insertInto('workspaces')
    .values({ name: 'Other', slug: 'other', createdAt: '2026-03-01T00:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  otherWorkspace = ws.id;
});
afterAll(() => env.close());

let n = 0;
async function makeJob(over: {
  state: string;
  type?: string;
  workspaceId?: number | null;
  lastError?: string;
}) {
  n += 1;
  const at = `2026-03-02T08:00:${String(n).padStart(2, '0')}.000Z`;
  const row = await env.db
    .insertInto('jobs')
    .values({
      workspaceId: over.workspaceId === undefined ? env.workspaceId : over.workspaceId,
      type: over.type ?? 'webhooks.deliver',
      payload: '{}',
      runAt: at,
      attempts: over.state === 'dead' ? 8 : 1,
      maxAttempts: 8,
      lastError: over.lastError ?? null,
      state: over.state,
      idempotencyKey: `key-${n}`,
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('the jobs list', () => {
  it("lists the workspace's and the system's jobs by state and type, newest first, in pages", async () => {
    const dead = await makeJob({ state: 'dead', lastError: 'HTTP 500 from the receiver' });
    const failed = await makeJob({ state: 'failed', lastError: 'timed out after 60 s' });
    const system = await makeJob({ state: 'dead', type: 'audit.write-anchors', workspaceId: null });
    await makeJob({ state: 'done' });
    const foreign = await makeJob({ state: 'dead', workspaceId: otherWorkspace });

    const res = await env.api('admin').get('/api/v1/jobs?state=dead,failed&limit=2');
    expect(res.status).toBe(200);
    const first = JobPage.parse(res.body);
    expect(first.items.map((j) => j.id)).toEqual([system, failed]);
    expect(first.items[0]).toMatchObject({ system: true, state: 'dead' });
    expect(first.nextCursor).not.toBeNull();
    const next = JobPage.parse(
      (
        await env
          .api('admin')
          .get(`/api/v1/jobs?state=dead,failed&limit=2&cursor=${first.nextCursor}`)
      ).body,
    );
    expect(next.items.map((j) => j.id)).toEqual([dead]);
    expect(next.items[0]?.lastError).toBe('HTTP 500 from the receiver');
    expect(next.nextCursor).toBeNull();
    expect(next.items.map((j) => j.id)).not.toContain(foreign);

    const typed = JobPage.parse(
      (await env.api('admin').get('/api/v1/jobs?type=audit.write-anchors')).body,
    );
    expect(typed.items.map((j) => j.id)).toEqual([system]);
  });

  it('refuses an unknown state and a malformed cursor with 400', async () => {
    const bad = await env.api('admin').get('/api/v1/jobs?state=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    const cursor = await env.api('admin').get('/api/v1/jobs?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
  });
});

describe('retrying a job', () => {
  it('queues a dead job again with fresh attempts, audited', async () => {
    const id = await makeJob({ state: 'dead', lastError: 'connection refused' });
    const res = await env.api('admin').post(`/api/v1/jobs/${id}/retry`);
    expect(res.status).toBe(200);
    expect(Job.parse(res.body)).toMatchObject({ id, state: 'queued', attempts: 0 });
    const row = await env.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    expect(row).toMatchObject({ state: 'queued', attempts: 0, finishedAt: null });
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'job.retried')
      .where('targetId', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.before ?? '{}')).toMatchObject({ state: 'dead', attempts: 8 });
  });

  it('refuses a job that is not failed or dead with 409, and changes nothing', async () => {
    const id = await makeJob({ state: 'done' });
    const res = await env.api('admin').post(`/api/v1/jobs/${id}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    const row = await env.db
      .selectFrom('jobs')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.state).toBe('done');
  });

  it("answers 404 for another workspace's job", async () => {
    const id = await makeJob({ state: 'dead', workspaceId: otherWorkspace });
    const res = await env.api('admin').post(`/api/v1/jobs/${id}/retry`);
    expect(res.status).toBe(404);
    const row = await env.db
      .selectFrom('jobs')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.state).toBe('dead');
  });
});
