import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type {
  EvidenceMessageAttachmentsTable,
  EvidenceMessagesTable,
  EvidenceThumbnailsTable,
} from '../../db/schema.ts';

/** What a content job needs of an item: where its bytes are and what they are. */
export const itemForWork = (db: Db, ws: number, id: number) =>
  db
    .selectFrom('evidenceItems')
    .select(['id', 'caseId', 'sha256', 'sizeBytes', 'detectedType'])
    .where('workspaceId', '=', ws)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertPendingMessage = (db: Db, ws: number, evidenceId: number, at: string) =>
  db
    .insertInto('evidenceMessages')
    .values({
      workspaceId: ws,
      evidenceId,
      status: 'pending',
      truncated: '[]',
      createdAt: at,
      updatedAt: at,
    })
    .execute();

export const insertPendingThumbnail = (db: Db, ws: number, evidenceId: number, at: string) =>
  db
    .insertInto('evidenceThumbnails')
    .values({ workspaceId: ws, evidenceId, status: 'pending', createdAt: at, updatedAt: at })
    .execute();

export const findMessage = (db: Db, ws: number, evidenceId: number) =>
  db
    .selectFrom('evidenceMessages')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .executeTakeFirst();
export type MessageRow = NonNullable<Awaited<ReturnType<typeof findMessage>>>;

export const listAttachments = (db: Db, ws: number, evidenceId: number) =>
  db
    .selectFrom('evidenceMessageAttachments')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .orderBy('idx')
    .execute();
export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export const findAttachment = (db: Db, ws: number, evidenceId: number, idx: number) =>
  db
    .selectFrom('evidenceMessageAttachments')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .where('idx', '=', idx)
    .executeTakeFirst();

/**
 * Stores a parse's outcome on a pending message, with its attachments when parsed; answers
 * false (and writes nothing) when the message is no longer pending: a job that runs again
 * after its first run committed changes nothing. Call it inside a transaction.
 */
export async function finishMessage(
  tx: Db,
  ws: number,
  evidenceId: number,
  outcome: Omit<Updateable<EvidenceMessagesTable>, 'workspaceId' | 'evidenceId'>,
  attachments: Omit<Insertable<EvidenceMessageAttachmentsTable>, 'workspaceId' | 'evidenceId'>[],
): Promise<boolean> {
  const done = await tx
    .updateTable('evidenceMessages')
    .set(outcome)
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  for (const a of attachments)
    await tx
      .insertInto('evidenceMessageAttachments')
      .values({ ...a, workspaceId: ws, evidenceId })
      .execute();
  return true;
}

/**
 * Links an attachment to the evidence item made from it, unless one was linked already:
 * answers whether this call linked it. On PostgreSQL the update waits for a concurrent one on
 * the same row and then finds it linked.
 */
export async function linkAttachmentItem(
  tx: Db,
  ws: number,
  evidenceId: number,
  idx: number,
  itemId: number,
): Promise<boolean> {
  const done = await tx
    .updateTable('evidenceMessageAttachments')
    .set({ itemId })
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .where('idx', '=', idx)
    .where('itemId', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

export const findThumbnail = (db: Db, ws: number, evidenceId: number) =>
  db
    .selectFrom('evidenceThumbnails')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .executeTakeFirst();

/** Stores a thumbnail job's outcome on a pending thumbnail; false when it was not pending. */
export async function finishThumbnail(
  db: Db,
  ws: number,
  evidenceId: number,
  outcome: Omit<Updateable<EvidenceThumbnailsTable>, 'workspaceId' | 'evidenceId'>,
): Promise<boolean> {
  const done = await db
    .updateTable('evidenceThumbnails')
    .set(outcome)
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
