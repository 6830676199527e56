import type { ActivityDaysQuery } from '../../../../contract/activities.ts';
import type { Ctx } from '../../../context.ts';
import { invalidInput } from '../../../lib/errors.ts';
import { getSubject } from '../../subjects/index.ts';
import { presentDay, rollupOf } from '../activities.presenter.ts';
import * as repo from '../activities.repo.ts';

const DAY_MS = 86_400_000;
/** Ten years of days and seven categories: at most about 25,000 rows in one answer. */
export const MAX_WINDOW_DAYS = 3660;

/**
 * A subject's stored daily rollup rows in a window of days (default: the last 90). Throws
 * forbidden for guests, not_found, invalid_input for a window that is reversed or too wide.
 */
export async function listActivityDays(ctx: Ctx, subjectId: number, q: ActivityDaysQuery) {
  await getSubject(ctx, subjectId);
  const to = q.to ?? ctx.clock.now().toISOString().slice(0, 10);
  const from =
    q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 89 * DAY_MS).toISOString().slice(0, 10);
  const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (span < 1 || span > MAX_WINDOW_DAYS)
    throw invalidInput('The window of days is not valid', [
      {
        path: 'query.from',
        message: span < 1 ? 'is after `to`' : `the window is wider than ${MAX_WINDOW_DAYS} days`,
      },
    ]);
  const rows = await repo.listDays(ctx.db, ctx.actor.workspaceId, subjectId, from, to);
  return { from, to, items: rows.map((r) => presentDay(rollupOf(r))) };
}
