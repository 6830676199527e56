import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  // The test clock reads 2026-03-02T09:00Z; sources may run up to an hour ahead.
  env = await startTestEnv({ CASEFILE_INGEST_FUTURE_SKEW_MINUTES: '60' });
});
afterAll(() => env.close());

const alert = (externalId: string, detectedAt: string) => ({
  source: 'edr',
  externalId,
  title: 'Beacon to a rare domain',
  severity: 'low',
  detectedAt,
});
const stored = async () =>
  (await env.db.selectFrom('alerts').select('externalId').execute()).map((r) => r.externalId);

describe('detection times an alert cannot have', () => {
  it('accepts a detection a little ahead of the server clock', async () => {
    const res = await env
      .api('ingest')
      .post('/api/v1/alerts', { alerts: [alert('ahead', '2026-03-02T09:45:00Z')] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('refuses the whole batch when one alert lies far in the future or before 1970', async () => {
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: [
        alert('fine', '2026-03-01T10:00:00Z'),
        alert('future', '2027-03-02T09:00:00Z'),
        alert('ancient', '1969-12-31T23:59:59Z'),
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.alerts.1.detectedAt',
      'body.alerts.2.detectedAt',
    ]);
    expect(await stored()).toEqual(['ahead']);
  });
});
