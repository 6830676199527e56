import type { Insertable } from 'kysely';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { Db } from '../../db/connection.ts';
import type { CommentsTable } from '../../db/schema.ts';

export const insertComment = (db: Db, row: Insertable<CommentsTable>) =>
  db.insertInto('comments').values(row).returningAll().executeTakeFirstOrThrow();

/**
 * Position in the activity feed: newest first by (time, rank, id); at the same instant audit
 * (rank 0) sorts after comments (1). Each table reads its own page with its rank as a constant.
 */
const feedKeys = (at: string, rank: number, id: string): Keyset => ({
  columns: [at, { constant: rank }, id],
  kinds: ['time', 'int', 'int'],
  order: 'desc',
});
export const FEED_KEYS = feedKeys('at', 0, 'id');

export function listCommentsBefore(
  db: Db,
  caseId: number,
  rank: number,
  after: KeyValue[] | undefined,
  limit: number,
) {
  const q = db
    .selectFrom('comments')
    .leftJoin('accounts', 'accounts.id', 'comments.authorId')
    .selectAll('comments')
    .select('accounts.name as authorName')
    .where('comments.caseId', '=', caseId);
  return keysetPage(q, feedKeys('comments.createdAt', rank, 'comments.id'), after, limit).execute();
}

/**
 * The case's audit events before a position, but those of the `left` types; evidence events
 * only `withEvidence`.
 */
export function listAuditBefore(
  db: Db,
  caseId: number,
  rank: number,
  after: KeyValue[] | undefined,
  limit: number,
  withEvidence: boolean,
  left: readonly string[],
) {
  let q = db.selectFrom('auditEvents').selectAll().where('caseId', '=', caseId);
  if (!withEvidence) q = q.where('targetType', '<>', 'evidence');
  if (left.length > 0) q = q.where('action', 'not in', left);
  return keysetPage(
    q,
    feedKeys('auditEvents.occurredAt', rank, 'auditEvents.id'),
    after,
    limit,
  ).execute();
}
