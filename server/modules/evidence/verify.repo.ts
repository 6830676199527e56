import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isOneOf } from '../../db/dialect.ts';

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
 * Takes the item's row lock until the transaction ends (a no-op write: on PostgreSQL the row
 * lock, on SQLite the write lock) and answers its custody head, so that no entry is appended
 * between reading the log and appending to it. Undefined when the item is gone.
 */
export const lockCustodyHead = (db: Db, ws: number, id: number) =>
  db
    .updateTable('evidenceItems')
    .set((eb) => ({ custodySeq: eb.ref('custodySeq') }))
    .where('workspaceId', '=', ws)
    .where('id', '=', id)
    .returning(['custodySeq', 'custodyHead'])
    .executeTakeFirst();

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
