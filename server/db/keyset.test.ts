import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';
import {
  compareKeys,
  encodeCursor,
  keysetPage,
  pageOf,
  readCursor,
  type Keyset,
  type KeyValue,
} from './keyset.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await startTestEnv();
  const res = await env.api('ingest').post('/api/v1/alerts', {
    alerts: Array.from({ length: 13 }, (_, i) => ({
      source: 'edr',
      externalId: `k-${i}`,
      title: `Alert ${i}`,
      severity: 'low',
      // Ties on the score, so the id decides within each.
      riskScore: (i % 4) * 10,
      detectedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    })),
  });
  expect(res.status).toBe(200);
  // Some alerts carry a triage time, the rest none: a nullable first key.
  const ids = (await env.db.selectFrom('alerts').select('id').orderBy('id').execute()).map(
    (r) => r.id,
  );
  for (const [i, id] of ids.entries())
    if (i % 3 !== 0)
      await env.db
        .updateTable('alerts')
        .set({ triagedAt: new Date(Date.UTC(2026, 10, 2) + (i % 5) * 1000).toISOString() })
        .where('id', '=', id)
        .execute();
});
afterAll(() => env.close());

type Row = { id: number; riskScore: number; triagedAt: string | null };

/** Every row, read page by page through cursors, with the key of each. */
async function readAll(keys: Keyset, keyOf: (r: Row) => KeyValue[], limit: number) {
  const out: Row[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const rows = await keysetPage(
      env.db.selectFrom('alerts').select(['id', 'riskScore', 'triagedAt']),
      keys,
      readCursor(cursor, keys),
      limit,
    ).execute();
    const { page, nextCursor } = pageOf(rows, limit, keyOf);
    out.push(...page);
    if (nextCursor === null) return out;
    cursor = nextCursor;
  }
  throw new Error('paging did not end');
}

const score = (order: 'asc' | 'desc'): Keyset => ({
  columns: ['alerts.riskScore', 'alerts.id'],
  kinds: ['int', 'int'],
  order,
});
const triaged = (order: 'asc' | 'desc'): Keyset => ({
  columns: ['alerts.triagedAt', 'alerts.id'],
  kinds: ['time', 'int'],
  order,
  nullsLast: true,
});

describe('keyset pagination', () => {
  it('reads every row once, in the order of the key, in both directions', async () => {
    const all = await env.db.selectFrom('alerts').select(['id', 'riskScore']).execute();
    for (const order of ['asc', 'desc'] as const) {
      const keyOf = (r: Row) => [r.riskScore, r.id];
      const got = await readAll(score(order), keyOf, 4);
      const want = [...all].sort((a, b) =>
        compareKeys(score(order))(keyOf(a as Row), keyOf(b as Row)),
      );
      expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
    }
  });

  it('sorts nulls of a nullable first key last in both directions, across page ends', async () => {
    const all = await env.db.selectFrom('alerts').select(['id', 'triagedAt']).execute();
    for (const order of ['asc', 'desc'] as const) {
      const keyOf = (r: Row) => [r.triagedAt, r.id];
      for (const limit of [1, 3, 5]) {
        const got = await readAll(triaged(order), keyOf, limit);
        const want = [...all].sort((a, b) =>
          compareKeys(triaged(order))(keyOf(a as Row), keyOf(b as Row)),
        );
        expect(got.map((r) => r.id)).toEqual(want.map((r) => r.id));
        expect(got.at(-1)?.triagedAt).toBeNull();
      }
    }
  });

  it('refuses a cursor whose values do not fit the key, before the database sees it', () => {
    const bad = [
      'not base64 json',
      encodeCursor(['x', 1]),
      encodeCursor([1]),
      encodeCursor([1, 2, 3]),
      encodeCursor([1.5, 2]),
      encodeCursor([null, 2]),
    ];
    for (const cursor of bad) {
      expect(() => readCursor(cursor, score('asc'))).toThrow(AppError);
    }
    expect(() => readCursor(encodeCursor(['2026-11-01', 2]), triaged('asc'))).toThrow(AppError);
    expect(readCursor(encodeCursor([null, 2]), triaged('asc'))).toEqual([null, 2]);
    expect(readCursor(undefined, score('asc'))).toBeUndefined();
  });
});
