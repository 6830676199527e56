import { createHash } from 'node:crypto';
import type { EvidenceCustodyTable } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';

/** The fields of a custody entry that its hash covers, as stored (`details` is JSON text). */
export type CustodyFields = Omit<EvidenceCustodyTable, 'hash'>;

/**
 * The hash of a custody entry: SHA-256 over the canonical JSON of its fields, the previous
 * entry's hash among them (the item's own SHA-256 for the first entry). Pure.
 */
export function custodyHash(e: CustodyFields): string {
  const covered = {
    workspaceId: e.workspaceId,
    evidenceId: e.evidenceId,
    seq: e.seq,
    action: e.action,
    actorId: e.actorId,
    actorName: e.actorName,
    at: e.at,
    address: e.address,
    purpose: e.purpose,
    details: JSON.parse(e.details) as unknown,
    prevHash: e.prevHash,
  };
  return createHash('sha256').update(canonicalJson(covered)).digest('hex');
}

/**
 * Where a custody log stops holding together, or null when it is intact: each entry's seq
 * follows the last, its prevHash is the last entry's hash (the item's SHA-256 first), and its
 * hash is its own. `entries` in seq order; `head` what the item records as its last hash.
 */
export function brokenCustodyAt(
  sha256: string,
  entries: ReadonlyArray<CustodyFields & { hash: string }>,
  head: { seq: number; hash: string },
): { seq: number; problem: string } | null {
  let prev = sha256;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1) return { seq: i + 1, problem: 'an entry is missing' };
    if (e.prevHash !== prev) return { seq: e.seq, problem: 'it does not follow the entry before' };
    if (custodyHash(e) !== e.hash) return { seq: e.seq, problem: 'it was altered' };
    prev = e.hash;
  }
  if (head.seq !== entries.length || head.hash !== prev)
    return { seq: entries.length, problem: 'entries after it were removed' };
  return null;
}
