import type { EvidenceProblem, EvidenceReport } from '../../../../contract/evidence-verify.ts';
import type { Db } from '../../../db/connection.ts';
import { inTransaction, type PersonRef, type UnitCtx } from '../../../events/index.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { findCaseNumbers } from '../../cases/index.ts';
import { systemActor } from '../../workspaces/index.ts';
import * as repo from '../verify.repo.ts';
import type { ItemToVerify } from '../verify.repo.ts';
import { checkBlob, mapBounded, unreferencedBlobs, type BlobCheck } from './verify-blobs.ts';
import { recordPage } from './verify-page.ts';
import { addProblem, emptyTally, sumTallies, toReport, type Tally } from './verify-report.ts';

export interface VerifyDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  store: BlobStore;
}

export interface VerifyScope {
  /** One workspace's evidence; every workspace's when absent. */
  workspaceId?: number | undefined;
  /** One case of that workspace. */
  case?: { id: number; number: number } | undefined;
}

export interface VerifyOptions {
  /** Blobs read at the same time (default 4). */
  concurrency?: number;
  /** Items per transaction (default 200). */
  pageSize?: number;
  /** Stops the run at the next page: the report says it is not complete. */
  signal?: AbortSignal | undefined;
  /** Told of every problem as it is found (the report lists only the first 100). */
  onProblem?: (problem: EvidenceProblem) => void;
  /** The job that runs the verification, and who asked for it. */
  jobId?: number | undefined;
  requestedBy?: PersonRef | undefined;
}

/** The checks of the page's blobs, read a few at a time; the one carried over is not read again. */
async function readBlobs(
  deps: VerifyDeps,
  items: readonly ItemToVerify[],
  carried: { sha256: string; check: BlobCheck } | undefined,
  concurrency: number,
) {
  const hashes = [...new Set(items.map((i) => i.sha256))].filter((h) => h !== carried?.sha256);
  const read = await mapBounded(hashes, concurrency, (h) => checkBlob(deps.store, h));
  const checks = new Map<string, BlobCheck>(carried ? [[carried.sha256, carried.check]] : []);
  for (const [i, check] of read.entries()) checks.set(hashes[i]!, check);
  return { checks, read };
}

/**
 * Verifies a workspace's items page by page, the next page's files read while this page's
 * entries are written. Answers false when stopped (at the end of a page) before the last.
 */
async function verifyWorkspace(
  deps: VerifyDeps,
  ws: number,
  scope: VerifyScope,
  opts: VerifyOptions,
  t: Tally,
): Promise<boolean> {
  const unit: UnitCtx = { db: deps.db, actor: systemActor(ws), clock: deps.clock, log: deps.log };
  const pageSize = opts.pageSize ?? 200;
  const concurrency = opts.concurrency ?? 4;
  const list = (after?: ItemToVerify) =>
    repo.listItemsToVerify(deps.db, ws, scope.case?.id, after, pageSize);
  let items = await list();
  let reading = readBlobs(deps, items, undefined, concurrency);
  while (items.length > 0) {
    const { checks, read } = await reading;
    t.blobs += read.length;
    for (const check of read) if (check.state === 'read') t.bytes += check.size;
    // Items sharing bytes may straddle two pages: the last blob's check carries over.
    const tail = items.at(-1)!;
    const next = items.length < pageSize ? [] : await list(tail);
    reading = readBlobs(
      deps,
      next,
      { sha256: tail.sha256, check: checks.get(tail.sha256)! },
      concurrency,
    );
    const numbers = await findCaseNumbers(deps.db, ws, [...new Set(items.map((i) => i.caseId))]);
    for (const { item, found } of await recordPage(unit, ws, items, checks, opts)) {
      t.items += 1;
      if (found.length === 0) t.intact += 1;
      for (const f of found) {
        const problem: EvidenceProblem = {
          kind: f.kind,
          evidenceId: item.id,
          caseNumber: numbers.get(item.caseId) ?? null,
          sha256: item.sha256,
          detail: f.detail,
        };
        addProblem(t, problem);
        opts.onProblem?.(problem);
      }
    }
    if (opts.signal?.aborted && next.length > 0) return false;
    items = next;
  }
  return true;
}

/**
 * Verifies stored evidence: every item's bytes hashed again (streamed from the store, each blob
 * once, a few at a time) and its custody log checked, a `verified` or `integrity_failed` entry
 * appended to it; failures audited. A run over the whole store also lists the blobs no item
 * refers to. Each workspace's findings are recorded as an `evidence.verified` event. Answers the
 * report; throws only when the database or the store's listing fails.
 */
export async function verifyEvidence(
  deps: VerifyDeps,
  scope: VerifyScope,
  opts: VerifyOptions = {},
): Promise<EvidenceReport> {
  const startedAt = deps.clock.now().toISOString();
  const holding = await repo.evidenceWorkspaces(deps.db);
  const workspaces = scope.workspaceId === undefined ? holding : [scope.workspaceId];
  const wholeStore = scope.case === undefined && holding.every((ws) => workspaces.includes(ws));
  const tallies = new Map<number, Tally>();
  let complete = true;
  for (const ws of workspaces) {
    const t = emptyTally();
    tallies.set(ws, t);
    complete = await verifyWorkspace(deps, ws, scope, opts, t);
    if (!complete) break;
  }
  // Blobs belong to no workspace: with one workspace in the run they are counted in its record.
  const loose = workspaces.length === 1 ? tallies.get(workspaces[0]!)! : emptyTally();
  if (wholeStore && complete)
    for await (const blob of unreferencedBlobs(deps.db, deps.store, holding)) {
      const problem: EvidenceProblem = {
        kind: 'unreferenced',
        evidenceId: null,
        caseNumber: null,
        sha256: blob.sha256,
        detail: `stored (${blob.size ?? '?'} bytes) but referred to by no evidence item`,
      };
      addProblem(loose, problem);
      opts.onProblem?.(problem);
    }
  const run = {
    caseNumber: scope.case?.number ?? null,
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    complete,
    wholeStore,
  };
  for (const [ws, t] of tallies) {
    const report = toReport(t, { ...run, wholeStore: wholeStore && workspaces.length === 1 });
    const unit = { db: deps.db, actor: systemActor(ws), clock: deps.clock, log: deps.log };
    await inTransaction(unit, (_tx, emit) =>
      emit('evidence.verified', {
        targetType: opts.jobId === undefined ? 'workspace' : 'job',
        targetId: opts.jobId ?? ws,
        workspaceId: ws,
        after: { ...report, jobId: opts.jobId ?? null, requestedBy: opts.requestedBy ?? null },
      }),
    );
  }
  return toReport(
    sumTallies(workspaces.length === 1 ? tallies.values() : [...tallies.values(), loose]),
    run,
  );
}
