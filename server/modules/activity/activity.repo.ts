import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { CommentsTable } from '../../db/schema.ts';

export const insertComment = (db: Db, row: Insertable<CommentsTable>) =>
  db.insertInto('comments').values(row).returningAll().executeTakeFirstOrThrow();

/** Position in the activity feed: newest first; at the same instant audit (0) sorts after comments (1). */
export interface FeedKey {
  at: string;
  rank: number;
  id: number;
}

export function listCommentsBefore(
  db: Db,
  caseId: number,
  rank: number,
  after: FeedKey | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('comments')
    .leftJoin('accounts', 'accounts.id', 'comments.authorId')
    .selectAll('comments')
    .select('accounts.name as authorName')
    .where('comments.caseId', '=', caseId);
  if (after) {
    q = q.where((eb) =>
      rank < after.rank
        ? eb('comments.createdAt', '<=', after.at)
        : rank > after.rank
          ? eb('comments.createdAt', '<', after.at)
          : eb(eb.refTuple('comments.createdAt', 'comments.id'), '<', eb.tuple(after.at, after.id)),
    );
  }
  return q
    .orderBy('comments.createdAt', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .execute();
}

export function listAuditBefore(
  db: Db,
  caseId: number,
  rank: number,
  after: FeedKey | undefined,
  limit: number,
) {
  let q = db.selectFrom('auditEvents').selectAll().where('caseId', '=', caseId);
  if (after) {
    q = q.where((eb) =>
      rank < after.rank
        ? eb('occurredAt', '<=', after.at)
        : rank > after.rank
          ? eb('occurredAt', '<', after.at)
          : eb(eb.refTuple('occurredAt', 'id'), '<', eb.tuple(after.at, after.id)),
    );
  }
  return q.orderBy('occurredAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
