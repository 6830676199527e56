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
const ms = (iso: string) => new Date(iso).getTime();
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
  const window = settings.windowHours * 3_600_000;
  for (const i of order) {
    const a = alerts[i]!;
    const keys = keysOf(a);
    const at = ms(a.detectedAt);
    // The most recently active incident that fits: room left, and the alert within the window.
    let g: Group | undefined;
    for (const k of keys) {
      for (const c of byKey.get(k) ?? []) {
        if (c.alertCount >= settings.maxAlerts) continue;
        if (ms(c.lastAlertAt) + window < at || ms(c.firstAlertAt) - window > at) continue;
        if (!g || c.lastAlertAt > g.lastAlertAt) g = c;
      }
    }
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

  const ids = await repo.insertIncidents(
    db,
    fresh.map((g) => ({
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
    })),
  );
  fresh.forEach((g, i) => (g.id = ids[i]!));
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
  // A full incident never takes another alert, so its keys go: the key table then holds
  // incidents with room only, and a busy subject or host matches a few incidents, not all of
  // its history.
  const full = (g: Group) => g.alertCount >= settings.maxAlerts;
  await repo.deleteIncidentKeys(
    db,
    grown.filter(full).map((g) => g.id!),
  );
  await repo.insertIncidentKeys(
    db,
    [...fresh, ...grown]
      .filter((g) => !full(g))
      .flatMap((g) => [...g.newKeys].map((key) => ({ workspaceId, incidentId: g.id!, key }))),
  );
  return { incidentIds: assigned.map((g) => g.id!), created: ids };
}
