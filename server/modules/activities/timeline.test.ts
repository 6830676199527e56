import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityPage } from '../../../contract/activity-explorer.ts';
import { Timeline } from '../../../contract/activity-timeline.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let subjectId: number;
let caseNumber: number;
let alertId: number;
const email = 'tara.timeline@corp.example';

let seq = 0;
const activity = (overrides: Record<string, unknown> = {}) => ({
  source: 'dlp',
  externalId: `tl-${(seq += 1)}`,
  subject: { email, name: 'Tara Timeline' },
  occurredAt: '2026-03-01T10:00:00Z',
  category: 'exfiltration',
  activityType: 'usb.copied',
  riskScore: 60,
  indicators: [{ name: 'usb', score: 40 }],
  ...overrides,
});

beforeAll(async () => {
  env = await startTestEnv();
  const alert = await env.api('ingest').post('/api/v1/alerts', {
    source: 'dlp',
    externalId: 'tl-alert',
    title: 'USB copy of payroll',
    severity: 'high',
    detectedAt: '2026-03-02T00:00:00Z',
    subject: { email },
  });
  alertId = alert.body.results[0].id as number;
  const events = [];
  // 40 days of activity, three events a day at 02:00, 10:00 and 18:00, categories in turn.
  const categories = ['exfiltration', 'access', 'collection'];
  for (let d = 0; d < 40; d += 1)
    for (let h = 0; h < 3; h += 1) {
      const at = new Date(Date.UTC(2026, 1, 1 + d, 2 + 8 * h)).toISOString();
      events.push(
        activity({
          occurredAt: at,
          category: categories[(d + h) % 3],
          riskScore: (d * 7 + h * 13) % 101,
          indicators:
            h === 0 ? [{ name: 'off_hours', score: 20 }] : [{ name: 'off_hours_x', score: 5 }],
          ...(d % 10 === 0 ? { sequenceId: `seq-${d}` } : {}),
          ...(d >= 28 && d < 31 ? { alertId } : {}),
        }),
      );
    }
  const res = await env.api('ingest').post('/api/v1/activities', { activities: events });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  subjectId = (
    await env.db
      .selectFrom('subjects')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
  ).id;
  const c = await env.api('admin').post('/api/v1/cases', { title: 'Tara investigation' });
  caseNumber = c.body.number as number;
  await env.api('admin').post(`/api/v1/cases/${caseNumber}/links`, { alertIds: [alertId] });
});
afterAll(() => env.close());

