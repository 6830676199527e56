import type { ActivityCategory, SubjectRisk } from '../../../../contract/activities.ts';
import type { Ctx } from '../../../context.ts';
import { getSubject } from '../../subjects/index.ts';
import { rollupOf } from '../activities.presenter.ts';
import * as repo from '../activities.repo.ts';
import { firstRiskDay, riskHistory } from '../risk.ts';

/**
 * A subject's risk score today, what it comes from, and its daily history, from the rollup
 * rows of the window (never the events). Throws forbidden for guests, not_found.
 */
export async function getSubjectRisk(
  ctx: Ctx,
  subjectId: number,
  days: number,
): Promise<SubjectRisk> {
  await getSubject(ctx, subjectId);
  const asOf = ctx.clock.now().toISOString();
  const today = asOf.slice(0, 10);
  const rows = await repo.listDays(
    ctx.db,
    ctx.actor.workspaceId,
    subjectId,
    firstRiskDay(today, days),
    today,
  );
  const { now, history } = riskHistory(rows.map(rollupOf), today, days);
  const c = now.contributor;
  const contributor = c ? { ...c, category: c.category as ActivityCategory } : null;
  return { score: now.score, asOf, contributor, history };
}
