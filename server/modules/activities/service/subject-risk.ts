import type { ActivityCategory, SubjectRisk } from '../../../../contract/activities.ts';
import type { Ctx } from '../../../context.ts';
import { getSubject } from '../../subjects/index.ts';
import * as repo from '../activities.repo.ts';
import { firstRiskDay, riskHistory } from '../risk.ts';
import type { IndicatorStat } from '../rollup.ts';

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
  // Indicators are parsed for the one row that explains the score, not for hundreds.
  const dayRows = rows.map((r) => ({
    day: r.day,
    category: r.category,
    maxScore: Number(r.maxScore),
    eventCount: Number(r.eventCount),
    get indicators(): IndicatorStat[] {
      return JSON.parse(r.indicators) as IndicatorStat[];
    },
  }));
  const { now, history } = riskHistory(dayRows, today, days);
  const c = now.contributor;
  const contributor = c ? { ...c, category: c.category as ActivityCategory } : null;
  return { score: now.score, asOf, contributor, history };
}
