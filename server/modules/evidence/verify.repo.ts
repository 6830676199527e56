import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isOneOf } from '../../db/dialect.ts';
import type { EvidenceCustodyRow } from '../../db/schema.ts';

/** The workspaces that hold evidence, in id order. */
export async function evidenceWorkspaces(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('evidenceItems')
    .select('workspaceId')
    .distinct()
    .orderBy('workspaceId')
    .execute();
  return rows.map((r) => r.workspaceId);
}

export interface ItemToVerify {
  id: number;
  caseId: number;
  sha256: string;
  sizeBytes: number;
}

/**
 * A page of a workspace's items (or one case's) in (sha256, id) order, after `after`: items that
 * share their bytes come one after the other, so each blob is read once. The order follows the
 * (workspace_id, sha256) index.
 */
export async function listItemsToVerify(
  db: Db,
  ws: number,
  caseId: number | undefined,
  after: { sha256: string; id: number } | undefined,
  limit: number,
): Promise<ItemToVerify[]> {
  let q = db
    .selectFrom('evidenceItems')
    .select(['id', 'caseId', 'sha256', 'sizeBytes'])
    .where('workspaceId', '=', ws);
  if (caseId !== undefined) q = q.where('caseId', '=', caseId);
  if (after)
    q = q.where(
      sql<boolean>`(sha256 > ${after.sha256} or (sha256 = ${after.sha256} and id > ${after.id}))`,
    );
  const rows = await q.orderBy('sha256').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
}

/**
 * Takes the row locks of the items until the transaction ends (a no-op write: on PostgreSQL the
 * rows' locks, on SQLite the write lock) and answers their custody heads by id, so that no entry
 * is appended between reading a log and appending to it. An item gone is not in the answer.
 */
export async function lockCustodyHeads(db: Db, ws: number, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { custodySeq: number; custodyHead: string }>();
  const rows = await db
    .updateTable('evidenceItems')
    .set((eb) => ({ custodySeq: eb.ref('custodySeq') }))
    .where('workspaceId', '=', ws)
    .where(isOneOf(db, 'id', ids))
    .returning(['id', 'custodySeq', 'custodyHead'])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The custody logs of the items, each oldest first, by item id (an empty log is absent). */
export async function listCustodyOf(db: Db, ws: number, ids: readonly number[]) {
  const logs = new Map<number, EvidenceCustodyRow[]>();
  if (ids.length === 0) return logs;
  const rows = await db
    .selectFrom('evidenceCustody')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where(isOneOf(db, 'evidenceId', ids))
    .orderBy('evidenceId')
    .orderBy('seq')
    .execute();
  for (const r of rows) {
    const log = logs.get(r.evidenceId);
    if (log) log.push(r);
    else logs.set(r.evidenceId, [r]);
  }
  return logs;
}

/** Which of `hashes` some item of the workspace refers to. */
export async function referencedHashes(
  db: Db,
  ws: number,
  hashes: readonly string[],
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db
    .selectFrom('evidenceItems')
    .select('sha256')
    .distinct()
    .where('workspaceId', '=', ws)
    .where(isOneOf(db, 'sha256', hashes))
    .execute();
  return new Set(rows.map((r) => r.sha256));
}

/** The id of the job of (type, key): `enqueueJob` answers whether it inserted, not the id. */
export const findJobIdByKey = async (db: Db, type: string, key: string) =>
  (
    await db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', type)
      .where('idempotencyKey', '=', key)
      .executeTakeFirst()
  )?.id;
