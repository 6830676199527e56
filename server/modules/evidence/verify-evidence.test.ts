import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceVerification } from '../../../contract/evidence-verify.ts';
import { EvidenceDetail } from '../../../contract/evidence.ts';
import { startWorker } from '../../jobs/index.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { PNG_1X1, uploadEvidence } from '../../testing/evidence.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { evidenceStoreOf } from './evidence-store.ts';
import { verifyEvidence, type VerifyScope } from './service/verify-evidence.ts';
import { provideVerificationStore } from './verify.job.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const blobPath = (hash: string) =>
  join(env.config.dataDir, 'evidence', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
const newCase = async () => {
  const res = await env.api('admin').post('/api/v1/cases', { title: 'Verified case' });
  const number = res.body.number as number;
  const row = await env.db
    .selectFrom('cases')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return { number, id: row.id };
};
const upload = async (number: number, bytes: Buffer | string, name = 'file.bin') => {
  const res = await uploadEvidence(env, number, bytes, { name });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
};
const detail = async (number: number, id: number) =>
  EvidenceDetail.parse(
    (await env.api('investigator').get(`/api/v1/cases/${number}/evidence/${id}`)).body,
  );

/** The store, counting how often each blob is opened. */
function countingStore() {
  const inner = evidenceStoreOf(env.config);
  const opened = new Map<string, number>();
  const store: BlobStore = {
    ...inner,
    open: (hash) => {
      opened.set(hash, (opened.get(hash) ?? 0) + 1);
      return inner.open(hash);
    },
  };
  return { store, opened };
}

const verify = (scope: VerifyScope, store = evidenceStoreOf(env.config), pageSize = 2) =>
  verifyEvidence({ db: env.db, clock: env.clock, log: silentLogger, store }, scope, { pageSize });
const caseScope = (c: { id: number; number: number }): VerifyScope => ({
  workspaceId: env.workspaceId,
  case: c,
});

describe('evidence verification', () => {
  it('hashes each stored file once, appends a verified entry to every custody log and records the run', async () => {
    const c = await newCase();
    const shared = Buffer.from('the same bytes in three items');
    const ids = [
      await upload(c.number, shared, 'one.txt'),
      await upload(c.number, shared, 'two.txt'),
      await upload(c.number, shared, 'three.txt'),
      await upload(c.number, PNG_1X1, 'screen.png'),
    ];
    const { store, opened } = countingStore();
    // Pages of two: the three items of one blob straddle a page, and are still read once.
    const report = await verify(caseScope(c), store);
    expect(report).toMatchObject({
      caseNumber: c.number,
      complete: true,
      items: 4,
      blobs: 2,
      bytes: shared.length + PNG_1X1.length,
      intact: 4,
      missing: 0,
      altered: 0,
      brokenChains: 0,
      unreferenced: null,
      problems: [],
    });
    expect([...opened.values()]).toEqual([1, 1]);
    for (const id of ids) {
      const d = await detail(c.number, id);
      expect(d.chainIntact).toBe(true);
      expect(d.custody.at(-1)).toMatchObject({
        action: 'verified',
        actor: null,
        details: { ok: true, sha256: d.sha256, sizeBytes: d.sizeBytes },
      });
    }
    const runs = await env.db
      .selectFrom('auditEvents')
      .select(['targetType', 'targetId', 'actorId', 'after'])
      .where('action', '=', 'evidence.verified')
      .execute();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ targetType: 'workspace', actorId: null });
    expect(JSON.parse(runs[0]!.after!)).toMatchObject({ items: 4, intact: 4, jobId: null });
  });

  it('names altered and missing bytes and a tampered custody log, recording each failure', async () => {
    const c = await newCase();
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const altered = await upload(c.number, big, 'disk.img');
    const missing = await upload(c.number, 'bytes that will be deleted');
    const tampered = await upload(c.number, 'bytes whose log is edited');
    const intact = await upload(c.number, 'bytes left alone');
    const path = blobPath(sha(big));
    chmodSync(path, 0o600);
    const flipped = Buffer.from(big);
    flipped[2_000_000] = 6;
    writeFileSync(path, flipped);
    rmSync(blobPath(sha('bytes that will be deleted')));
    await env.db
      .updateTable('evidenceCustody')
      .set({ actorName: 'Someone Else' })
      .where('evidenceId', '=', tampered)
      .where('seq', '=', 1)
      .execute();

    const report = await verify(caseScope(c));
    expect(report).toMatchObject({ items: 4, intact: 1, missing: 1, altered: 1, brokenChains: 1 });
    const byItem = Object.fromEntries(report.problems.map((p) => [p.evidenceId, p]));
    expect(byItem[altered]).toMatchObject({
      kind: 'altered',
      caseNumber: c.number,
      sha256: sha(big),
      detail: `its bytes have SHA-256 ${sha(flipped)}, not the ${sha(big)} recorded`,
    });
    expect(byItem[missing]).toMatchObject({
      kind: 'missing',
      detail: 'its bytes are missing from the store',
    });
    expect(byItem[tampered]).toMatchObject({
      kind: 'broken_chain',
      detail: 'its custody log breaks at entry #1: it was altered',
    });
    expect(byItem[intact]).toBeUndefined();
    expect((await detail(c.number, altered)).custody.at(-1)).toMatchObject({
      action: 'integrity_failed',
      details: { kinds: ['altered'], expected: sha(big), actual: sha(flipped) },
    });
    expect((await detail(c.number, missing)).custody.at(-1)?.action).toBe('integrity_failed');
    expect((await detail(c.number, intact)).custody.at(-1)?.action).toBe('verified');
    const failures = await env.db
      .selectFrom('auditEvents')
      .select('targetId')
      .where('action', '=', 'evidence.integrity_failed')
      .where('caseId', '=', c.id)
      .execute();
    expect(failures.map((f) => Number(f.targetId)).sort()).toEqual(
      [altered, missing, tampered].sort(),
    );
  });

  it('names entries slipped in past the head of a log, and appends nothing behind them', async () => {
    const c = await newCase();
    const id = await upload(c.number, 'bytes with a forged custody entry');
    const [last] = await env.db
      .selectFrom('evidenceCustody')
      .selectAll()
      .where('evidenceId', '=', id)
      .orderBy('seq', 'desc')
      .limit(1)
      .execute();
    await env.db
      .insertInto('evidenceCustody')
      .values({ ...last!, seq: last!.seq + 1, action: 'viewed', prevHash: last!.hash })
      .execute();
    const report = await verify(caseScope(c));
    expect(report.problems).toEqual([
      {
        kind: 'broken_chain',
        evidenceId: id,
        caseNumber: c.number,
        sha256: sha('bytes with a forged custody entry'),
        detail: `its custody log breaks at entry #${last!.seq + 1}: 1 entries were added past its head`,
      },
    ]);
    const entries = await env.db
      .selectFrom('evidenceCustody')
      .select('seq')
      .where('evidenceId', '=', id)
      .execute();
    expect(entries).toHaveLength(last!.seq + 1);
  });

  it('lists stored files no item refers to, only when the run covers the whole store', async () => {
    const c = await newCase();
    await upload(c.number, 'referenced bytes');
    const store = evidenceStoreOf(env.config);
    const orphan = Buffer.from('bytes of an upload whose item was never written');
    await store.put(Readable.from([orphan]), { maxBytes: 1024 });
    expect((await verify(caseScope(c))).unreferenced).toBeNull();
    const whole = await verify({ workspaceId: env.workspaceId });
    expect(whole.unreferenced).toBe(1);
    expect(whole.problems.filter((p) => p.kind === 'unreferenced')).toEqual([
      {
        kind: 'unreferenced',
        evidenceId: null,
        caseNumber: null,
        sha256: sha(orphan),
        detail: `stored (${orphan.length} bytes) but referred to by no evidence item`,
      },
    ]);
    // The earlier tests' damage is still there: a whole run finds it too.
    expect(whole).toMatchObject({ missing: 1, altered: 1, brokenChains: 2 });
    rmSync(blobPath(sha(orphan)), { force: true });
  });

  it('stops at the next page when asked, and says the run is not complete', async () => {
    const c = await newCase();
    for (const n of [1, 2, 3]) await upload(c.number, `page item ${n}`);
    const stop = new AbortController();
    const inner = evidenceStoreOf(env.config);
    // The first page's reads ask the run to stop: it finishes that page and goes no further.
    const store: BlobStore = {
      ...inner,
      open: (hash) => {
        stop.abort();
        return inner.open(hash);
      },
    };
    const report = await verifyEvidence(
      { db: env.db, clock: env.clock, log: silentLogger, store },
      caseScope(c),
      { pageSize: 2, signal: stop.signal },
    );
    expect(report).toMatchObject({ complete: false, items: 2, intact: 2 });
  });
});

