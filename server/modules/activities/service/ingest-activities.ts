import type { ActivityIn, ActivityIngestResult } from '../../../../contract/activities.ts';
import type { Ctx } from '../../../context.ts';
import type { Db } from '../../../db/connection.ts';
import { inTransaction, type Emit } from '../../../events/index.ts';
import { forbidden } from '../../../lib/errors.ts';
import { lockAuditChain } from '../../audit/index.ts';
import { subjectKey, upsertSubjects } from '../../subjects/index.ts';
import { canIngestActivity } from '../activities.policy.ts';
import { rollupOf } from '../activities.presenter.ts';
import * as repo from '../activities.repo.ts';
import { eventRiskOn } from '../risk.ts';
import { dayOf, mergeRollups, rollupKey } from '../rollup.ts';
import { refuseImpossibleTimes, resolveAlertLinks } from './link-alerts.ts';
import { refreshActivityRisk, type NewActivity } from './refresh-risk.ts';

/** A concurrent writer stored one of the batch's events first: the batch is retried whole. */
class RaceLost extends Error {}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (a: { source: string; externalId: string }) => `${a.source}\u0000${a.externalId}`;

/**
 * Stores a batch of valid activity events in one transaction: subjects upserted (not counted
 * as alerts), events inserted, the per-day rollups merged, one audit event. Idempotent on
 * (source, externalId): an event stored before, or twice in the batch, is a duplicate and
 * changes nothing. Throws forbidden without alerts.ingest, invalid_input for impossible times
 * or links to unknown alerts (and stores nothing).
 */
export async function ingestActivities(
  ctx: Ctx,
  events: ActivityIn[],
  limits: { futureSkewMinutes: number },
): Promise<ActivityIngestResult> {
  if (!canIngestActivity(ctx.actor)) throw forbidden();
  const at = ctx.clock.now().toISOString();
  refuseImpossibleTimes(events, Date.parse(at) + limits.futureSkewMinutes * 60_000);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(ctx, (tx, emit) => ingestIn(ctx, tx, emit, events, at));
    } catch (error) {
      if (!(error instanceof RaceLost) || attempt >= 3) throw error;
    }
  }
}

async function ingestIn(
  ctx: Ctx,
  tx: Db,
  emit: Emit,
  events: ActivityIn[],
  at: string,
): Promise<ActivityIngestResult> {
  const ws = ctx.actor.workspaceId;
  // Batches of a workspace take its audit chain one after another (a row lock on PostgreSQL;
  // SQLite has one writer), so the rollups read below cannot change before they are written.
  await lockAuditChain(tx, ws);
  const links = await resolveAlertLinks(tx, ws, events);
  const unique = new Map<string, { event: ActivityIn; alertId: number | null }>();
  events.forEach((event, i) => {
    if (!unique.has(keyOf(event))) unique.set(keyOf(event), { event, alertId: links[i] ?? null });
  });
  const stored = await repo.findStoredKeys(
    tx,
    ws,
    [...unique.values()].map(({ event: e }): [string, string] => [e.source, e.externalId]),
  );
  // Sorted by key, so that concurrent writers meet the unique index in the same order.
  const fresh = [...unique.entries()]
    .filter(([k]) => !stored.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, v]) => v);
  if (fresh.length === 0) return { created: 0, duplicates: events.length };

  const subjectIds = await upsertSubjects(
    tx,
    ws,
    fresh.map(({ event: e }) => ({
      subject: e.subject,
      riskScore: e.riskScore,
      detectedAt: e.occurredAt,
    })),
    at,
    { countAsAlerts: false },
  );
  const rows = fresh.map(({ event: e, alertId }) => ({
    workspaceId: ws,
    source: e.source,
    externalId: e.externalId,
    subjectId: subjectIds.get(subjectKey(e.subject))!,
    occurredAt: e.occurredAt,
    receivedAt: at,
    category: e.category,
    activityType: e.activityType,
    riskScore: e.riskScore,
    indicators: JSON.stringify(e.indicators),
    sequenceId: e.sequenceId ?? null,
    object: e.object ? JSON.stringify(e.object) : null,
    objectName: e.object?.name ?? null,
    sensitivityLabel: e.object?.sensitivityLabel ?? null,
    alertId,
    payload: JSON.stringify(e.payload ?? null),
    reviewedAt: null,
    reviewedBy: null,
  }));
  if ((await repo.insertEvents(tx, rows)) !== rows.length) throw new RaceLost();
  await updateRollups(tx, ws, rows, fresh);

  const today = at.slice(0, 10);
  const added = new Map<number, NewActivity>();
  for (const r of rows) {
    const score = eventRiskOn(r.riskScore, r.occurredAt, today);
    const seen = added.get(r.subjectId);
    if (!seen) added.set(r.subjectId, { score, lastActivityAt: r.occurredAt });
    else {
      seen.score = Math.max(seen.score, score);
      if (r.occurredAt > seen.lastActivityAt) seen.lastActivityAt = r.occurredAt;
    }
  }
  const touched = [...added.keys()].sort((a, b) => a - b);
  await refreshActivityRisk(tx, ws, touched, today, added);
  await emit('activities.ingested', {
    workspaceId: ws,
    at,
    targetId: touched[0]!,
    after: { count: rows.length, subjectIds: touched },
  });
  return { created: rows.length, duplicates: events.length - rows.length };
}

/** Reads the rollup rows the new events fall on, merges them in memory and writes them back. */
async function updateRollups(
  tx: Db,
  ws: number,
  rows: Array<{ subjectId: number; occurredAt: string; category: string; riskScore: number }>,
  fresh: Array<{ event: ActivityIn }>,
) {
  const subjects = [...new Set(rows.map((r) => r.subjectId))];
  const days = [...new Set(rows.map((r) => dayOf(r.occurredAt)))];
  const stored = new Map(
    (await repo.findDays(tx, ws, subjects, days)).map((r) => {
      const rollup = rollupOf(r);
      return [rollupKey(rollup), rollup];
    }),
  );
  const merged = mergeRollups(
    stored,
    rows.map((r, i) => ({ ...r, indicators: fresh[i]!.event.indicators })),
  );
  // In key order, so that concurrent writers meet the primary key in the same order.
  merged.sort(
    (a, b) => a.subjectId - b.subjectId || cmp(a.day, b.day) || cmp(a.category, b.category),
  );
  await repo.upsertDays(
    tx,
    merged.map((m) => ({ ...m, workspaceId: ws, indicators: JSON.stringify(m.indicators) })),
  );
}
