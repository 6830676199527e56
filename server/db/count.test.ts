import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';
import { countUpTo } from './count.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestEnv();
  const res = await env.api('ingest').post('/api/v1/alerts', {
    alerts: Array.from({ length: 12 }, (_, i) => ({
      source: 'edr',
      externalId: `c-${i}`,
      title: `Alert ${i}`,
      severity: i < 5 ? 'high' : 'low',
      riskScore: 10,
      detectedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    })),
  });
  expect(res.status).toBe(200);
});
afterAll(() => env.close());

describe('countUpTo', () => {
  it('counts exactly up to the cap', async () => {
    const high = env.db.selectFrom('alerts').selectAll().where('severity', '=', 'high');
    expect(await countUpTo(env.db, high, 5)).toEqual({ count: 5, exact: true });
    expect(await countUpTo(env.db, high, 100)).toEqual({ count: 5, exact: true });
  });

  it('says "more" past the cap, without counting further', async () => {
    const all = env.db.selectFrom('alerts').select('id').orderBy('id');
    expect(await countUpTo(env.db, all, 10)).toEqual({ count: 10, exact: false });
    expect(await countUpTo(env.db, all, 11)).toEqual({ count: 11, exact: false });
    expect(await countUpTo(env.db, all, 12)).toEqual({ count: 12, exact: true });
  });
});
