import type { Ctx } from '../../context.ts';
import { inTransaction, type EventType } from '../../events/index.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import { pageOf, readCursor } from '../../db/keyset.ts';

import { adjustCounters, insertSearchDoc, loadCase } from '../cases/index.ts';
import * as repo from './activity.repo.ts';

const COMMENT = 1;
const AUDIT = 0;

type Item =
  | {
      kind: 'comment';
      id: number;
      at: string;
      author: { id: number; name: string } | null;
      body: string;
      format: 'plain' | 'markdown';
    }
  | {
      kind: 'audit';
      id: number;
      at: string;
      actor: { id: number | null; name: string };
      action: string;
      targetType: string;
      targetId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    };

const parseJson = (text: string | null) =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

/**
 * Audited evidence events the activity log leaves out, for everyone: each is read on the item
 * itself (a view on its custody log; the server's parse of an e-mail or thumbnail of a capture
 * on its content), and a gallery alone records a view per tile shown. They are in the audit
 * log so that its consumers (live updates) hear of them.
 */
const READ_ON_THE_ITEM = [
  'evidence.viewed',
  'evidence.parse_finished',
  'evidence.thumbnail_finished',
] as const satisfies readonly EventType[];

interface FeedKey {
  at: string;
  rank: number;
  id: number;
}

/**
 * The activity log of a case, newest first: comments, audit events, or both. Evidence events
 * (names, hashes, download purposes) only to those who may see the evidence; views and the
 * server's content work never (`READ_ON_THE_ITEM`).
 */
export async function listActivity(
  ctx: Ctx,
  number: number,
  q: { kind: 'all' | 'comment' | 'audit'; limit: number; cursor?: string | undefined },
) {
  const { row, access } = await loadCase(ctx, number);
  const after = readCursor(q.cursor, repo.FEED_KEYS);
  const comments =
    q.kind === 'audit'
      ? []
      : await repo.listCommentsBefore(ctx.db, row.id, COMMENT, after, q.limit);
  const audits =
    q.kind === 'comment'
      ? []
      : await repo.listAuditBefore(
          ctx.db,
          row.id,
          AUDIT,
          after,
          q.limit,
          access.canManageEvidence,
          READ_ON_THE_ITEM,
        );
  const merged: Array<{ key: FeedKey; item: Item }> = [
    ...comments.map((c) => ({
      key: { at: c.createdAt, rank: COMMENT, id: c.id },
      item: {
        kind: 'comment' as const,
        id: c.id,
        at: c.createdAt,
        author: c.authorId === null ? null : { id: c.authorId, name: c.authorName ?? '' },
        body: c.body,
        format: c.format as 'plain' | 'markdown',
      },
    })),
    ...audits.map((a) => ({
      key: { at: a.occurredAt, rank: AUDIT, id: a.id },
      item: {
        kind: 'audit' as const,
        id: a.id,
        at: a.occurredAt,
        actor: { id: a.actorId, name: a.actorName },
        action: a.action,
        targetType: a.targetType,
        targetId: a.targetId,
        before: parseJson(a.before),
        after: parseJson(a.after),
      },
    })),
  ];
  merged.sort((x, y) =>
    x.key.at !== y.key.at
      ? x.key.at < y.key.at
        ? 1
        : -1
      : y.key.rank - x.key.rank || y.key.id - x.key.id,
  );
  const { page, nextCursor } = pageOf(merged, q.limit, (p) => [p.key.at, p.key.rank, p.key.id]);
  return { items: page.map((p) => p.item), nextCursor };
}

/**
 * Adds a permanent comment. Members with comments.add and the case's contributors may; others
 * get forbidden (or not_found when they cannot see the case). Its hash enters the audit chain.
 */
export async function addComment(
  ctx: Ctx,
  number: number,
  input: { body: string; format: 'plain' | 'markdown' },
) {
  const { row } = await loadCase(ctx, number, 'canComment');
  const at = ctx.clock.now().toISOString();
  const comment = await inTransaction(ctx, async (tx, emit) => {
    const c = await repo.insertComment(tx, {
      workspaceId: row.workspaceId,
      caseId: row.id,
      body: input.body,
      format: input.format,
      createdAt: at,
      authorId: ctx.actor.accountId,
    });
    await adjustCounters(tx, row.id, { commentCount: 1 }, at, ctx.actor.accountId);
    await insertSearchDoc(tx, {
      workspaceId: row.workspaceId,
      caseId: row.id,
      kind: 'comment',
      refId: c.id,
      body: c.body,
    });
    // Recorded outside the case's feed (no caseId), where the comment itself already shows;
    // the body's hash in the chain makes any later change to the comment detectable.
    await emit('comment.added', {
      workspaceId: row.workspaceId,
      at,
      targetId: c.id,
      after: { caseNumber: number, sha256: sha256Hex(c.body), format: c.format },
    });
    return c;
  });
  return {
    kind: 'comment' as const,
    id: comment.id,
    at: comment.createdAt,
    author: { id: ctx.actor.accountId, name: ctx.actor.name },
    body: comment.body,
    format: input.format,
  };
}
