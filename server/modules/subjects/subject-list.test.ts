import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubjectRisk } from '../../../contract/activities.ts';
import { Subject, SubjectPage } from '../../../contract/subjects.ts';
import { silentLogger } from '../../lib/logger.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { refreshRiskJob } from '../activities/index.ts';

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
const activity = (email: string, occurredAt: string, riskScore: number) =>
  env.api('ingest').post('/api/v1/activities', {
    source: 'dlp',
    externalId: `dlp-${(seq += 1)}`,
    subject: { email },
    occurredAt,
    category: 'exfiltration',
    activityType: 'usb.copied',
    riskScore,
    indicators: [{ name: 'new_usb_device', score: riskScore }],
  });
const list = async (query: string) => {
  const res = await env.api('viewer').get(`/api/v1/subjects${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return SubjectPage.parse(res.body);
};
const names = (p: { items: Array<{ name: string }> }) => p.items.map((s) => s.name);

beforeAll(async () => {
  env = await startTestEnv();
  await ingest({ email: 'mia.wong@corp.example', name: 'Mia Wong', department: 'Legal' });
  await ingest({ email: 'mia.wong@corp.example' }, { riskScore: 90 });
  await ingest({ email: 'mia.wong@corp.example' }, { riskScore: 10 });
  await ingest({
    email: 'bo.chen@corp.example',
    name: 'Bo Chen',
    department: 'Sales',
    manager: 'Mia.Wong@corp.example',
  });
  await ingest({ email: 'al.diaz@corp.example', name: 'Al Diaz', manager: 'Bo Chen' });
  await ingest({ email: 'kim.lee@corp.example', name: 'Kim Lee', manager: 'Sam Roe' });
  await ingest({ email: 'sam.roe.1@corp.example', name: 'Sam Roe' });
  await ingest({ email: 'sam.roe.2@corp.example', name: 'Sam Roe' });
  // Al: a day of 80 ten days before the clock's day (2026-03-02): 80 x 20/23 = 70.
  expect((await activity('al.diaz@corp.example', '2026-02-20T12:00:00Z', 80)).status).toBe(200);
  expect((await activity('al.diaz@corp.example', '2026-02-27T08:00:00Z', 30)).status).toBe(200);
  // Kim: a day of 50 yesterday.
  expect((await activity('kim.lee@corp.example', '2026-03-01T15:00:00Z', 50)).status).toBe(200);
});
afterAll(() => env.close());

describe('the subject list', () => {
  it('searches by name, e-mail or department', async () => {
    expect(names(await list('?q=legal'))).toEqual(['Mia Wong']);
    expect(names(await list('?q=SALES'))).toEqual(['Bo Chen']);
    expect(names(await list('?q=diaz@'))).toEqual(['Al Diaz']);
  });

  it('sorts by alert count and alert risk, descending unless asked, ties by id', async () => {
    expect(names(await list('?sort=alertCount')).slice(0, 1)).toEqual(['Mia Wong']);
    expect(names(await list('?sort=riskScore&order=desc')).slice(0, 1)).toEqual(['Mia Wong']);
    const asc = await list('?sort=alertCount&order=asc');
    expect(asc.items.at(-1)!.name).toBe('Mia Wong');
  });

  it('keeps the activity risk score and last activity on the subject, as /risk works them out', async () => {
    const page = await list('?sort=activityRiskScore');
    expect(names(page).slice(0, 2)).toEqual(['Al Diaz', 'Kim Lee']);
    const al = page.items[0]!;
    expect(al).toMatchObject({
      activityRiskScore: 70,
      activityRiskOn: '2026-03-02',
      lastActivityAt: '2026-02-27T08:00:00.000Z',
      alertCount: 1,
    });
    const risk = SubjectRisk.parse(
      (await env.api('viewer').get(`/api/v1/subjects/${al.id}/risk`)).body,
    );
    expect(risk.score).toBe(al.activityRiskScore);
    // An older event later does not move the last activity back.
    await activity('al.diaz@corp.example', '2026-01-01T00:00:00Z', 5);
    const again = Subject.parse((await env.api('viewer').get(`/api/v1/subjects/${al.id}`)).body);
    expect(again.lastActivityAt).toBe('2026-02-27T08:00:00.000Z');
    expect(again.activityRiskScore).toBe(70);
  });

  it('sorts by last activity with the subjects without activity last, and pages with a cursor', async () => {
    const first = await list('?sort=lastActivityAt&limit=1');
    expect(names(first)).toEqual(['Kim Lee']);
    const second = await list(`?sort=lastActivityAt&limit=1&cursor=${first.nextCursor}`);
    expect(names(second)).toEqual(['Al Diaz']);
    const third = await list(`?sort=lastActivityAt&limit=10&cursor=${second.nextCursor}`);
    expect(third.items.every((s) => s.lastActivityAt === null)).toBe(true);
    expect(third.items).toHaveLength(4);
    expect(third.nextCursor).toBeNull();
    const bad = await env.api('viewer').get('/api/v1/subjects?sort=alertCount&cursor=WyJ4IiwxXQ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_input');
    expect((await env.api('viewer').get('/api/v1/subjects?sort=nobody')).status).toBe(400);
  });

  it('links a manager who is another subject, by e-mail/UPN or by a name only one subject has', async () => {
    const all = await list('?limit=20');
    const by = (n: string) => all.items.find((s) => s.name === n)!;
    const mia = by('Mia Wong');
    expect(by('Bo Chen').managerSubject).toEqual({
      id: mia.id,
      name: 'Mia Wong',
      email: 'mia.wong@corp.example',
      pseudonymised: false,
    });
    expect(by('Al Diaz').managerSubject?.id).toBe(by('Bo Chen').id);
    // Two subjects are called Sam Roe: the name names neither.
    expect(by('Kim Lee').manager).toBe('Sam Roe');
    expect(by('Kim Lee').managerSubject).toBeNull();
    expect(mia.managerSubject).toBeNull();
    const one = Subject.parse(
      (await env.api('viewer').get(`/api/v1/subjects/${by('Al Diaz').id}`)).body,
    );
    expect(one.managerSubject?.name).toBe('Bo Chen');
  });

  it('lets the hourly duty fade the stored scores with the days', async () => {
    env.clock.advance(15 * 86_400_000); // 2026-03-17: Al's Feb 20 weighs 5/23: 80 x 5/23 = 17
    const today = env.clock.now().toISOString().slice(0, 10);
    await refreshRiskJob.handle(
      {},
      {
        db: env.db,
        jobId: 0,
        idempotencyKey: 'test',
        workspaceId: null,
        attempt: 1,
        clock: env.clock,
        log: silentLogger,
        signal: new AbortController().signal,
      },
    );
    const page = await list('?sort=activityRiskScore');
    for (const s of page.items.slice(0, 2)) {
      const risk = SubjectRisk.parse(
        (await env.api('viewer').get(`/api/v1/subjects/${s.id}/risk`)).body,
      );
      expect(s.activityRiskScore, s.name).toBe(risk.score);
      expect(s.activityRiskOn).toBe(today);
    }
    expect(page.items.find((s) => s.name === 'Al Diaz')!.activityRiskScore).toBe(17);
    expect(page.items.every((s) => s.activityRiskOn !== null)).toBe(true);
  });
});
