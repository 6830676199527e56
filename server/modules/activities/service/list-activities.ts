import type { ActivityPage, ListActivitiesQuery } from '../../../../contract/activity-explorer.ts';
import { TOTAL_CAP } from '../../../../contract/common.ts';
import type { Ctx } from '../../../context.ts';
import { countUpTo } from '../../../db/count.ts';
import { pageOf, readCursor } from '../../../db/keyset.ts';
import { getSubject, subjectRef } from '../../subjects/index.ts';
import { presentActivity } from '../activities.presenter.ts';
import * as events from '../events.repo.ts';

/** The explorer's filters as the events query reads them. */
export const eventFilterOf = (subjectId: number, q: ListActivitiesQuery): events.EventFilter => ({
  subjectId,
  from: q.from,
  to: q.to,
  categories: q.category,
  activityTypes: q.activityType,
  indicator: q.indicator,
  reviewed: q.reviewed,
  alertId: q.alert,
  caseNumber: q.scope === 'case' ? q.case : undefined,
});

/**
 * One page of a subject's activity events, filtered and sorted, with the count on request.
 * Throws forbidden for guests, not_found, invalid_input for a bad cursor.
 */
export async function listActivities(
  ctx: Ctx,
  subjectId: number,
  q: ListActivitiesQuery,
): Promise<ActivityPage> {
  const subject = await getSubject(ctx, subjectId);
  const ws = ctx.actor.workspaceId;
  const filter = eventFilterOf(subjectId, q);
  const keys = { ...events.eventKeys[q.sort], order: q.order };
  const rows = await events.listEvents(
    ctx.db,
    ws,
    filter,
    keys,
    readCursor(q.cursor, keys),
    q.limit,
  );
  const { page, nextCursor } = pageOf(rows, q.limit, (r) =>
    q.sort === 'riskScore' ? [Number(r.riskScore), r.id] : [r.occurredAt, r.id],
  );
  const total = q.total
    ? await countUpTo(ctx.db, events.filteredEvents(ctx.db, ws, filter), TOTAL_CAP)
    : undefined;
  return {
    items: page.map(presentActivity),
    nextCursor,
    ...(total ? { total } : {}),
    subject: subjectRef(subject.id, subject.name, subject.email)!,
  };
}
