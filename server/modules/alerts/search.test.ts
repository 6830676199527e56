import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const ALERTS = 2100;

beforeAll(async () => {
  env = await startTestEnv();
  for (let b = 0; b < ALERTS / 700; b += 1) {
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: Array.from({ length: 700 }, (_, k) => {
        const i = b * 700 + k;
        return {
          source: 'edr',
          externalId: `beacon-${i}`,
          title: i % 700 === 5 ? 'Beacon to a zebra domain' : 'Beacon to a rare domain',
          severity: 'low',
          riskScore: i % 101,
          detectedAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString(),
        };
      }),
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
  }
});
afterAll(() => env.close());

/** Every page of a search, following the cursor. */
async function all(query: string) {
  const seen: Array<{ id: number; riskScore: number }> = [];
  let cursor: string | null = null;
  do {
    const res = await env
      .api('viewer')
      .get(`/api/v1/alerts?${query}&limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...(res.body.items as Array<{ id: number; riskScore: number }>));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return seen;
}

const inQueueOrder = (rows: Array<{ id: number; riskScore: number }>) =>
  [...rows].sort((a, b) => b.riskScore - a.riskScore || b.id - a.id);

describe('alert text search', () => {
  // Rare words are read from the text index first, common ones in the queue's order: both
  // must answer the same pages.
  it('pages a word held by thousands of alerts in order, without gaps or repeats', async () => {
    const rows = await all('q=beacon&sort=riskScore&order=desc');
    expect(rows).toHaveLength(ALERTS);
    expect(new Set(rows.map((r) => r.id)).size).toBe(ALERTS);
    expect(rows).toEqual(inQueueOrder(rows));
  });

  it('pages a rare word in the same order', async () => {
    const rows = await all('q=zebra%20beac&sort=riskScore&order=desc');
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(inQueueOrder(rows));
    const oldest = await all('q=zebra&sort=detectedAt&order=asc&status=needs_review');
    expect(oldest.map((r) => r.id)).toEqual([...oldest.map((r) => r.id)].sort((a, b) => a - b));
  });
});
