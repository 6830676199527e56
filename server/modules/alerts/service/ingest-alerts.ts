import type { AlertIn, IngestResult } from '../../../../contract/alerts.ts';
import { inTransaction, joinUnit } from '../../../events/index.ts';
import { withDb, type Ctx } from '../../../context.ts';
import type { Db } from '../../../db/connection.ts';
import { forbidden, invalidInput } from '../../../lib/errors.ts';
import { lockAuditChain } from '../../audit/index.ts';
import { subjectKey, upsertSubjects } from '../../subjects/index.ts';
import { canIngestAlerts } from '../alerts.policy.ts';
import { severityRank } from '../alerts.presenter.ts';
import * as repo from '../alerts.repo.ts';
import { loadWorkspaceSettings } from '../../settings/index.ts';
import { correlate, type CorrelationLimits } from './correlate.ts';
import { splitOnCommonKeys } from './split-incidents.ts';
import { impossibleTimes } from '../../../lib/source-times.ts';

/** A concurrent writer stored one of the batch's alerts first: the batch is retried whole. */
class RaceLost extends Error {}

/**
 * An alert to store; `settledAtSource` (a reason) marks one its source already settled, such as
 * a compliance check that passed: it is stored dismissed, outside any incident, not queued.
 */
export type IngestItem = AlertIn & { settledAtSource?: string };

/**
 * Stores the activity events alerts carry, inside the alerts' transaction. The activities
 * module provides it (wired in server/routes.ts): it looks alerts up, so alerts never import
 * it back.
 */
export type StoreAlertActivities = (
  ctx: Ctx,
  items: Array<{
    /** Where the alert is in the request's batch, for error details. */
    index: number;
    alertId: number;
    source: string;
    subject: NonNullable<AlertIn['subject']>;
    activities: NonNullable<AlertIn['activities']>;
  }>,
) => Promise<{ created: number; duplicates: number }>;

export type IngestLimits = CorrelationLimits & { storeActivities?: StoreAlertActivities };

const keyOf = (a: { source: string; externalId: string }) => `${a.source}\u0000${a.externalId}`;

/**
 * Stores a batch of valid alerts in one transaction: subjects upserted, alerts correlated into
 * incidents, one audit event. Idempotent on (source, externalId): an alert stored before (or
 * twice in the batch) is answered with its id and `created: false`. Throws forbidden without
 * alerts.ingest.
 */
export async function ingestAlerts(
  ctx: Ctx,
  alerts: IngestItem[],
  limits: IngestLimits,
): Promise<IngestResult> {
  if (!canIngestAlerts(ctx.actor)) throw forbidden();
  const at = ctx.clock.now().toISOString();
  refuseImpossibleTimes(alerts, Date.parse(at) + (limits.futureSkewMinutes ?? 60) * 60_000);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await inTransaction(ctx, (tx) => ingestIn(ctx, tx, alerts, limits, at));
    } catch (error) {
      if (!(error instanceof RaceLost) || attempt >= 3) throw error;
    }
  }
}

/** Detections before 1970 or later than `latest` are typing or clock errors of the source. */
function refuseImpossibleTimes(alerts: AlertIn[], latest: number) {
  const wrong = impossibleTimes(
    alerts.map((a) => a.detectedAt),
    latest,
    (i) => `body.alerts.${i}.detectedAt`,
  );
  if (wrong.length > 0)
    throw invalidInput('Some alerts carry a detection time that cannot be right', wrong);
}

