import type { EvidenceProblem } from '../../../../contract/evidence-verify.ts';
import { inTransaction, type UnitCtx } from '../../../events/index.ts';
import { brokenCustodyAt } from '../custody.ts';
import * as evidenceRepo from '../evidence.repo.ts';
import type { ItemToVerify } from '../verify.repo.ts';
import * as repo from '../verify.repo.ts';
import type { VerifyOptions } from './verify-evidence.ts';
import type { BlobCheck } from './verify-blobs.ts';

/** What is wrong with an item, before it is placed (its id, case, hash). */
export type Found = Omit<EvidenceProblem, 'evidenceId' | 'caseNumber' | 'sha256'> & {
  actual: string | null;
};

/** The name custody entries of a verification carry: the server itself, no account. */
const VERIFIER = 'Casefile verification';

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
      detail: `its bytes are ${check.size} bytes long, not the ${item.sizeBytes} recorded`,
      actual: check.sha256,
    };
  return undefined;
}

/**
 * Checks a page of items in one transaction: the items' rows are locked, their custody logs read
 * and checked, and a `verified` or `integrity_failed` entry appended to each (the failure
 * audited), all of the page's entries in one insert.
 * Answers each item's problems.
 */
export function recordPage(
  unit: UnitCtx,
  ws: number,
  items: readonly ItemToVerify[],
  checks: ReadonlyMap<string, BlobCheck>,
  opts: VerifyOptions,
): Promise<Array<{ item: ItemToVerify; found: Found[] }>> {
  return inTransaction(unit, async (tx, emit, { at }) => {
    const ids = items.map((i) => i.id);
    const heads = await repo.lockCustodyHeads(tx, ws, ids);
    const logs = await repo.listCustodyOf(tx, ws, ids);
    const out = [];
    const appends: Array<{ entry: evidenceRepo.NewCustody; head: evidenceRepo.CustodyHead }> = [];
    for (const item of items) {
      const head = heads.get(item.id);
      if (!head) continue;
      const entries = logs.get(item.id) ?? [];
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
        appends.push({
          head: { seq: head.custodySeq, hash: head.custodyHead },
          entry: {
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
                : {
                    problem,
                    kinds: found.map((f) => f.kind),
                    expected: item.sha256,
                    actual,
                    ...run,
                  },
            ),
          },
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
    // The heads are locked: the page's entries go in one insert and one update.
    await evidenceRepo.appendCustodyToLocked(tx, appends);
    return out;
  });
}
