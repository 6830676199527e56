import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectSummary } from '../../../contract/subject-summary.ts';
import { startTestEnv, type Member, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let seq = 0;
let miaId: number;
const cases: number[] = [];
let alertReader: Member;
const ingest = (severity: string, o: Record<string, unknown> = {}) =>
  env.api('ingest').post('/api/v1/alerts', {
    source: 'irm',
    externalId: `irm-${(seq += 1)}`,
    title: `Files copied ${seq}`,
    severity,
    riskScore: 40,
    detectedAt: '2026-03-01T10:00:00Z',
    subject: { email: 'mia.wong@corp.example', name: 'Mia Wong' },
    ...o,
  });
const summary = async (who: Parameters<TestEnv['api']>[0], id = miaId) => {
  const res = await env.api(who).get(`/api/v1/subjects/${id}/summary`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return SubjectSummary.parse(res.body);
};

beforeAll(async () => {
  env = await startTestEnv();
  await ingest('high');
  await ingest('high');
  await ingest('low', { detectedAt: '2026-02-01T10:00:00Z' });
  await ingest('medium', { subject: { email: 'bo.chen@corp.example', name: 'Bo Chen' } });
  const mia = await env.db
    .selectFrom('alerts')
    .select(['id', 'subjectId'])
    .where('externalId', '=', 'irm-1')
    .executeTakeFirstOrThrow();
  miaId = mia.subjectId!;
  await env.api('analyst').post(`/api/v1/alerts/${mia.id}/dismiss`, {
    category: 'false_positive',
    reason: 'Expected backup',
  });
  for (const title of ['About Mia', 'Mia again'])
    cases.push(
      (await env.api('analyst').post('/api/v1/cases', { title, subjectId: miaId })).body.number,
    );
  await env.api('analyst').post('/api/v1/cases', { title: 'Someone else' });
  const at = new Date().toISOString();
  await env.db
    .insertInto('roles')
    .values({
      workspaceId: env.workspaceId,
      key: 'alert_reader',
      name: 'Alert reader',
      permissions: JSON.stringify(['alerts.view']),
      builtin: 0,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  alertReader = await env.addMember('alert_reader', 'Rita Reader');
  await env.api('analyst').put(`/api/v1/cases/${cases[0]}/contributors/${alertReader.id}`);
});
afterAll(() => env.close());

describe('the subject summary', () => {
  it('counts the alerts by severity and status, and lists incidents and cases about the subject', async () => {
    const s = await summary('viewer');
    expect(s.alerts).toEqual({
      total: 3,
      bySeverity: { informational: 0, low: 1, medium: 0, high: 2 },
      byStatus: { needs_review: 2, confirmed: 0, dismissed: 1, resolved: 0 },
    });
    expect(s.incidents!.total).toBeGreaterThanOrEqual(1);
    expect(s.incidents!.items.reduce((n, i) => n + i.alertCount, 0)).toBe(3);
    expect(s.cases.total).toBe(2);
    expect(s.cases.items.map((c) => c.title).sort()).toEqual(['About Mia', 'Mia again']);
    expect(s.cases.items[0]).toMatchObject({ priority: 'medium', alertCount: 0 });
  });

  it('shows an account without case-wide access only the cases it contributes to', async () => {
    const s = await summary(alertReader);
    expect(s.cases.items.map((c) => c.number)).toEqual([cases[0]]);
    expect(s.cases.total).toBe(1);
    expect(s.alerts!.total).toBe(3);
  });

  it('refuses guests and answers an unknown subject as not found', async () => {
    const guest = await env.api('guest').get(`/api/v1/subjects/${miaId}/summary`);
    expect(guest.status).toBe(403);
    expect(guest.body.error.code).toBe('forbidden');
    const missing = await env.api('viewer').get('/api/v1/subjects/999999/summary');
    expect(missing.status).toBe(404);
    expect((await env.api('viewer').get('/api/v1/subjects/x/summary')).status).toBe(400);
  });

  it('filters the case queue by subject', async () => {
    const res = await env.api('viewer').get(`/api/v1/cases?subject=${miaId}&category=new,active`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { title: string }) => c.title).sort()).toEqual([
      'About Mia',
      'Mia again',
    ]);
  });
});
