import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/connection.ts';
import { fixedClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { parseAuditAnchors } from '../modules/audit/index.ts';
import { createAccountAs } from '../modules/accounts/index.ts';
import { systemActor } from '../modules/workspaces/index.ts';
import { recurringDuties } from '../schedules.ts';
import { openSecondConnection } from '../testing/second-connection.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';
import { runSchedules } from './scheduler.ts';
import { startWorker } from './worker.ts';

let database: TestDatabase;
let second: Database;
let dataDir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  second = openSecondConnection(database);
  dataDir = mkdtempSync(join(tmpdir(), 'casefile-anchors-'));
});
afterAll(async () => {
  await second.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const anchorJobs = () =>
  database.db
    .selectFrom('jobs')
    .select(['idempotencyKey', 'state'])
    .where('type', '=', 'audit.write-anchors')
    .orderBy('id')
    .execute();

describe('the scheduler', () => {
  const config = () =>
    loadConfig({
      CASEFILE_DATA_DIR: dataDir,
      CASEFILE_AUDIT_ANCHOR_MINUTES: '60',
      // Hourly like the others, so that every duty comes due in the same slots here.
      CASEFILE_WEBHOOK_SWEEP_SECONDS: '3600',
    });

  it('enqueues a slot once, though two processes look at the schedules together', async () => {
    const clock = fixedClock('2026-03-02T09:20:00.000Z');
    // The hourly duties (the daily job prune comes due in other slots).
    const all = recurringDuties(config(), database.engine).filter((d) => d.everySeconds === 3600);
    const runs = [database.db, second.db, database.db].map(
      (db) => () => runSchedules(db, clock, all),
    );
    // On SQLite, two connections of one process cannot interleave transactions (the driver is
    // synchronous: the second would wait for a lock the first can never release), so there
    // they take turns, as two processes do on its single writer.
    const counts =
      database.engine === 'postgres'
        ? await Promise.all(runs.map((run) => run()))
        : [await runs[0]!(), await runs[1]!(), await runs[2]!()];
    expect(counts.reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(await anchorJobs()).toEqual([
      { idempotencyKey: 'audit.write-anchors:2026-03-02T09:00:00.000Z', state: 'queued' },
    ]);
    // The next slot comes an hour later; within the hour nothing more is enqueued.
    clock.advance(30 * 60_000);
    expect(await runSchedules(second.db, clock, all)).toBe(0);
    clock.advance(15 * 60_000);
    expect(await runSchedules(second.db, clock, all)).toBe(all.length);
    expect((await anchorJobs()).map((j) => j.idempotencyKey)).toEqual([
      'audit.write-anchors:2026-03-02T09:00:00.000Z',
      'audit.write-anchors:2026-03-02T10:00:00.000Z',
    ]);
    expect(all.map((s) => s.name)).toContain('audit.write-anchors');
  });

  it('runs the audit anchor duty, which appends the chain heads to the anchor file', async () => {
    const clock = fixedClock('2026-03-02T11:05:00.000Z');
    const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
    await createAccountAs(database.db, clock, systemActor(ws.id), {
      email: 'anchor@example.com',
      name: 'Anchor Test',
      role: 'viewer',
      password: 'correct horse battery staple',
    });
    const worker = startWorker({
      db: database.db,
      clock,
      log: silentLogger,
      concurrency: 2,
      pollSeconds: 60,
      retryBaseSeconds: 1,
      retryCapSeconds: 1,
      stopSeconds: 5,
    });
    await worker.idle();
    await worker.stop();
    const anchors = parseAuditAnchors(readFileSync(join(dataDir, 'audit-anchors.jsonl'), 'utf8'));
    const head = await database.db
      .selectFrom('auditHeads')
      .selectAll()
      .where('workspaceId', '=', ws.id)
      .executeTakeFirstOrThrow();
    // Both queued slots ran; each appended the head as it stood.
    expect(anchors).toHaveLength(2);
    expect(anchors[1]).toMatchObject({ workspaceId: ws.id, seq: head.seq, hash: head.hash });
    expect((await anchorJobs()).map((j) => j.state)).toEqual(['done', 'done']);
    const sweeps = await database.db
      .selectFrom('jobs')
      .select('state')
      .where('type', 'in', ['accounts.sweep-sessions', 'db.optimize'])
      .execute();
    expect(sweeps.every((s) => s.state === 'done')).toBe(true);
  });
});
