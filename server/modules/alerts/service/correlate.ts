import type { Severity } from '../../../../contract/alerts.ts';
import type { CorrelationSettings as WorkspaceCorrelation } from '../../../../contract/settings.ts';
import type { Db } from '../../../db/connection.ts';
import { severityRank } from '../alerts.presenter.ts';
import * as repo from '../correlation.repo.ts';
import * as incidents from '../../incidents/index.ts';
import { entityKeysOf, leadRankOf, OPENED, subjectCorrelationKey } from './correlation-keys.ts';

/** What the configuration sets: the window and the cap. */
export interface CorrelationLimits {
  windowHours: number;
  maxAlerts: number;
  /** How far after now a detection time may lie (source clocks run ahead); 60 when absent. */
  futureSkewMinutes?: number;
}

/** The configuration's limits with the workspace's settings. */
export interface CorrelationSettings extends WorkspaceCorrelation, CorrelationLimits {}

/** What correlation needs to know of a new alert. */
export interface Correlatable {
  title: string;
  severity: Severity;
  riskScore: number;
  detectedAt: string;
  subjectId: number | null;
  entities: Array<{ type: string; value: string }>;
}

interface Group {
  id: number | null;
  /** The first subject: the one the incident is filed under. */
  subjectId: number | null;
  title: string;
  titleCustom: boolean;
  severityRank: number;
  leadRank: number;
  alertCount: number;
  firstAlertAt: string;
  lastAlertAt: string;
  touched: boolean;
  /** Keys of the alerts this batch adds, recorded for later batches to match on. */
  newKeys: Set<string>;
  /** Subjects of the alerts this batch adds, with their first alert time. */
  newSubjects: Map<number, string>;
}

export interface Correlation {
  /** Each alert's incident, in the order given. */
  incidentIds: number[];
  /** Why each alert is in its incident: OPENED, or the key it shares with the incident. */
  keys: string[];
  /** Incidents this batch opened. */
  created: number[];
  /** Values of the batch now seen with too many subjects: incidents they joined are split. */
  commonKeys: string[];
}

export const rankToSeverity = Object.fromEntries(
  Object.entries(severityRank).map(([k, v]) => [v, k]),
) as Record<number, Severity>;
const shift = (iso: string, hours: number) =>
  new Date(new Date(iso).getTime() + hours * 3_600_000).toISOString();
const ms = (iso: string) => new Date(iso).getTime();

/**
 * Learns which subjects each correlating value of the batch goes with, and returns the values
 * now seen with more than the workspace's limit of subjects within the window: an office
 * egress address, a file server, a cloud storage domain. Those never group alerts.
 */
async function findCommonKeys(
  db: Db,
  workspaceId: number,
  alerts: Correlatable[],
  entityKeys: string[][],
  settings: CorrelationSettings,
  from: string,
): Promise<Set<string>> {
  const seen = new Map<
    string,
    { workspaceId: number; key: string; subjectId: number; lastSeenAt: string }
  >();
  alerts.forEach((a, i) => {
    if (a.subjectId === null) return;
    for (const key of entityKeys[i]!) {
      const id = `${key}\u0000${a.subjectId}`;
      const prev = seen.get(id);
      if (!prev || prev.lastSeenAt < a.detectedAt)
        seen.set(id, { workspaceId, key, subjectId: a.subjectId, lastSeenAt: a.detectedAt });
    }
  });
  await repo.touchEntitySubjects(db, [...seen.values()]);
  const all = [...new Set(entityKeys.flat())];
  const counts = await repo.countEntitySubjects(db, workspaceId, all, from);
  return new Set(all.filter((k) => (counts.get(k) ?? 0) > settings.commonValueSubjects));
}

/**
 * Puts each new alert into an incident: the active one holding an alert of the same subject,
 * else one sharing a value of a correlating entity type (a value common to many subjects
 * excepted), whose alerts lie within the window of it, with room left under the cap (the most
 * recently active when several fit), else a new incident. Alerts are taken in detection order. Writes
 * the incidents, their subjects and keys, and returns each alert's incident and the key that
 * put it there. Call inside the batch's transaction, after taking the ingestion lock; then
 * split the incidents that the returned common keys had joined (split-incidents.ts).
 */
