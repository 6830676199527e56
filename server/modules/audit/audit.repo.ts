import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { isPostgres } from '../../db/dialect.ts';
import type { AuditEventRow } from '../../db/schema.ts';

export type NewAuditEvent = Omit<AuditEventRow, 'id'>;

/** Takes the next sequence number of the workspace's chain and locks its head until commit. */
export async function advanceHead(
  db: Db,
  workspaceId: number,
): Promise<{ seq: number; prevHash: string }> {
  const row = await db
    .updateTable('auditHeads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('workspaceId', '=', workspaceId)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: row.seq, prevHash: row.hash };
}

export async function setHeadHash(db: Db, workspaceId: number, hash: string): Promise<void> {
  await db.updateTable('auditHeads').set({ hash }).where('workspaceId', '=', workspaceId).execute();
}

export async function insertHead(db: Db, workspaceId: number, hash: string): Promise<void> {
  await db.insertInto('auditHeads').values({ workspaceId, seq: 0, hash }).execute();
}

export async function insertEvent(db: Db, event: NewAuditEvent): Promise<void> {
  await db.insertInto('auditEvents').values(event).execute();
}

/** Events of a workspace in chain order, from `afterSeq`, a page at a time. */
export function listChainPage(db: Db, workspaceId: number, afterSeq: number, limit: number) {
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function findHead(db: Db, workspaceId: number) {
  return db
    .selectFrom('auditHeads')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .executeTakeFirst();
}

/** Locks the workspace's audit head until the transaction ends (PostgreSQL; SQLite has one writer). */
export async function lockHead(db: Db, workspaceId: number): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`select seq from audit_heads where workspace_id = ${workspaceId} for update`.execute(db);
}

/** The head of every workspace's chain. */
export const listHeads = (db: Db) =>
  db
    .selectFrom('auditHeads')
    .select(['workspaceId', 'seq', 'hash'])
    .orderBy('workspaceId')
    .execute();

/** The hashes of the given events of a workspace's chain, by sequence number. */
export async function findHashes(db: Db, workspaceId: number, seqs: number[]) {
  const out = new Map<number, string>();
  for (let i = 0; i < seqs.length; i += 500) {
    const rows = await db
      .selectFrom('auditEvents')
      .select(['seq', 'hash'])
      .where('workspaceId', '=', workspaceId)
      .where('seq', 'in', seqs.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.seq, r.hash);
  }
  return out;
}

export const findEventBySeq = (db: Db, workspaceId: number, seq: number) =>
  db
    .selectFrom('auditEvents')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('seq', '=', seq)
    .executeTakeFirst();
