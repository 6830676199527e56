import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let seq = 0;
const ids: Record<string, number> = {};

const post = async (key: string, o: Record<string, unknown>) => {
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'edr',
    externalId: `edr-${(seq += 1)}`,
    title: 'Suspicious process',
    severity: 'medium',
    riskScore: 50,
    detectedAt: '2026-03-01T08:00:00Z',
    ...o,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  ids[key] = res.body.results[0].id;
};

beforeAll(async () => {
  env = await startTestEnv();
  await post('mimikatz', {
    title: 'Credential dumping with mimikatz',
    severity: 'high',
    riskScore: 95,
    detectedAt: '2026-03-01T09:00:00Z',
    subject: { email: 'kim@corp.example', name: 'Kim Lee' },
  });
  await post('usb', {
    source: 'dlp',
    title: 'Copy to USB drive',
    description: 'Quarterly forecast copied to removable media',
    severity: 'low',
    riskScore: 30,
    detectedAt: '2026-03-01T07:00:00Z',
  });
  await post('info', { title: 'New device enrolled', severity: 'informational', riskScore: 5 });
  for (let i = 0; i < 5; i += 1)
    await post(`bulk${i}`, { title: `Port scan ${i}`, riskScore: 40 + i });
});
afterAll(() => env.close());

const list = async (query: string, role: Parameters<TestEnv['api']>[0] = 'viewer') => {
  const res = await env.api(role).get(`/api/v1/alerts?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Array<{ id: number; riskScore: number }>; nextCursor: string | null };
};
const idsOf = (p: { items: Array<{ id: number }> }) => p.items.map((a) => a.id);

describe('alerts queue', () => {
  it('filters by severity, source, subject, time and text', async () => {
    expect(idsOf(await list('severity=high'))).toEqual([ids.mimikatz]);
    expect(idsOf(await list('source=dlp'))).toEqual([ids.usb]);
    expect(idsOf(await list('q=forecast'))).toEqual([ids.usb]);
    expect(idsOf(await list('q=mimi'))).toEqual([ids.mimikatz]);
    expect(idsOf(await list('detectedFrom=2026-03-01T08:30:00Z'))).toEqual([ids.mimikatz]);
    const detail = await env.api('viewer').get(`/api/v1/alerts/${ids.mimikatz}`);
    expect(idsOf(await list(`subject=${detail.body.subject.id}`))).toEqual([ids.mimikatz]);
    expect(idsOf(await list(`incident=${detail.body.incidentId}`))).toEqual([ids.mimikatz]);
  });

  it('sorts by risk score and pages with a cursor without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(
        `sort=riskScore&order=desc&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((a) => a.riskScore));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([95, 44, 43, 42, 41, 40, 30, 5]);
    expect(seen).toHaveLength(8);
  });

  it('refuses guests, bad filters and bad cursors', async () => {
    expect((await env.api('guest').get('/api/v1/alerts')).status).toBe(403);
    expect((await env.api('viewer').get('/api/v1/alerts?status=open')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/alerts?sort=title')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/alerts?cursor=nope')).status).toBe(400);
    expect((await env.api('viewer').get('/api/v1/alerts/999999')).status).toBe(404);
  });
});

describe('triage', () => {
  it('confirms an alert into a new case focused on its subject, audited on the case', async () => {
    const res = await env.api('analyst').post(`/api/v1/alerts/${ids.mimikatz}/confirm`, {
      newCase: { title: 'Kim: credential theft', priority: 'high' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'confirmed',
      triage: { by: { id: env.members.analyst.id } },
    });
    const [number] = res.body.caseNumbers;
    const kase = await env.api('analyst').get(`/api/v1/cases/${number}`);
    expect(kase.body).toMatchObject({
      alertCount: 1,
      subject: { name: 'Kim Lee', email: 'kim@corp.example' },
    });
    const activity = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('targetType', '=', 'alert')
      .where('targetId', '=', String(ids.mimikatz))
      .execute();
    expect(activity.map((a) => a.action)).toContain('alert.confirmed');
    expect(idsOf(await list(`case=${number}`))).toEqual([ids.mimikatz]);
    expect(idsOf(await list('status=confirmed'))).toEqual([ids.mimikatz]);
  });

  it('confirms into an existing case and dismisses with a reason, once', async () => {
    const kase = await env.api('analyst').post('/api/v1/cases', { title: 'Data handling' });
    const confirm = await env
      .api('investigator')
      .post(`/api/v1/alerts/${ids.usb}/confirm`, { caseNumber: kase.body.number });
    expect(confirm.status).toBe(200);
    expect(
      (await env.api('analyst').get(`/api/v1/cases/${kase.body.number}`)).body.alertCount,
    ).toBe(1);
    const dismiss = await env.api('analyst').post(`/api/v1/alerts/${ids.info}/dismiss`, {
      category: 'benign_true_positive',
      reason: 'Expected enrolment',
    });
    expect(dismiss.body).toMatchObject({
      status: 'dismissed',
      triage: { reason: 'Expected enrolment' },
    });
    const before = await fingerprint(env.db);
    const again = await env.api('analyst').post(`/api/v1/alerts/${ids.info}/dismiss`, {
      category: 'benign_true_positive',
      reason: 'Twice',
    });
    expect(again.status).toBe(409);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('refuses triage to viewers and confirm without a target', async () => {
    const before = await fingerprint(env.db);
    expect(
      (
        await env.api('viewer').post(`/api/v1/alerts/${ids.bulk1}/dismiss`, {
          category: 'benign_true_positive',
          reason: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await env.api('analyst').post(`/api/v1/alerts/${ids.bulk1}/confirm`, {})).status).toBe(
      400,
    );
    expect(
      (await env.api('analyst').post(`/api/v1/alerts/${ids.bulk1}/confirm`, { caseNumber: 424242 }))
        .status,
    ).toBe(404);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('bulk-confirms into one new case and bulk-dismisses, with an outcome per alert', async () => {
    const res = await env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
      alertIds: [ids.bulk1, ids.bulk2, ids.info],
      newCase: { title: 'Port scans' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false]);
    expect(res.body.results[2].error.code).toBe('conflict');
    const kase = await env.api('analyst').get(`/api/v1/cases/${res.body.caseNumber}`);
    expect(kase.body.alertCount).toBe(2);
    const dismissed = await env.api('analyst').post('/api/v1/alerts/bulk-dismiss', {
      alertIds: [ids.bulk3, ids.bulk4, 999999],
      category: 'benign_true_positive',
      reason: 'Authorised scanner',
    });
    expect(dismissed.body.results).toEqual([
      { id: ids.bulk3, ok: true },
      { id: ids.bulk4, ok: true },
      { id: 999999, ok: false, error: { code: 'not_found', message: expect.any(String) } },
    ]);
  });
});
