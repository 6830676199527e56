import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../testing/csv.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const alert = (i: number, over: Record<string, unknown> = {}) => ({
  source: 'edr',
  externalId: `x-${i}`,
  title: `Alert ${i}`,
  description: 'Process tree looked odd',
  severity: i % 2 ? 'low' : 'high',
  detectedAt: new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString(),
  ...over,
});

describe('the alerts queue as CSV', () => {
  it('streams every page of the filtered, sorted queue, formulas as text', async () => {
    const alerts = Array.from({ length: 450 }, (_, i) => alert(i));
    alerts.push(
      alert(1000, {
        title: '=cmd|"/c calc"!A1',
        description: '@SUM(1+1)*cmd|" /C calc"!A0',
        severity: 'high',
      }),
    );
    const res = await env.api('ingest').post('/api/v1/alerts', { alerts });
    expect(res.status).toBe(200);

    const csv = await env
      .api('analyst')
      .get('/api/v1/alerts/export?severity=high&sort=detectedAt&order=asc');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="alerts.csv"');
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header!.slice(0, 5)).toEqual(['id', 'source', 'external_id', 'title', 'severity']);
    expect(rows).toHaveLength(226);
    expect(rows.every((r) => r[4] === 'high' && r.length === header!.length)).toBe(true);
    const detected = rows.map((r) => r[header!.indexOf('detected_at')]!);
    expect(detected).toEqual([...detected].sort());
    const hostile = rows.at(-1)!;
    expect(hostile[3]).toBe(`'=cmd|"/c calc"!A1`);
    expect(hostile.at(-1)).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
  });

  it('refuses a malformed filter with the uniform error, and a role without alerts', async () => {
    const bad = await env.api('analyst').get('/api/v1/alerts/export?severity=urgent');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_input' } });
    expect((await env.api('guest').get('/api/v1/alerts/export')).status).toBe(403);
  });
});
