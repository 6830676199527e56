import type { Db } from '../../../db/connection.ts';
import { markSubjectActivity } from '../../subjects/index.ts';
import * as repo from '../activities.repo.ts';
import { firstRiskDay, riskScoreOn } from '../risk.ts';

/**
 * Works out the activity risk score on `today` of the given subjects from their rollup rows
 * and stores it on them, with their latest activity times when given. Call inside the
 * transaction that wrote the rollup (or that holds the workspace's audit chain lock), so no
 * batch changes the rows between the read and the write.
 */
export async function refreshActivityRisk(
  tx: Db,
  workspaceId: number,
  subjectIds: number[],
  today: string,
  lastActivity: ReadonlyMap<number, string> = new Map(),
): Promise<void> {
  if (subjectIds.length === 0) return;
  const rows = await repo.listDayMaxima(tx, workspaceId, subjectIds, firstRiskDay(today, 1), today);
  const bySubject = new Map<number, Array<{ day: string; maxScore: number }>>();
  for (const r of rows)
    bySubject.set(r.subjectId, [
      ...(bySubject.get(r.subjectId) ?? []),
      { day: r.day, maxScore: Number(r.maxScore) },
    ]);
  await markSubjectActivity(
    tx,
    workspaceId,
    subjectIds.map((id) => ({
      id,
      activityRiskScore: riskScoreOn(bySubject.get(id) ?? [], today),
      activityRiskOn: today,
      lastActivityAt: lastActivity.get(id) ?? null,
    })),
  );
}
