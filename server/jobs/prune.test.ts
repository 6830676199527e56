import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { pruneJobsJob } from './prune.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const job = (key: string, state: string, finishedAt: string | null) => ({
  workspaceId: null,
  type: 'db.optimize',
  payload: '{}',
  runAt: '2026-01-01T00:00:00.000Z',
  maxAttempts: 3,
  lastError: state === 'dead' ? 'it kept failing' : null,
  state,
  idempotencyKey: key,
  lockedBy: null,
  lockedUntil: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: finishedAt ?? '2026-01-01T00:00:00.000Z',
  finishedAt,
});

describe('pruning finished jobs', () => {
  it('deletes done jobs past the keep period and keeps recent, dead and queued ones', async () => {
    await database.db
      .insertInto('jobs')
      .values([
        job('old-done-1', 'done', '2026-01-02T00:00:00.000Z'),
        job('old-done-2', 'done', '2026-01-20T23:59:59.000Z'),
        job('recent-done', 'done', '2026-01-27T00:00:00.000Z'),
        job('old-dead', 'dead', '2026-01-02T00:00:00.000Z'),
        job('queued', 'queued', null),
      ])
      .execute();
    await pruneJobsJob.handle(
      { keepDays: 7 },
      {
        db: database.db,
        jobId: 0,
        idempotencyKey: 'jobs.prune:test',
        workspaceId: null,
        attempt: 1,
        clock: fixedClock('2026-01-28T00:00:00.000Z'),
        log: silentLogger,
        signal: new AbortController().signal,
      },
    );
    const left = await database.db
      .selectFrom('jobs')
      .select('idempotencyKey')
      .where('type', '=', 'db.optimize')
      .orderBy('idempotencyKey')
      .execute();
    expect(left.map((j) => j.idempotencyKey)).toEqual(['old-dead', 'queued', 'recent-done']);
  });
});
