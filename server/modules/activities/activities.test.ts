import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityDays, ActivityIngestResult, SubjectRisk } from '../../../contract/activities.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { client, startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { createTokenFor } from '../accounts/index.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

let seq = 0;
const activity = (overrides: Record<string, unknown> = {}) => ({
  source: 'dlp',
  externalId: `ev-${(seq += 1)}`,
  subject: { email: 'Rita.Ray@corp.example', name: 'Rita Ray' },
  occurredAt: '2026-03-01T10:00:00Z',
  category: 'exfiltration',
  activityType: 'usb.copied',
  riskScore: 60,
  indicators: [
    { name: 'usb', score: 40 },
    { name: 'sensitive_label', score: 20 },
  ],
  object: { name: 'payroll.xlsx', sizeBytes: 48_000, sensitivityLabel: 'Confidential' },
  payload: { vendor: { rule: 'USB copy' } },
  ...overrides,
});
const ingest = (body: unknown, who: 'ingest' | 'admin' = 'ingest') =>
  env.api(who).post('/api/v1/activities', body);
const subjectIdOf = async (email: string) =>
  (
    await env.db
      .selectFrom('subjects')
      .select('id')
      .where('workspaceId', '=', env.workspaceId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).id;
const daysOf = async (subjectId: number, query = '?from=2026-02-01&to=2026-03-31') => {
  const res = await env.api('viewer').get(`/api/v1/subjects/${subjectId}/activity-days${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ActivityDays.parse(res.body);
};

describe('activity ingestion', () => {
  it('stores a batch with its subject and keeps the day rollups, without counting alerts', async () => {
    const email = 'ben.batch@corp.example';
    const subject = { email, name: 'Ben Batch', department: 'Sales' };
    const res = await ingest({
      activities: [
        activity({ subject, riskScore: 30, indicators: [{ name: 'usb', score: 30 }] }),
        activity({ subject, riskScore: 75 }),
        activity({
          subject,
          category: 'access',
          activityType: 'sign_in',
          riskScore: 5,
          indicators: [],
        }),
        activity({ subject, occurredAt: '2026-02-27T23:30:00-02:00', riskScore: 50 }),
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ActivityIngestResult.parse(res.body)).toEqual({ created: 4, duplicates: 0 });

    const id = await subjectIdOf(email);
    const shown = await env.api('viewer').get(`/api/v1/subjects/${id}`);
    expect(shown.body).toMatchObject({ name: 'Ben Batch', department: 'Sales', alertCount: 0 });
    const { items } = await daysOf(id);
    expect(items).toEqual([
      {
        day: '2026-02-28',
        category: 'exfiltration',
        eventCount: 1,
        maxScore: 50,
        scoreSum: 50,
        indicators: [
          { name: 'usb', count: 1, maxScore: 40 },
          { name: 'sensitive_label', count: 1, maxScore: 20 },
        ],
      },
      {
        day: '2026-03-01',
        category: 'access',
        eventCount: 1,
        maxScore: 5,
        scoreSum: 5,
        indicators: [],
      },
      {
        day: '2026-03-01',
        category: 'exfiltration',
        eventCount: 2,
        maxScore: 75,
        scoreSum: 105,
        indicators: [
          { name: 'usb', count: 2, maxScore: 40 },
          { name: 'sensitive_label', count: 1, maxScore: 20 },
        ],
      },
    ]);
    const stored = await env.db
      .selectFrom('activityEvents')
      .selectAll()
      .where('subjectId', '=', id)
      .orderBy('id')
      .execute();
    expect(stored).toHaveLength(4);
    expect(stored[0]).toMatchObject({
      objectName: 'payroll.xlsx',
      sensitivityLabel: 'Confidential',
      alertId: null,
      activityType: 'usb.copied',
    });
    expect(JSON.parse(stored[0]!.payload)).toEqual({ vendor: { rule: 'USB copy' } });
    const audit = await env.db
      .selectFrom('auditEvents')
      .select(['targetType', 'targetId', 'after'])
      .where('action', '=', 'activities.ingested')
      .where('targetId', '=', String(id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toEqual({ count: 4, subjectIds: [id] });
  });

  it('counts a redelivery, and a key twice in one batch, as duplicates that change nothing', async () => {
    const first = activity();
    expect((await ingest(first)).body).toEqual({ created: 1, duplicates: 0 });
    const before = await fingerprint(env.db);
    const again = await ingest({ activities: [{ ...first, riskScore: 99 }, first, first] });
    expect(again.body).toEqual({ created: 0, duplicates: 3 });
    expect(await fingerprint(env.db)).toEqual(before);

    const twice = activity();
    const res = await ingest({ activities: [twice, { ...twice, riskScore: 99 }] });
    expect(res.body).toEqual({ created: 1, duplicates: 1 });
  });

  it('refuses a whole batch for one invalid event, naming each problem, and stores nothing', async () => {
    const before = await fingerprint(env.db);
    const events = [activity(), activity(), activity(), activity({ riskScore: 101 })];
    events.push(activity({ category: 'teleportation', indicators: [{ name: 'x', score: -1 }] }));
    const res = await ingest({ activities: events });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.activities.3.riskScore',
        'body.activities.4.category',
        'body.activities.4.indicators.0.score',
      ]),
    );
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('refuses times before 1970 or beyond the allowed clock skew', async () => {
    const before = await fingerprint(env.db);
    const res = await ingest({
      activities: [activity(), activity({ occurredAt: '1969-12-31T23:59:59Z' })],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { path: 'body.activities.1.occurredAt', message: 'is before 1970' },
    ]);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('links events to a stored alert by id or external id, and refuses a link to no alert', async () => {
    const alert = await env.api('ingest').post('/api/v1/alerts', {
      source: 'dlp',
      externalId: 'alert-for-events',
      title: 'USB copy of payroll',
      severity: 'high',
      detectedAt: '2026-03-01T10:05:00Z',
    });
    const alertId = alert.body.results[0].id as number;
    const before = await fingerprint(env.db);
    const bad = await ingest({
      activities: [
        activity({ alertId }),
        activity({ alertId: alertId + 1000 }),
        activity({ alertExternalId: 'alert-for-events', alertSource: 'edr' }),
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.activities.1.alertId',
      'body.activities.2.alertExternalId',
    ]);
    expect(await fingerprint(env.db)).toEqual(before);

    const good = await ingest({
      activities: [
        activity({ externalId: 'linked-1', alertId }),
        activity({ externalId: 'linked-2', alertExternalId: 'alert-for-events' }),
      ],
    });
    expect(good.body).toEqual({ created: 2, duplicates: 0 });
    const rows = await env.db
      .selectFrom('activityEvents')
      .select('alertId')
      .where('externalId', 'in', ['linked-1', 'linked-2'])
      .execute();
    expect(rows.map((r) => r.alertId)).toEqual([alertId, alertId]);
  });

  it('fills identity fields a subject lacks, leaving its alert count and risk alone', async () => {
    const email = 'fay.fill@corp.example';
    await env.api('ingest').post('/api/v1/alerts', {
      source: 'edr',
      externalId: 'fay-alert',
      title: 'Odd sign-in',
      severity: 'low',
      riskScore: 35,
      detectedAt: '2026-03-01T08:00:00Z',
      subject: { email, name: 'Fay Fill' },
    });
    const id = await subjectIdOf(email);
    const before = (await env.api('viewer').get(`/api/v1/subjects/${id}`)).body;
    await ingest(
      activity({ subject: { email, name: 'Other Name', department: 'Legal' }, riskScore: 90 }),
    );
    const after = (await env.api('viewer').get(`/api/v1/subjects/${id}`)).body;
    expect(after).toMatchObject({
      name: 'Fay Fill',
      department: 'Legal',
      alertCount: before.alertCount,
      riskScore: before.riskScore,
      lastAlertAt: before.lastAlertAt,
    });
  });

  it('takes a batch of 5,000 realistic events in one request', async () => {
    const events = Array.from({ length: 5000 }, (_, i) =>
      activity({
        externalId: `big-${i}`,
        subject: { email: `big.${i % 300}@corp.example`, name: `Big ${i % 300}` },
        occurredAt: new Date(Date.parse('2026-02-01T00:00:00Z') + i * 431_000).toISOString(),
        sequenceId: `seq-${Math.floor(i / 3)}`,
        object: {
          name: `quarterly-report-${i}.xlsx`,
          path: `C:\\Users\\big\\Documents\\Finance\\2026\\quarterly-report-${i}.xlsx`,
          sizeBytes: 180_000 + i,
          sensitivityLabel: 'Confidential',
          destination: 'E:\\',
        },
        payload: {
          device: { vendor: 'SanDisk', serial: `4C53${i}` },
          host: 'LT-0042',
          rule: 'USB',
        },
      }),
    );
    const body = JSON.stringify({ activities: events });
    expect(Buffer.byteLength(body)).toBeLessThan(env.config.ingestBodyLimitBytes);
    const res = await ingest(body);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body).toEqual({ created: 5000, duplicates: 0 });
    const total = await env.db
      .selectFrom('subjectActivityDays')
      .innerJoin('subjects', 'subjects.id', 'subjectActivityDays.subjectId')
      .select((eb) => eb.fn.sum<number>('eventCount').as('n'))
      .where('subjects.email', 'like', 'big.%')
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(5000);
  });
});

describe('subject risk', () => {
  it('scores from the rollups, explains itself and gives a daily history', async () => {
    const email = 'rick.risk@corp.example';
    const subject = { email, name: 'Rick Risk' };
    await ingest({
      activities: [
        // The test clock stands at 2026-03-02: 2026-02-10 is 20 days old, weight 10/23.
        activity({ subject, occurredAt: '2026-02-10T12:00:00Z', riskScore: 92 }),
        activity({
          subject,
          occurredAt: '2026-02-28T12:00:00Z',
          riskScore: 30,
          category: 'access',
        }),
      ],
    });
    const id = await subjectIdOf(email);
    const res = await env.api('viewer').get(`/api/v1/subjects/${id}/risk?days=30`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const risk = SubjectRisk.parse(res.body);
    expect(risk).toMatchObject({
      score: 40,
      contributor: {
        day: '2026-02-10',
        category: 'exfiltration',
        maxScore: 92,
        weight: 0.435,
        topIndicators: [
          { name: 'usb', count: 1, maxScore: 40 },
          { name: 'sensitive_label', count: 1, maxScore: 20 },
        ],
      },
    });
    expect(risk.history).toHaveLength(30);
    expect(risk.history.at(-1)).toEqual({ day: '2026-03-02', score: 40 });
    expect(risk.history.find((h) => h.day === '2026-02-10')).toEqual({
      day: '2026-02-10',
      score: 92,
    });
    expect(risk.history[0]).toEqual({ day: '2026-02-01', score: 0 });

    const quiet = await env.api('viewer').get(`/api/v1/subjects/${id}/risk`);
    expect(SubjectRisk.parse(quiet.body).history).toHaveLength(90);
  });

  it('raises the stored score batch by batch to what the rollups give, and keeps the latest time', async () => {
    const email = 'rhea.raise@corp.example';
    const subject = { email, name: 'Rhea Raise' };
    const stored = async () =>
      env.db
        .selectFrom('subjects')
        .select(['activityRiskScore', 'activityRiskOn', 'lastActivityAt'])
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
    const fromRollups = async () => {
      const res = await env.api('viewer').get(`/api/v1/subjects/${await subjectIdOf(email)}/risk`);
      return SubjectRisk.parse(res.body).score;
    };
    // Days 20 and 12 old (weights 10/23 and 18/23), then a low recent event, then an older
    // event arriving late: each batch may or may not raise the score.
    const batches = [
      [{ occurredAt: '2026-02-10T12:00:00Z', riskScore: 92 }],
      [{ occurredAt: '2026-02-18T08:00:00Z', riskScore: 70 }],
      [{ occurredAt: '2026-03-01T23:00:00Z', riskScore: 20 }],
      [
        { occurredAt: '2026-02-27T09:00:00Z', riskScore: 35 },
        { occurredAt: '2026-02-16T09:00:00Z', riskScore: 99 },
      ],
    ];
    const scores = [];
    for (const batch of batches) {
      await ingest({ activities: batch.map((b) => activity({ subject, ...b })) });
      const row = await stored();
      expect(row.activityRiskScore).toBe(await fromRollups());
      expect(row.activityRiskOn).toBe('2026-03-02');
      scores.push(row.activityRiskScore);
    }
    expect(scores).toEqual([40, 55, 55, 69]);
    expect(Date.parse((await stored()).lastActivityAt!)).toBe(Date.parse('2026-03-01T23:00:00Z'));
  });
  it('is read by members, not by guests or the ingestion service; unknown subjects are 404', async () => {
    const id = await subjectIdOf('rita.ray@corp.example');
    for (const url of [`/api/v1/subjects/${id}/risk`, `/api/v1/subjects/${id}/activity-days`]) {
      expect((await env.api('viewer').get(url)).status).toBe(200);
      expect((await env.api('analyst').get(url)).status).toBe(200);
      expect((await env.api('guest').get(url)).status).toBe(403);
      expect((await env.api('ingest').get(url)).status).toBe(403);
    }
    expect((await env.api('viewer').get('/api/v1/subjects/999999/risk')).status).toBe(404);
    expect((await env.api('viewer').get('/api/v1/subjects/999999/activity-days')).status).toBe(404);
  });

  it("lets an admin's ingest-scope token post activity but not read it", async () => {
    const token = await createTokenFor(env.db, env.clock, env.members.admin.actor, 'feed', {
      scope: 'ingest',
    });
    const feed = client(env.app, token.token);
    const email = 'sam.scope@corp.example';
    const posted = await feed.post('/api/v1/activities', activity({ subject: { email } }));
    expect(posted.status, JSON.stringify(posted.body)).toBe(200);
    const id = await subjectIdOf(email);
    const read = await feed.get(`/api/v1/subjects/${id}/risk`);
    expect(read.status).toBe(403);
    expect(read.body.error.code).toBe('forbidden');
  });

  it('refuses a reversed or too wide window of days, and bad query values', async () => {
    const id = await subjectIdOf('rita.ray@corp.example');
    const base = `/api/v1/subjects/${id}`;
    for (const q of [
      '/activity-days?from=2026-03-02&to=2026-03-01',
      '/activity-days?from=2000-01-01&to=2026-03-01',
      '/activity-days?from=2026-02-30',
      '/risk?days=731',
      '/risk?days=0',
    ]) {
      const res = await env.api('viewer').get(base + q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });
});