async function ingestIn(
  ctx: Ctx,
  tx: Db,
  alerts: IngestItem[],
  limits: IngestLimits,
  at: string,
): Promise<IngestResult> {
  const ws = ctx.actor.workspaceId;
  await lockAuditChain(tx, ws);
  const settings = { ...limits, ...(await loadWorkspaceSettings(tx, ws)).correlation };
  const unique = new Map<string, IngestItem>();
  for (const a of alerts) if (!unique.has(keyOf(a))) unique.set(keyOf(a), a);
  const stored = new Map<string, { id: number; incidentId: number | null }>();
  const keys = [...unique.values()].map((a): [string, string] => [a.source, a.externalId]);
  for (const r of await repo.findByKeys(tx, ws, keys)) stored.set(keyOf(r), r);
  // Sorted by key, so that concurrent writers meet the unique index in the same order.
  const fresh = [...unique.entries()]
    .filter(([k]) => !stored.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, a]) => a);

  const subjectIds = await upsertSubjects(
    tx,
    ws,
    fresh.flatMap((a) =>
      a.subject ? [{ subject: a.subject, riskScore: a.riskScore, detectedAt: a.detectedAt }] : [],
    ),
    at,
  );
  const subjectOf = (a: AlertIn) =>
    a.subject ? (subjectIds.get(subjectKey(a.subject)) ?? null) : null;
  // Alerts the source settled join no incident: only the open ones are correlated.
  const open = fresh.flatMap((a, i) => (a.settledAtSource === undefined ? [i] : []));
  const correlated = await correlate(
    tx,
    ws,
    open.map((i) => ({ ...fresh[i]!, subjectId: subjectOf(fresh[i]!) })),
    settings,
    at,
  );
  const { created: newIncidents, commonKeys } = correlated;
  const incidentIds: Array<number | null | undefined> = [];
  const reasons: Array<string | null | undefined> = [];
  open.forEach((i, j) => {
    incidentIds[i] = correlated.incidentIds[j];
    reasons[i] = correlated.keys[j];
  });
  const inserted = await repo.insertAlerts(
    tx,
    fresh.map((a, i) => ({
      workspaceId: ws,
      source: a.source,
      externalId: a.externalId,
      title: a.title,
      description: a.description,
      severity: a.severity,
      severityRank: severityRank[a.severity],
      riskScore: a.riskScore,
      status: a.settledAtSource === undefined ? 'needs_review' : 'dismissed',
      detectedAt: a.detectedAt,
      receivedAt: at,
      subjectId: subjectOf(a),
      incidentId: incidentIds[i] ?? null,
      events: JSON.stringify(a.events),
      payload: JSON.stringify(a.payload ?? null),
      triagedAt: a.settledAtSource === undefined ? null : at,
      triagedBy: null,
      dismissReason: a.settledAtSource ?? null,
      dismissCategory: a.settledAtSource === undefined ? null : 'other',
      correlationKey: reasons[i] ?? null,
      sourceStatus: a.sourceStatus ?? null,
      sourceSeverity: a.sourceSeverity ?? null,
    })),
  );
  if (inserted.length !== fresh.length) throw new RaceLost();
  const idOf = new Map(inserted.map((r) => [keyOf(r), r.id]));
  await repo.insertEntities(
    tx,
    fresh.flatMap((a, i) =>
      a.entities.map((e) => ({
        workspaceId: ws,
        alertId: idOf.get(keyOf(a))!,
        incidentId: incidentIds[i] ?? null,
        type: e.type,
        value: e.value,
      })),
    ),
  );
  const moved = await splitOnCommonKeys(ctx, tx, commonKeys, settings, at);
  fresh.forEach((a, i) => {
    const id = idOf.get(keyOf(a))!;
    stored.set(keyOf(a), { id, incidentId: moved.get(id) ?? incidentIds[i] ?? null });
  });
  if (fresh.length > 0) {
    await repo.touchSources(tx, ws, [...new Set(fresh.map((a) => a.source))], at);
    const ids = inserted.map((r) => r.id).sort((a, b) => a - b);
    await joinUnit(tx).emit('alerts.ingested', {
      workspaceId: ws,
      at,
      targetId: ids[0]!,
      after: { alertIds: ids, newIncidentIds: newIncidents },
    });
  }
  const createdKeys = new Set(fresh.map(keyOf));
  const seen = new Set<string>();
  const results = alerts.map((a) => {
    const k = keyOf(a);
    const hit = stored.get(k)!;
    const created = createdKeys.has(k) && !seen.has(k);
    seen.add(k);
    return { id: hit.id, created, incidentId: hit.incidentId };
  });
  const carrying = [...unique.values()].filter((a) => a.subject && a.activities?.length);
  if (carrying.length > 0 && !limits.storeActivities)
    throw new Error('ingestAlerts: alerts carry activity events and nothing stores them');
  const activities =
    carrying.length > 0
      ? await limits.storeActivities!(
          withDb(ctx, tx),
          carrying.map((a) => ({
            index: alerts.indexOf(a),
            alertId: stored.get(keyOf(a))!.id,
            source: a.source,
            subject: a.subject!,
            activities: a.activities!,
          })),
        )
      : undefined;
  return {
    results,
    created: fresh.length,
    duplicates: alerts.length - fresh.length,
    ...(activities ? { activities } : {}),
  };
}