export async function correlate(
  db: Db,
  workspaceId: number,
  alerts: Correlatable[],
  settings: CorrelationSettings,
  at: string,
): Promise<Correlation> {
  if (alerts.length === 0) return { incidentIds: [], keys: [], created: [], commonKeys: [] };
  const times = alerts.map((a) => a.detectedAt).sort();
  const from = shift(times[0]!, -settings.windowHours);
  const to = shift(times.at(-1)!, settings.windowHours);
  const types = new Set(settings.entityTypes);
  const entityKeys = alerts.map((a) => entityKeysOf(a.entities, types));
  const common = await findCommonKeys(
    db,
    workspaceId,
    alerts,
    entityKeys,
    settings,
    shift(times[0]!, -settings.commonValueDays * 24),
  );
  const keysOf = (i: number) => {
    const a = alerts[i]!;
    return [
      ...(a.subjectId === null ? [] : [subjectCorrelationKey(a.subjectId)]),
      ...entityKeys[i]!.filter((k) => !common.has(k)),
    ];
  };
  const allKeys = [...new Set(alerts.flatMap((_, i) => keysOf(i)))];
  const found = await incidents.findCandidateIncidents(db, workspaceId, allKeys, from, to);

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
      g = {
        id: r.id,
        subjectId: r.subjectId,
        title: r.title,
        titleCustom: r.titleCustom === 1,
        severityRank: r.severityRank,
        leadRank: r.leadRank,
        alertCount: r.alertCount,
        firstAlertAt: r.firstAlertAt,
        lastAlertAt: r.lastAlertAt,
        touched: false,
        newKeys: new Set(),
        newSubjects: new Map(),
      };
      groups.set(r.id, g);
    }
    add(r.key, g);
  }

  const order = alerts
    .map((_, i) => i)
    .sort((a, b) => (alerts[a]!.detectedAt < alerts[b]!.detectedAt ? -1 : 1));
  const assigned: Group[] = new Array<Group>(alerts.length);
  const reasons: string[] = new Array<string>(alerts.length);
  const fresh: Group[] = [];
  const window = settings.windowHours * 3_600_000;
  for (const i of order) {
    const a = alerts[i]!;
    const keys = keysOf(i);
    const subjectKeys = a.subjectId === null ? 0 : 1;
    const t = ms(a.detectedAt);
    // The most recently active incident that fits: room left, and the alert within the window.
    // The subject's own incident comes first: a person's alerts stay together, and a shared
    // value joins an alert to someone else's incident only when its own person has none.
    let g: Group | undefined;
    let reason = OPENED;
    for (const pass of [keys.slice(0, subjectKeys), keys.slice(subjectKeys)]) {
      for (const k of pass) {
        for (const c of byKey.get(k) ?? []) {
          if (c.alertCount >= settings.maxAlerts) continue;
          if (ms(c.lastAlertAt) + window < t || ms(c.firstAlertAt) - window > t) continue;
          if (!g || c.lastAlertAt > g.lastAlertAt) {
            g = c;
            reason = k;
          }
        }
      }
      if (g) break;
    }
    if (!g) {
      g = {
        id: null,
        subjectId: null,
        title: a.title,
        titleCustom: false,
        severityRank: 0,
        leadRank: -1,
        alertCount: 0,
        firstAlertAt: a.detectedAt,
        lastAlertAt: a.detectedAt,
        touched: true,
        newKeys: new Set(),
        newSubjects: new Map(),
      };
      fresh.push(g);
    }
    g.touched = true;
    g.alertCount += 1;
    g.severityRank = Math.max(g.severityRank, severityRank[a.severity]);
    const rank = leadRankOf(severityRank[a.severity], a.riskScore);
    if (rank > g.leadRank) {
      g.leadRank = rank;
      if (!g.titleCustom) g.title = a.title;
    }
    if (a.detectedAt < g.firstAlertAt) g.firstAlertAt = a.detectedAt;
    if (a.detectedAt > g.lastAlertAt) g.lastAlertAt = a.detectedAt;
    if (a.subjectId !== null && !g.newSubjects.has(a.subjectId))
      g.newSubjects.set(a.subjectId, a.detectedAt);
    g.subjectId ??= a.subjectId;
    for (const k of keys) {
      add(k, g);
      g.newKeys.add(k);
    }
    assigned[i] = g;
    reasons[i] = reason;
  }
  await writeGroups(db, workspaceId, fresh, [...groups.values()], settings, at);
  return {
    incidentIds: assigned.map((g) => g.id!),
    keys: reasons,
    created: fresh.map((g) => g.id!),
    commonKeys: [...common],
  };
}

async function writeGroups(
  db: Db,
  workspaceId: number,
  fresh: Group[],
  existing: Group[],
  settings: CorrelationSettings,
  at: string,
) {
  const ids = await incidents.insertIncidents(
    db,
    fresh.map((g) => ({
      workspaceId,
      title: g.title,
      status: 'active',
      severity: rankToSeverity[g.severityRank]!,
      severityRank: g.severityRank,
      leadRank: g.leadRank,
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
  const grown = existing.filter((g) => g.touched);
  await incidents.growIncidents(
    db,
    grown.map((g) => ({
      id: g.id!,
      values: {
        alert_count: g.alertCount,
        first_alert_at: g.firstAlertAt,
        last_alert_at: g.lastAlertAt,
        severity: rankToSeverity[g.severityRank]!,
        severity_rank: g.severityRank,
        lead_rank: g.leadRank,
        title: g.title,
        subject_id: g.subjectId,
        updated_at: at,
      },
    })),
  );
  const touched = [...fresh, ...grown];
  await incidents.insertIncidentSubjects(
    db,
    touched.flatMap((g) =>
      [...g.newSubjects].map(([subjectId, firstAlertAt]) => ({
        workspaceId,
        incidentId: g.id!,
        subjectId,
        firstAlertAt,
      })),
    ),
  );
  // A full incident never takes another alert, so its keys go: the key table then holds
  // incidents with room only, and a busy subject or host matches a few incidents, not all of
  // its history.
  const full = (g: Group) => g.alertCount >= settings.maxAlerts;
  await incidents.deleteIncidentKeys(
    db,
    grown.filter(full).map((g) => g.id!),
  );
  await incidents.insertIncidentKeys(
    db,
    touched
      .filter((g) => !full(g))
      .flatMap((g) => [...g.newKeys].map((key) => ({ workspaceId, incidentId: g.id!, key }))),
  );
}
