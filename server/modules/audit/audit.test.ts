import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { verifyAuditChain } from './index.ts';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
  const api = env.api('analyst');
  for (let i = 0; i < 5; i += 1) {
    const c = await api.post('/api/v1/cases', { title: `Chain case ${i}` });
    await api.patch(`/api/v1/cases/${c.body.number}`, { priority: 'high' });
  }
});
afterEach(() => env.close());

const eventOf = (action: string) =>
  env.db
    .selectFrom('auditEvents')
    .select(['id', 'seq'])
    .where('action', '=', action)
    .orderBy('seq')
    .executeTakeFirstOrThrow();

describe('audit hash chain', () => {
  it('verifies an untouched chain, event by event', async () => {
    const report = await verifyAuditChain(env.db, env.workspaceId);
    expect(report.ok).toBe(true);
    const count = await env.db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(report.checked).toBe(Number(count.n));
    expect(report.checked).toBeGreaterThan(10);
  });

  it('names the first event whose content was altered', async () => {
    const target = await eventOf('case.updated');
    await sql`update audit_events set after = ${'{"priority":"low"}'} where id = ${target.id}`.execute(
      env.db,
    );
    const report = await verifyAuditChain(env.db, env.workspaceId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      seq: target.seq,
      id: target.id,
      reason: 'its content does not match its hash',
    });
  });

  it('detects an altered event even when its hash was recomputed, at the next event', async () => {
    const target = await eventOf('case.updated');
    await sql`update audit_events set actor_name = 'Someone else', hash = ${'f'.repeat(64)} where id = ${target.id}`.execute(
      env.db,
    );
    const report = await verifyAuditChain(env.db, env.workspaceId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.seq).toBe(target.seq);
  });

  it('detects a deleted event', async () => {
    const target = await eventOf('case.updated');
    await sql`delete from audit_events where id = ${target.id}`.execute(env.db);
    const report = await verifyAuditChain(env.db, env.workspaceId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({
      seq: target.seq,
      reason: `event ${target.seq} is missing`,
    });
  });

  it('detects events cut off the end of the chain', async () => {
    const last = await env.db
      .selectFrom('auditEvents')
      .select(['id', 'seq'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    await sql`delete from audit_events where id = ${last.id}`.execute(env.db);
    const report = await verifyAuditChain(env.db, env.workspaceId);
    expect(report.ok).toBe(false);
    expect(report.firstBroken?.reason).toContain('head records');
  });

  it('writes the change and its audit event together or not at all', async () => {
    const c = await env.api('analyst').post('/api/v1/cases', { title: 'atomic' });
    // Make the audit insert fail: the case update must roll back with it.
    await sql`update audit_heads set seq = seq - 1 where workspace_id = ${env.workspaceId}`.execute(
      env.db,
    );
    const res = await env
      .api('analyst')
      .patch(`/api/v1/cases/${c.body.number}`, { priority: 'critical' });
    expect(res.status).toBe(500);
    expect((await env.api('viewer').get(`/api/v1/cases/${c.body.number}`)).body).toMatchObject({
      priority: 'medium',
      version: 1,
    });
  });
});
