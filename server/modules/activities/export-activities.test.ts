import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../testing/csv.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const subject = { email: 'nina.north@corp.example', name: 'Nina North' };
const activity = (i: number, over: Record<string, unknown> = {}) => ({
  source: 'dlp',
  externalId: `ev-${i}`,
  subject,
  occurredAt: new Date(Date.UTC(2026, 2, 1, 8, 0, i)).toISOString(),
  category: i % 3 ? 'exfiltration' : 'access',
  activityType: 'usb.copied',
  riskScore: 10 + (i % 80),
  indicators: [{ name: 'usb', score: 10 }],
  object: { name: `file-${i}.xlsx` },
  ...over,
});

let subjectId: number;
beforeAll(async () => {
  const activities = Array.from({ length: 600 }, (_, i) => activity(i));
  activities.push(
    activity(900, {
      category: 'exfiltration',
      object: { name: '=HYPERLINK("http://evil.example","Nina North notes")' },
    }),
  );
  const res = await env.api('ingest').post('/api/v1/activities', { activities });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  subjectId = (
    await env.db
      .selectFrom('subjects')
      .select('id')
      .where('email', '=', subject.email)
      .executeTakeFirstOrThrow()
  ).id;
});

describe("a subject's activity as CSV", () => {
  it('streams every page the explorer filters to, in its order, formulas as text', async () => {
    const res = await env
      .api('analyst')
      .get(
        `/api/v1/subjects/${subjectId}/activities/export?category=exfiltration&sort=occurredAt&order=asc`,
      );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="activity.csv"');
    const [header, ...rows] = parseCsv(res.body as string);
    const col = (name: string) => header!.indexOf(name);
    expect(rows).toHaveLength(401);
    expect(rows.every((r) => r[col('category')] === 'exfiltration')).toBe(true);
    expect(rows.every((r) => r[col('subject')] === 'Nina North')).toBe(true);
    const times = rows.map((r) => r[col('occurred_at')]!);
    expect(times).toEqual([...times].sort());
    expect(rows.at(-1)![col('object_name')]).toBe(
      `'=HYPERLINK("http://evil.example","Nina North notes")`,
    );
    expect(rows[0]![col('indicators')]).toBe('usb:10');
  });

  it('keeps a pseudonymised subject hidden, in object names too', async () => {
    await env.api('admin').patch('/api/v1/settings', { privacy: { pseudonymise: true } });
    try {
      const res = await env
        .api('analyst')
        .get(`/api/v1/subjects/${subjectId}/activities/export?category=exfiltration`);
      expect(res.status).toBe(200);
      const text = res.body as string;
      expect(text).not.toMatch(/Nina|North/);
      expect(text).toMatch(/"Anon-[0-9A-Z]{4}-[0-9A-Z]{4}"/);
    } finally {
      await env.api('admin').patch('/api/v1/settings', { privacy: { pseudonymise: false } });
    }
  });

  it('refuses a bad filter, an unknown subject and a role without activity', async () => {
    const bad = await env
      .api('analyst')
      .get(`/api/v1/subjects/${subjectId}/activities/export?scope=case`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await env.api('analyst').get('/api/v1/subjects/999999/activities/export')).status).toBe(
      404,
    );
    expect(
      (await env.api('guest').get(`/api/v1/subjects/${subjectId}/activities/export`)).status,
    ).toBe(403);
  });
});
