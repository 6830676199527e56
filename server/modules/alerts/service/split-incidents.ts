import type { Ctx } from '../../../context.ts';
import { joinUnit } from '../../../events/index.ts';
import type { Db } from '../../../db/connection.ts';
import * as repo from '../correlation.repo.ts';
import * as incidents from '../../incidents/index.ts';
import { rankToSeverity, type CorrelationSettings } from './correlate.ts';
import { entityKeysOf, leadRankOf, OPENED, subjectCorrelationKey } from './correlation-keys.ts';

type AlertRow = Awaited<ReturnType<typeof repo.alertsOfIncident>>[number];

interface Part {
  alerts: AlertRow[];
  /** Why each alert is in this part: OPENED for the first, else a key it shares with an earlier one. */
  reasons: Map<number, string>;
  keys: Set<string>;
}

const shift = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

/**
 * The groups an incident's alerts form when only keys that are not common link them: alerts
 * linked through a chain of shared subjects or rare values stay together. The group of the
 * first alert comes first; the others follow by their first alert.
 */
function partition(alerts: AlertRow[], keysOf: Map<number, string[]>): Part[] {
  const parent = alerts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  alerts.forEach((a, i) => {
    for (const k of keysOf.get(a.id)!) {
      const j = owner.get(k);
      if (j === undefined) owner.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const parts = new Map<number, Part>();
  alerts.forEach((a, i) => {
    const root = find(i);
    let part = parts.get(root);
    if (!part) {
      part = { alerts: [], reasons: new Map(), keys: new Set() };
      parts.set(root, part);
    }
    const keys = keysOf.get(a.id)!;
    // Alerts come in detection order: the reason is a key an earlier alert of the part holds.
    const shared = keys.find((k) => part.keys.has(k));
    part.reasons.set(a.id, part.alerts.length === 0 ? OPENED : (shared ?? OPENED));
    part.alerts.push(a);
    for (const k of keys) part.keys.add(k);
  });
  return [...parts.values()];
}

function summary(part: Part) {
  let lead = part.alerts[0]!;
  let severityRank = 0;
  for (const a of part.alerts) {
    severityRank = Math.max(severityRank, a.severityRank);
    if (leadRankOf(a.severityRank, a.riskScore) > leadRankOf(lead.severityRank, lead.riskScore))
      lead = a;
  }
  const subjects = new Map<number, string>();
  for (const a of part.alerts)
    if (a.subjectId !== null && !subjects.has(a.subjectId)) subjects.set(a.subjectId, a.detectedAt);
  return {
    lead,
    severityRank,
    subjects,
    first: part.alerts[0]!.detectedAt,
    last: part.alerts.at(-1)!.detectedAt,
  };
}

/**
 * Values of a batch that turned common no longer join alerts: each active incident not yet
 * taken into a case that they had joined is split into the groups its alerts form without
 * them (the first alert's group keeps the incident; the others become new incidents with the
 * same assignee), audited. Incidents linked to a case stay whole: an analyst took them as they
 * are, and the incident page names each alert's reason. Every incident drops the common keys.
 * Returns the new incident of each alert that moved.
 */
export async function splitOnCommonKeys(
  ctx: Ctx,
  tx: Db,
  commonKeys: string[],
  settings: CorrelationSettings,
  at: string,
): Promise<Map<number, number>> {
  const moved = new Map<number, number>();
  if (commonKeys.length === 0) return moved;
  const ws = ctx.actor.workspaceId;
  const holders = await incidents.findIncidentsHoldingKeys(tx, ws, commonKeys);
  await incidents.deleteKeys(tx, ws, commonKeys);
  for (const h of holders) {
    if (h.status === 'active' && !h.linked)
      await splitIncident(ctx, tx, h.id, commonKeys, settings, at, moved);
  }
  return moved;
}

async function splitIncident(
  ctx: Ctx,
  tx: Db,
  incidentId: number,
  commonKeys: string[],
  settings: CorrelationSettings,
  at: string,
  moved: Map<number, number>,
): Promise<void> {
  const ws = ctx.actor.workspaceId;
  const incident = await incidents.findIncidentForSplit(tx, incidentId);
  const alerts = await repo.alertsOfIncident(tx, incidentId);
  const types = new Set(settings.entityTypes);
  const entities = new Map<number, Array<{ type: string; value: string }>>();
  for (const e of await repo.entitiesOfAlerts(
    tx,
    alerts.map((a) => a.id),
  )) {
    const list = entities.get(e.alertId) ?? [];
    list.push(e);
    entities.set(e.alertId, list);
  }
  const entityKeys = new Map(
    alerts.map((a) => [a.id, entityKeysOf(entities.get(a.id) ?? [], types)]),
  );
  const counts = await repo.countEntitySubjects(
    tx,
    ws,
    [...new Set([...entityKeys.values()].flat())],
    shift(incident.firstAlertAt, -settings.commonValueDays * 24),
  );
  const keysOf = new Map(
    alerts.map((a) => [
      a.id,
      [
        ...(a.subjectId === null ? [] : [subjectCorrelationKey(a.subjectId)]),
        ...entityKeys
          .get(a.id)!
          .filter((k) => (counts.get(k) ?? 0) <= settings.commonValueSubjects),
      ],
    ]),
  );
  const parts = partition(alerts, keysOf);
  if (parts.length < 2) return;

  const summaries = parts.map(summary);
  const newIds = await incidents.insertIncidents(
    tx,
    summaries.slice(1).map((s, j) => ({
      workspaceId: ws,
      title: s.lead.title,
      status: 'active',
      severity: rankToSeverity[s.severityRank]!,
      severityRank: s.severityRank,
      leadRank: leadRankOf(s.lead.severityRank, s.lead.riskScore),
      subjectId: [...s.subjects.keys()][0] ?? null,
      assigneeId: incident.assigneeId,
      alertCount: parts[j + 1]!.alerts.length,
      firstAlertAt: s.first,
      lastAlertAt: s.last,
      createdAt: at,
      updatedAt: at,
      updatedBy: null,
    })),
  );
  const ids = [incidentId, ...newIds];
  const kept = summaries[0]!;
  await incidents.growIncidents(tx, [
    {
      id: incidentId,
      values: {
        alert_count: parts[0]!.alerts.length,
        first_alert_at: kept.first,
        last_alert_at: kept.last,
        severity: rankToSeverity[kept.severityRank]!,
        severity_rank: kept.severityRank,
        lead_rank: leadRankOf(kept.lead.severityRank, kept.lead.riskScore),
        title: incident.titleCustom === 1 ? incident.title : kept.lead.title,
        subject_id: [...kept.subjects.keys()][0] ?? null,
        updated_at: at,
      },
    },
  ]);
  for (const [i, part] of parts.entries()) {
    if (i > 0) for (const a of part.alerts) moved.set(a.id, ids[i]!);
    await repo.moveAlerts(
      tx,
      ids[i]!,
      part.alerts.map((a) => ({ id: a.id, key: part.reasons.get(a.id)! })),
    );
  }
  await incidents.replaceIncidentSubjects(
    tx,
    ids,
    summaries.flatMap((s, i) =>
      [...s.subjects].map(([subjectId, firstAlertAt]) => ({
        workspaceId: ws,
        incidentId: ids[i]!,
        subjectId,
        firstAlertAt,
      })),
    ),
  );
  await incidents.replaceIncidentKeys(
    tx,
    ids,
    parts.flatMap((p, i) =>
      p.alerts.length >= settings.maxAlerts
        ? []
        : [...p.keys].map((key) => ({ workspaceId: ws, incidentId: ids[i]!, key })),
    ),
  );
  await joinUnit(tx).emit('incident.split', {
    workspaceId: ws,
    at,
    targetId: incidentId,
    before: { alertCount: alerts.length },
    after: {
      commonValues: commonKeys.filter((k) => counts.has(k)).sort(),
      incidents: parts.map((p, i) => ({ id: ids[i]!, alertIds: p.alerts.map((a) => a.id) })),
    },
  });
}