describe('verification through the API', () => {
  it('queues a job for an administrator, runs it in the worker and answers its report', async () => {
    const c = await newCase();
    const id = await upload(c.number, readFileSync(new URL(import.meta.url)), 'source.ts');
    provideVerificationStore(evidenceStoreOf(env.config));
    const queued = await env.api('admin').post('/api/v1/evidence/verify', {
      caseNumber: c.number,
    });
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const jobId = queued.body.jobId as number;
    const before = EvidenceVerification.parse(
      (await env.api('admin').get(`/api/v1/evidence/verify/${jobId}`)).body,
    );
    expect(before).toMatchObject({ jobId, state: 'queued', caseNumber: c.number, report: null });

    const worker = startWorker({
      db: env.db,
      clock: env.clock,
      log: silentLogger,
      concurrency: 2,
      pollSeconds: 0.05,
      retryBaseSeconds: 1,
      retryCapSeconds: 1,
      stopSeconds: 5,
    });
    try {
      await worker.idle();
    } finally {
      await worker.stop();
    }
    const done = EvidenceVerification.parse(
      (await env.api('admin').get(`/api/v1/evidence/verify/${jobId}`)).body,
    );
    expect(done.state, done.lastError ?? '').toBe('done');
    expect(done.report).toMatchObject({ caseNumber: c.number, items: 1, intact: 1, problems: [] });
    expect((await detail(c.number, id)).custody.at(-1)).toMatchObject({
      action: 'verified',
      details: { jobId, requestedBy: { id: env.members.admin.id, name: 'Ada Admin' } },
    });
  });

  it('refuses a case that does not exist, and answers 404 for what is not a verification', async () => {
    const before = await fingerprint(env.db);
    const none = await env.api('admin').post('/api/v1/evidence/verify', { caseNumber: 99_999 });
    expect(none.status).toBe(404);
    expect(await fingerprint(env.db)).toEqual(before);
    const other = await env.db
      .insertInto('jobs')
      .values({
        workspaceId: env.workspaceId,
        type: 'audit.write-anchors',
        payload: '{}',
        runAt: '2026-03-02T09:00:00.000Z',
        maxAttempts: 1,
        idempotencyKey: 'not-a-verification',
        createdAt: '2026-03-02T09:00:00.000Z',
        updatedAt: '2026-03-02T09:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await env.api('admin').get(`/api/v1/evidence/verify/${other.id}`)).status).toBe(404);
    expect((await env.api('admin').get('/api/v1/evidence/verify/123456')).status).toBe(404);
  });
});
