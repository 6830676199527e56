import type { Severity } from '../../../../contract/alerts.ts';
import type { Db } from '../../../db/connection.ts';
import { severityRank } from '../alerts.presenter.ts';
import * as repo from '../correlation.repo.ts';

export interface CorrelationSettings {
  windowHours: number;
  maxAlerts: number;
}

/** What correlation needs to know of a new alert. */
export interface Correlatable {
  title: string;
  severity: Severity;
  detectedAt: string;
  subjectId: number | null;
  entities: Array<{ type: string; value: string }>;
}

interface Group {
  id: number | null;
  subjectId: number | null;
  title: string;
  severityRank: number;
  alertCount: number;
  firstAlertAt: string;
  lastAlertAt: string;
  touched: boolean;
}

const rankToSeverity = Object.fromEntries(
  Object.entries(severityRank).map(([k, v]) => [v, k]),
) as Record<number, Severity>;
const entityKey = (type: string, value: string) => `${type}\u0000${value}`;
const shift = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();

/**
 * Puts each new alert into an incident: the active one holding an alert of the same subject
 * or sharing an entity (same type and value) whose alerts lie within the window of it, with room left under the cap (the most
 * recently active when several fit), else a new incident. Alerts are taken in detection order.
 * Writes the incidents and returns each alert's incident id, in the order given. Call inside
 * the batch's transaction, after taking the ingestion lock.
 */
export async function correlate(
  db: Db,
  workspaceId: number,
  alerts: Correlatable[],
  settings: CorrelationSettings,
  at: string,
): Promise<{ incidentIds: number[]; created: number[] }> {
  if (alerts.length === 0) return { incidentIds: [], created: [] };
  const times = alerts.map((a) => a.detectedAt).sort();
  const from = shift(times[0]!, -settings.windowHours);
  const to = shift(times.at(-1)!, settings.windowHours);
  const subjectIds = [
    ...new Set(alerts.flatMap((a) => (a.subjectId === null ? [] : [a.subjectId]))),
  ];
  const values = [...new Set(alerts.flatMap((a) => a.entities.map((e) => e.value)))];
  const found = await repo.findCandidateIncidents(db, workspaceId, subjectIds, values, from, to);

  const bySubject = new Map<number, Group[]>();
  const byEntity = new Map<string, Group[]>();
  const add = <K>(map: Map<K, Group[]>, key: K, g: Group) => {
    const list = map.get(key);
    if (!list) map.set(key, [g]);
    else if (!list.includes(g)) list.push(g);
  };
  const groups = new Map<number, Group>();
  for (const r of found) {
    const g: Group = { ...r, title: '', touched: false };
    groups.set(r.id, g);
  }
  for (const r of await repo.subjectsOfIncidents(db, [...groups.keys()], subjectIds)) {
    const g = r.incidentId === null ? undefined : groups.get(r.incidentId);
    if (g && r.subjectId !== null) add(bySubject, r.subjectId, g);
  }
  for (const e of await repo.entitiesOfIncidents(db, [...groups.keys()], values)) {
    const g = e.incidentId === null ? undefined : groups.get(e.incidentId);
    if (g) add(byEntity, entityKey(e.type, e.value), g);
  }

  const order = alerts
    .map((_, i) => i)
    .sort((a, b) => (alerts[a]!.detectedAt < alerts[b]!.detectedAt ? -1 : 1));
  const assigned: Group[] = new Array<Group>(alerts.length);
  const fresh: Group[] = [];
  for (const i of order) {
    const a = alerts[i]!;
    const candidates = [
      ...(a.subjectId === null ? [] : (bySubject.get(a.subjectId) ?? [])),
      ...a.entities.flatMap((e) => byEntity.get(entityKey(e.type, e.value)) ?? []),
    ].filter(
      (g) =>
        g.alertCount < settings.maxAlerts &&
        shift(g.lastAlertAt, settings.windowHours) >= a.detectedAt &&
        shift(g.firstAlertAt, -settings.windowHours) <= a.detectedAt,
    );
    let g = candidates.sort((x, y) => (x.lastAlertAt < y.lastAlertAt ? 1 : -1))[0];
    if (!g) {
      g = {
        id: null,
        subjectId: a.subjectId,
        title: a.title,
        severityRank: 0,
        alertCount: 0,
        firstAlertAt: a.detectedAt,
        lastAlertAt: a.detectedAt,
        touched: true,
      };
      fresh.push(g);
    }
    g.touched = true;
    g.alertCount += 1;
    g.severityRank = Math.max(g.severityRank, severityRank[a.severity]);
    if (a.detectedAt < g.firstAlertAt) g.firstAlertAt = a.detectedAt;
    if (a.detectedAt > g.lastAlertAt) g.lastAlertAt = a.detectedAt;
    if (a.subjectId !== null) add(bySubject, a.subjectId, g);
    for (const e of a.entities) add(byEntity, entityKey(e.type, e.value), g);
    assigned[i] = g;
  }

  const created: number[] = [];
  for (const g of fresh) {
    g.id = await repo.insertIncident(db, {
      workspaceId,
      title: g.title,
      status: 'active',
      severity: rankToSeverity[g.severityRank]!,
      severityRank: g.severityRank,
      subjectId: g.subjectId,
      assigneeId: null,
      alertCount: g.alertCount,
      firstAlertAt: g.firstAlertAt,
      lastAlertAt: g.lastAlertAt,
      createdAt: at,
      updatedAt: at,
      updatedBy: null,
    });
    created.push(g.id);
  }
  for (const g of groups.values()) {
    if (!g.touched || g.id === null) continue;
    await repo.growIncident(db, g.id, {
      alertCount: g.alertCount,
      firstAlertAt: g.firstAlertAt,
      lastAlertAt: g.lastAlertAt,
      severity: rankToSeverity[g.severityRank]!,
      severityRank: g.severityRank,
      updatedAt: at,
    });
  }
  return { incidentIds: assigned.map((g) => g.id!), created };
}
