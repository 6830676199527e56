import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const subject = { email: 'ines.carrier@corp.example', name: 'Ines Carrier' };
const event = (externalId: string, occurredAt = '2026-03-01T08:00:00Z') => ({
  externalId,
  occurredAt,
  category: 'exfiltration',
  activityType: 'usb.copied',
  riskScore: 75,
  indicators: [{ name: 'new_usb_device', score: 40 }],
  object: { name: 'forecast.xlsx', sensitivityLabel: 'Confidential' },
});
const alert = (externalId: string, activities: unknown[]) => ({
  source: 'dlp',
  externalId,
  title: 'Copy to USB',
  severity: 'high',
  detectedAt: '2026-03-01T09:00:00Z',
  subject,
  activities,
});
const count = async () =>
  Number(
    (
      await env.db
        .selectFrom('activityEvents')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('alerts that carry their activity events', () => {
  it('stores the events with the alert, of its subject and linked to it, once', async () => {
    const body = { alerts: [alert('a-1', [event('e-1'), { ...event('e-2'), source: 'edr' }])] };
    const res = await env.api('ingest').post('/api/v1/alerts', body);
    expect(res.status).toBe(200);
    expect(res.body.activities).toEqual({ created: 2, duplicates: 0 });
    const id = res.body.results[0].id as number;
    const rows = await env.db
      .selectFrom('activityEvents')
      .select(['source', 'externalId', 'alertId', 'subjectId'])
      .orderBy('externalId')
      .execute();
    const alertRow = await env.db
      .selectFrom('alerts')
      .select('subjectId')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(rows).toEqual([
      { source: 'dlp', externalId: 'e-1', alertId: id, subjectId: alertRow.subjectId },
      { source: 'edr', externalId: 'e-2', alertId: id, subjectId: alertRow.subjectId },
    ]);
    // In the subject's timeline, as any event.
    const timeline = await env
      .api('analyst')
      .get(
        `/api/v1/subjects/${alertRow.subjectId}/timeline?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z`,
      );
    expect(timeline.body.events.map((e: { alertId: number }) => e.alertId)).toEqual([id, id]);

    const again = await env.api('ingest').post('/api/v1/alerts', body);
    expect(again.body.results[0].created).toBe(false);
    expect(again.body.activities).toEqual({ created: 0, duplicates: 2 });
    expect(await count()).toBe(2);
  });

  it('refuses the whole batch when one event is wrong, naming it, and stores nothing', async () => {
    const before = await count();
    const alerts = await env.db.selectFrom('alerts').select('id').execute();
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: [alert('a-2', [event('e-3')]), alert('a-3', [event('e-4', '1969-12-31T00:00:00Z')])],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.alerts.1.activities.0.occurredAt',
    ]);
    expect(await count()).toBe(before);
    expect(await env.db.selectFrom('alerts').select('id').execute()).toEqual(alerts);
  });

  it('refuses events on an alert that names no subject', async () => {
    const { subject: _none, ...anonymous } = alert('a-4', [event('e-5')]);
    const res = await env.api('ingest').post('/api/v1/alerts', anonymous);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('body.alerts.0.activities');
  });
});
