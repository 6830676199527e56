import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const newCase = (title: string, extra: Record<string, unknown> = {}) =>
  env.api('analyst').post('/api/v1/cases', { title, ...extra });

describe('cases', () => {
  it('opens a case with number 1000, the default status, and an audit event in the same commit', async () => {
    const res = await newCase('Data exfiltration by departing employee', {
      priority: 'high',
      tags: ['dlp'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: 1000,
      title: 'Data exfiltration by departing employee',
      priority: 'high',
      status: { name: 'New', category: 'new' },
      assignee: null,
      tags: ['dlp'],
      version: 1,
      resolution: null,
      taskCounts: { total: 0, open: 0 },
      commentCount: 0,
      createdBy: { id: env.members.analyst.id, name: 'Ana Analyst' },
    });
    expect(res.headers.etag).toBe('"1"');
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'case.created')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({
      title: 'Data exfiltration by departing employee',
      priority: 'high',
    });
  });

  it('gives 50 concurrent creations 50 distinct consecutive numbers', async () => {
    const start = (await newCase('before')).body.number as number;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => newCase(`concurrent ${i}`)),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
  });

  it('answers 412 to the second of two PATCHes made on the same version, and keeps the first', async () => {
    const created = (await newCase('race')).body;
    const etag = `"${created.version}"`;
    const [a, b] = await Promise.all([
      env
        .api('analyst')
        .patch(`/api/v1/cases/${created.number}`, { priority: 'critical' }, { 'if-match': etag }),
      env
        .api('investigator')
        .patch(`/api/v1/cases/${created.number}`, { priority: 'low' }, { 'if-match': etag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? a : b;
    const loser = a.status === 200 ? b : a;
    expect(loser.body.error.code).toBe('precondition_failed');
    const now = await env.api('viewer').get(`/api/v1/cases/${created.number}`);
    expect(now.body.priority).toBe(winner.body.priority);
    expect(now.body.version).toBe(2);
  });
});
