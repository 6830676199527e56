import type { ActivityDetail, ReviewOutcome } from '../../../../contract/activity-explorer.ts';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { canReviewActivity, canViewActivity } from '../activities.policy.ts';
import { getSubject, subjectRef } from '../../subjects/index.ts';
import { presentActivityDetail } from '../activities.presenter.ts';
import * as events from '../events.repo.ts';

/** One event with every field and its raw payload. Throws forbidden for guests, not_found. */
export async function getActivity(ctx: Ctx, id: number): Promise<ActivityDetail> {
  if (!canViewActivity(ctx.actor)) throw forbidden();
  const row = await events.findEvent(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Activity event ${id}`);
  const subject = await getSubject(ctx, row.subjectId);
  return presentActivityDetail(
    row,
    { canReview: canReviewActivity(ctx.actor) },
    subjectRef(subject.id, subject.name, subject.email)!,
  );
}

/**
 * Marks events reviewed (by the actor, now) or unreviewed; events already so are left as
 * they are. One `activities.reviewed` audit event per subject whose events changed. Throws
 * forbidden without the right to triage or manage cases, not_found (nothing changed) when an
 * id names no event of the workspace.
 */
export async function reviewActivities(
  ctx: Ctx,
  ids: number[],
  reviewed: boolean,
): Promise<ReviewOutcome> {
  if (!canViewActivity(ctx.actor)) throw forbidden();
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  return inTransaction(ctx, async (tx, emit) => {
    const ws = ctx.actor.workspaceId;
    const found = new Set((await events.findEventSubjects(tx, ws, unique)).map((r) => r.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) throw notFound(`Activity event ${missing.join(', ')}`);
    if (!canReviewActivity(ctx.actor)) throw forbidden();
    const at = ctx.clock.now().toISOString();
    const changed = await events.setReviewed(
      tx,
      ws,
      unique,
      reviewed ? { at, by: ctx.actor.accountId } : null,
    );
    const bySubject = new Map<number, number[]>();
    for (const r of changed)
      bySubject.set(r.subjectId, [...(bySubject.get(r.subjectId) ?? []), r.id]);
    for (const [subjectId, activityIds] of [...bySubject].sort(([a], [b]) => a - b))
      await emit('activities.reviewed', {
        targetId: subjectId,
        after: { reviewed, activityIds: activityIds.sort((a, b) => a - b) },
      });
    return { changed: changed.map((r) => r.id).sort((a, b) => a - b) };
  });
}
