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
});
