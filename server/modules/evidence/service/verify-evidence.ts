import type { EvidenceProblem, EvidenceReport } from '../../../../contract/evidence-verify.ts';
import type { Db } from '../../../db/connection.ts';
import { inTransaction, type PersonRef, type UnitCtx } from '../../../events/index.ts';
import type { Clock } from '../../../lib/clock.ts';
import type { Logger } from '../../../lib/logger.ts';
import type { BlobStore } from '../../../storage/blob-store.ts';
import { findCaseNumbers } from '../../cases/index.ts';
import { systemActor } from '../../workspaces/index.ts';
import { brokenCustodyAt } from '../custody.ts';
import * as evidenceRepo from '../evidence.repo.ts';
import * as repo from '../verify.repo.ts';
import type { ItemToVerify } from '../verify.repo.ts';
import { checkBlob, mapBounded, unreferencedBlobs, type BlobCheck } from './verify-blobs.ts';
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

/** The name custody entries of a verification carry: the server itself, no account. */
const VERIFIER = 'Casefile verification';

type Found = Omit<EvidenceProblem, 'evidenceId' | 'caseNumber' | 'sha256'> & {
  actual: string | null;
};

function blobProblem(item: ItemToVerify, check: BlobCheck): Found | undefined {
  if (check.state === 'missing')
    return { kind: 'missing', detail: 'its bytes are missing from the store', actual: null };
  if (check.state === 'unreadable')
    return {
      kind: 'unreadable',
      detail: `its bytes could not be read: ${check.error}`,
      actual: null,
    };
  if (check.sha256 !== item.sha256)
    return {
      kind: 'altered',
      detail: `its bytes have SHA-256 ${check.sha256}, not the ${item.sha256} recorded`,
      actual: check.sha256,
    };
  if (check.size !== item.sizeBytes)
    return {
      kind: 'altered',
      detail: `its bytes are ${check.size} long, not the ${item.sizeBytes} recorded`,
      actual: check.sha256,
    };
  return undefined;
}

/**
 * Checks a page of items in one transaction: each item's row is locked, its custody log read
 * and checked, and a `verified` or `integrity_failed` entry appended (the failure audited).
 * Answers each item's problems.
 */
function recordPage(
  unit: UnitCtx,
  ws: number,
  items: readonly ItemToVerify[],
  checks: ReadonlyMap<string, BlobCheck>,
  opts: VerifyOptions,
): Promise<Array<{ item: ItemToVerify; found: Found[] }>> {
  return inTransaction(unit, async (tx, emit, { at }) => {
    const out = [];
    for (const item of items) {
      const head = await repo.lockCustodyHead(tx, ws, item.id);
      if (!head) continue;
      const entries = await evidenceRepo.listCustody(tx, ws, item.id);
      const check = checks.get(item.sha256)!;
      const found: Found[] = [];
      const blob = blobProblem(item, check);
      if (blob) found.push(blob);
      // Rows past the head were put there behind the log's back: an append would collide.
      const pastHead = entries.filter((e) => e.seq > head.custodySeq).length;
      const broken =
        pastHead > 0
          ? { seq: head.custodySeq + 1, problem: `${pastHead} entries were added past its head` }
          : brokenCustodyAt(item.sha256, entries, { seq: head.custodySeq, hash: head.custodyHead });
      if (broken)
        found.push({
          kind: 'broken_chain',
          detail: `its custody log breaks at entry #${broken.seq}: ${broken.problem}`,
          actual: null,
        });
      const actual = check.state === 'read' ? check.sha256 : null;
      const run = {
        ...(opts.jobId !== undefined && { jobId: opts.jobId }),
        ...(opts.requestedBy && { requestedBy: opts.requestedBy }),
      };
      const problem = found.map((f) => f.detail).join('; ');
      if (pastHead === 0)
        await evidenceRepo.appendCustody(tx, {
          workspaceId: ws,
          evidenceId: item.id,
          action: found.length === 0 ? 'verified' : 'integrity_failed',
          actorId: null,
          actorName: VERIFIER,
          at,
          address: null,
          purpose: null,
          details: JSON.stringify(
            found.length === 0
              ? { sha256: actual, sizeBytes: item.sizeBytes, ok: true, ...run }
              : { problem, kinds: found.map((f) => f.kind), expected: item.sha256, actual, ...run },
          ),
        });
      if (found.length > 0)
        await emit('evidence.integrity_failed', {
          targetId: item.id,
          caseId: item.caseId,
          before: { sha256: item.sha256 },
          after: { problem, actual },
        });
      out.push({ item, found });
    }
    return out;
  });
}

/** Verifies a workspace's items page by page; answers false when stopped before the end. */
async function verifyWorkspace(
  deps: VerifyDeps,
  ws: number,
  scope: VerifyScope,
  opts: VerifyOptions,
  t: Tally,
): Promise<boolean> {
  const unit: UnitCtx = { db: deps.db, actor: systemActor(ws), clock: deps.clock, log: deps.log };
  const pageSize = opts.pageSize ?? 200;
  let after: { sha256: string; id: number } | undefined;
  // Items sharing bytes may straddle two pages: the last blob's check carries over.
  let last: { sha256: string; check: BlobCheck } | undefined;
  for (;;) {
    if (opts.signal?.aborted) return false;
    const items = await repo.listItemsToVerify(deps.db, ws, scope.case?.id, after, pageSize);
    if (items.length === 0) return true;
    const hashes = [...new Set(items.map((i) => i.sha256))].filter((h) => h !== last?.sha256);
    const read = await mapBounded(hashes, opts.concurrency ?? 4, (h) => checkBlob(deps.store, h));
    const checks = new Map<string, BlobCheck>(last ? [[last.sha256, last.check]] : []);
    for (const [i, check] of read.entries()) {
      checks.set(hashes[i]!, check);
      t.blobs += 1;
      if (check.state === 'read') t.bytes += check.size;
    }
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
    const tail = items.at(-1)!;
    after = { sha256: tail.sha256, id: tail.id };
    last = { sha256: tail.sha256, check: checks.get(tail.sha256)! };
    if (items.length < pageSize) return true;
  }
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
