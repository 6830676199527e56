import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let seq = 0;
const ingest = (subject: Record<string, unknown>, o: Record<string, unknown> = {}) =>
  env.api('ingest').post('/api/v1/alerts', {
    source: 'irm',
    externalId: `irm-${(seq += 1)}`,
    title: 'Risky activity',
    severity: 'medium',
    riskScore: 40,
    detectedAt: '2026-03-01T10:00:00Z',
    subject,
    ...o,
  });

beforeAll(async () => {
  env = await startTestEnv({ CASEFILE_INGEST_BODY_LIMIT_BYTES: '4096' });
  await ingest({ email: 'Mia.Wong@corp.example', name: 'Mia Wong', department: 'Sales' });
  await ingest(
    { email: 'mia.wong@corp.example', department: 'Legal', jobTitle: 'Counsel' },
    { riskScore: 90, detectedAt: '2026-03-02T10:00:00Z' },
  );
  await ingest(
    { email: 'mia.wong@corp.example', department: 'Old' },
    { detectedAt: '2026-02-01T00:00:00Z' },
  );
  await ingest({ upn: 'bo.chen@corp.example', name: 'Bo Chen' });
  await ingest({ email: 'al.diaz@corp.example', name: 'Al Diaz' });
});
afterAll(() => env.close());

describe('subjects', () => {
  it('upserts one subject per e-mail or UPN, newer attributes winning, the highest risk kept', async () => {
    const list = await env.api('viewer').get('/api/v1/subjects');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual([
      'Al Diaz',
      'Bo Chen',
      'Mia Wong',
    ]);
    const mia = list.body.items[2];
    expect(mia).toMatchObject({
      email: 'mia.wong@corp.example',
      department: 'Legal',
      jobTitle: 'Counsel',
      riskScore: 90,
      alertCount: 3,
      lastAlertAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('searches by name or e-mail and pages with a cursor', async () => {
    const byMail = await env.api('viewer').get('/api/v1/subjects?q=chen@');
    expect(byMail.body.items.map((s: { name: string }) => s.name)).toEqual(['Bo Chen']);
    const first = await env.api('viewer').get('/api/v1/subjects?limit=2');
    const next = await env
      .api('viewer')
      .get(`/api/v1/subjects?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((s: { name: string }) => s.name)).toEqual(['Mia Wong']);
    expect(next.body.nextCursor).toBeNull();
    expect((await env.api('guest').get('/api/v1/subjects')).status).toBe(403);
    expect((await env.api('viewer').get('/api/v1/subjects/999999')).status).toBe(404);
  });

  it('lets a case focus on a subject, audited, and shows it in the case', async () => {
    const mia = (await env.api('viewer').get('/api/v1/subjects?q=mia')).body.items[0];
    const created = await env
      .api('analyst')
      .post('/api/v1/cases', { title: 'Mia', subjectId: mia.id });
    expect(created.body.subject).toEqual({
      id: mia.id,
      name: 'Mia Wong',
      email: 'mia.wong@corp.example',
      pseudonymised: false,
    });
    const bo = (await env.api('viewer').get('/api/v1/subjects?q=bo')).body.items[0];
    const patched = await env
      .api('analyst')
      .patch(`/api/v1/cases/${created.body.number}`, { subjectId: bo.id });
    expect(patched.body.subject.id).toBe(bo.id);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'case.updated')
      .execute();
    expect(JSON.parse(audit.at(-1)!.before!).subject.id).toBe(mia.id);
    expect(
      (await env.api('analyst').patch(`/api/v1/cases/${created.body.number}`, { subjectId: null }))
        .body.subject,
    ).toBeNull();
    const before = await fingerprint(env.db);
    const bad = await env
      .api('analyst')
      .post('/api/v1/cases', { title: 'Nobody', subjectId: 999999 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.subjectId');
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('applies the ingestion body limit of its own to the ingestion routes', async () => {
    const res = await ingest({ email: 'x@corp.example' }, { description: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });
});
