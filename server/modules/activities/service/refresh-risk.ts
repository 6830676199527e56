import type { Db } from '../../../db/connection.ts';
import { markSubjectActivity, subjectActivityMarks } from '../../subjects/index.ts';
import * as repo from '../activities.repo.ts';
import { firstRiskDay, riskScoreOn } from '../risk.ts';

/** What a batch of new events brings to one subject: its highest weighted score, latest time. */
export interface NewActivity {
  /** The highest of the new events' risk scores weighted for `today` (eventRiskOn). */
  score: number;
  lastActivityAt: string;
}

const later = (a: string | null | undefined, b: string | null) =>
  !a ? b : !b || Date.parse(a) > Date.parse(b) ? a : b;
const sameTime = (a: string | null, b: string | null) =>
  a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));

/**
 * Works out the activity risk score on `today` of the given subjects and stores it on them,
 * with their latest activity times when given. Call inside the transaction that wrote the
 * rollup (or that holds the workspace's audit chain lock), so no batch changes the rows between
 * the read and the write.
 *
 * With `added` (what a batch of new events brought), a score already worked out for `today` is
 * raised without reading the rollup: new events can only raise a day's highest score, so the
 * highest weighted day is the higher of the stored score and the new events' own (the rounding
 * keeps the order). Subjects last worked out on another day are worked out from the rollup.
 * Rows whose marks do not change are not written.
 */
export async function refreshActivityRisk(
  tx: Db,
  workspaceId: number,
  subjectIds: number[],
  today: string,
  added: ReadonlyMap<number, NewActivity> = new Map(),
): Promise<void> {
  if (subjectIds.length === 0) return;
  const stored = await subjectActivityMarks(tx, workspaceId, subjectIds);
  const stale = stored.filter((s) => !added.has(s.id) || s.activityRiskOn !== today);
  const fromRollup = new Map<number, number>();
  if (stale.length > 0) {
    const ids = stale.map((s) => s.id);
    const rows = await repo.listDayMaxima(tx, workspaceId, ids, firstRiskDay(today, 1), today);
    const bySubject = new Map<number, Array<{ day: string; maxScore: number }>>();
    for (const r of rows) {
      const days = bySubject.get(r.subjectId) ?? [];
      days.push({ day: r.day, maxScore: Number(r.maxScore) });
      bySubject.set(r.subjectId, days);
    }
    for (const id of ids) fromRollup.set(id, riskScoreOn(bySubject.get(id) ?? [], today));
  }
  const marks = stored.flatMap((s) => {
    const news = added.get(s.id);
    const score = fromRollup.get(s.id) ?? Math.max(s.activityRiskScore, news?.score ?? 0);
    const lastActivityAt = later(news?.lastActivityAt, s.lastActivityAt);
    const same =
      score === s.activityRiskScore &&
      s.activityRiskOn === today &&
      sameTime(lastActivityAt, s.lastActivityAt);
    return same
      ? []
      : [{ id: s.id, activityRiskScore: score, activityRiskOn: today, lastActivityAt }];
  });
  await markSubjectActivity(tx, marks);
}
