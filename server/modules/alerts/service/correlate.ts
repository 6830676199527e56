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
  /** Keys of the alerts this batch adds, recorded for later batches to match on. */
  newKeys: Set<string>;
}

const rankToSeverity = Object.fromEntries(
  Object.entries(severityRank).map(([k, v]) => [v, k]),
) as Record<number, Severity>;
const shift = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();
/** What an alert is matched on: its subject, and each of its entities (type and value). */
const keysOf = (a: Correlatable) => [
  ...(a.subjectId === null ? [] : [`s:${a.subjectId}`]),
  ...a.entities.map((e) => `e:${e.type}:${e.value}`),
];

/**
 * Puts each new alert into an incident: the active one holding an alert of the same subject
 * or sharing an entity (same type and value), whose alerts lie within the window of it, with
 * room left under the cap (the most recently active when several fit), else a new incident.
 * Alerts are taken in detection order. Writes the incidents and their keys and returns each
 * alert's incident id, in the order given. Call inside the batch's transaction, after taking
 * the ingestion lock.
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
  const allKeys = [...new Set(alerts.flatMap(keysOf))];
  const found = await repo.findCandidateIncidents(db, workspaceId, allKeys, from, to);

  const byKey = new Map<string, Group[]>();
  const add = (key: string, g: Group) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [g]);
    else if (!list.includes(g)) list.push(g);
  };
  const groups = new Map<number, Group>();
  for (const r of found) {
    let g = groups.get(r.id);
    if (!g) {
      g = { ...r, subjectId: null, title: '', touched: false, newKeys: new Set() };
      groups.set(r.id, g);
    }
    add(r.key, g);
  }

  const order = alerts
    .map((_, i) => i)
    .sort((a, b) => (alerts[a]!.detectedAt < alerts[b]!.detectedAt ? -1 : 1));
  const assigned: Group[] = new Array<Group>(alerts.length);
  const fresh: Group[] = [];
  for (const i of order) {
    const a = alerts[i]!;
    const keys = keysOf(a);
    const candidates = keys
      .flatMap((k) => byKey.get(k) ?? [])
      .filter(
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
        newKeys: new Set(),
      };
      fresh.push(g);
    }
    g.touched = true;
    g.alertCount += 1;
    g.severityRank = Math.max(g.severityRank, severityRank[a.severity]);
    if (a.detectedAt < g.firstAlertAt) g.firstAlertAt = a.detectedAt;
    if (a.detectedAt > g.lastAlertAt) g.lastAlertAt = a.detectedAt;
    for (const k of keys) {
      add(k, g);
      g.newKeys.add(k);
    }
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
  const grown = [...groups.values()].filter((g) => g.touched);
  await repo.growIncidents(
    db,
    grown.map((g) => ({
      id: g.id!,
      values: {
        alert_count: g.alertCount,
        first_alert_at: g.firstAlertAt,
        last_alert_at: g.lastAlertAt,
        severity: rankToSeverity[g.severityRank]!,
        severity_rank: g.severityRank,
        updated_at: at,
      },
    })),
  );
  await repo.insertIncidentKeys(
    db,
    [...fresh, ...grown].flatMap((g) =>
      [...g.newKeys].map((key) => ({ workspaceId, incidentId: g.id!, key })),
    ),
  );
  return { incidentIds: assigned.map((g) => g.id!), created };
}