const timeline = async (query: string) => {
  const res = await env.api('viewer').get(`/api/v1/subjects/${subjectId}/timeline?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Timeline.parse(res.body);
};
const explore = async (query: string) => {
  const res = await env
    .api('viewer')
    .get(`/api/v1/subjects/${subjectId}/activities?total=true&${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ActivityPage.parse(res.body);
};
const drill = (b: { start: string; end: string; category: string }, extra = '') =>
  `from=${b.start}&to=${b.end}&category=${b.category}${extra}`;

describe('subject timeline', () => {
  it('answers daily buckets from the rollup for a wide window, each counting what the explorer lists', async () => {
    const t = await timeline('from=2026-02-01T00:00:00Z&to=2026-03-13T00:00:00Z');
    expect(t.granularity).toBe('day');
    expect(t.buckets).toHaveLength(120);
    expect(t.buckets.reduce((s, b) => s + b.count, 0)).toBe(120);
    for (const b of t.buckets.filter((_, i) => i % 17 === 0)) {
      const page = await explore(drill(b));
      expect(page.total?.count, `${b.start} ${b.category}`).toBe(b.count);
      expect(Math.max(...page.items.map((e) => e.riskScore))).toBe(b.maxScore);
    }
    const exfil = t.buckets.filter((b) => b.category === 'exfiltration');
    expect(t.exfiltration.at(-1)?.total).toBe(exfil.reduce((s, b) => s + b.count, 0));
    expect(t.exfiltration.map((p) => p.total)).toEqual(exfil.map((_, i) => i + 1));
  });

  it('widens a daily window to whole UTC days', async () => {
    const t = await timeline('from=2026-02-01T05:00:00Z&to=2026-03-10T12:30:00Z');
    expect(t.from).toBe('2026-02-01T00:00:00.000Z');
    expect(t.to).toBe('2026-03-11T00:00:00.000Z');
    expect(t.buckets[0]?.start).toBe('2026-02-01T00:00:00.000Z');
  });

  it('answers hourly buckets counted from the events for a window of weeks', async () => {
    const t = await timeline('from=2026-02-10T00:00:00Z&to=2026-02-24T00:00:00Z&category=access');
    expect(t.granularity).toBe('hour');
    expect(t.buckets.every((b) => b.category === 'access' && b.count === 1)).toBe(true);
    expect(t.buckets).toHaveLength(14);
    const b = t.buckets[3]!;
    expect(Date.parse(b.end) - Date.parse(b.start)).toBe(3_600_000);
    expect((await explore(drill(b))).total?.count).toBe(1);
  });

  it('answers each event and the sequences among them for a narrow window', async () => {
    const t = await timeline('from=2026-02-10T00:00:00Z&to=2026-02-12T00:00:00Z');
    expect(t.granularity).toBe('event');
    expect(t.events.map((e) => e.occurredAt)).toEqual([
      '2026-02-10T02:00:00.000Z',
      '2026-02-10T10:00:00.000Z',
      '2026-02-10T18:00:00.000Z',
      '2026-02-11T02:00:00.000Z',
      '2026-02-11T10:00:00.000Z',
      '2026-02-11T18:00:00.000Z',
    ]);
    expect(t.truncated).toBe(false);
    expect(t.sequences).toEqual([
      { sequenceId: 'seq-10', eventIds: t.events.slice(3).map((e) => e.id) },
    ]);
  });

  it("keeps the events of the case's alerts with scope=case, bucket counts matching the explorer", async () => {
    const t = await timeline(
      `from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&scope=case&case=${caseNumber}`,
    );
    expect(t.granularity).toBe('day');
    expect(t.buckets.reduce((s, b) => s + b.count, 0)).toBe(9);
    expect(t.buckets.map((b) => b.start.slice(0, 10))).toEqual(
      expect.arrayContaining(['2026-03-01', '2026-03-02', '2026-03-03']),
    );
    for (const b of t.buckets)
      expect((await explore(drill(b, `&scope=case&case=${caseNumber}`))).total?.count).toBe(
        b.count,
      );
    const other = await env.api('admin').post('/api/v1/cases', { title: 'Unrelated' });
    const none = await timeline(
      `from=2026-01-01T00:00:00Z&to=2026-04-01T00:00:00Z&scope=case&case=${other.body.number}`,
    );
    expect(none.buckets).toEqual([]);
  });

  it('refuses a reversed window and scope=case without a case, in the error body', async () => {
    const api = env.api('viewer');
    const reversed = await api.get(
      `/api/v1/subjects/${subjectId}/timeline?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z`,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details[0].path).toBe('query.from');
    const noCase = await api.get(`/api/v1/subjects/${subjectId}/timeline?scope=case`);
    expect(noCase.status).toBe(400);
    expect(noCase.body.error.code).toBe('invalid_input');
    expect((await api.get('/api/v1/subjects/999999/timeline')).status).toBe(404);
  });
});

describe('activity explorer', () => {
  it('pages through every event in time order with keyset cursors', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const page = await explore(`limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      if (first) expect(page.total).toEqual({ count: 120, exact: true });
      first = false;
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(120);
  });

  it('sorts by risk score, highest first, across pages', async () => {
    const a = await explore('sort=riskScore&limit=30');
    const b = await explore(`sort=riskScore&limit=30&cursor=${a.nextCursor}`);
    const scores = [...a.items, ...b.items].map((e) => e.riskScore);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it('filters by indicator name exactly, activity type, alert and review mark', async () => {
    expect((await explore('indicator=off_hours')).total?.count).toBe(40);
    expect((await explore('indicator=off_hours_x')).total?.count).toBe(80);
    expect((await explore('indicator=off')).total?.count).toBe(0);
    expect((await explore('activityType=usb.copied')).total?.count).toBe(120);
    expect((await explore(`alert=${alertId}`)).total?.count).toBe(9);
    expect((await explore('reviewed=false')).total?.count).toBe(120);
  });

  it('refuses a cursor it did not give', async () => {
    const res = await env
      .api('viewer')
      .get(`/api/v1/subjects/${subjectId}/activities?cursor=bm9wZQ`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.cursor');
  });
});
