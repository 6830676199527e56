import type { LiveTopic } from '../../../contract/live.ts';
import type { Db } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import { findCaseNumbers } from '../cases/index.ts';

/**
 * One event of a workspace's log as live updates see it: what it is about and what it makes
 * stale, read once per wake-up and shared by every stream of the workspace. Nothing of what the
 * event recorded is kept beyond ids: streams send only these, after checking the viewer.
 */
export interface LiveEntry {
  seq: number;
  type: string;
  /** `case`: the viewer must see the case; `alerts`: the viewer must see alerts. */
  scope: 'case' | 'alerts';
  caseNumber?: number;
  incidentId?: number;
  alertIds?: number[];
  created?: boolean;
  topics: LiveTopic[];
}

const MAX_ALERT_IDS = 100;

/** The topics each event type makes stale; event types not named here are not streamed. */
const caseTopics: Record<string, LiveTopic[]> = {
  'case.created': ['cases'],
  'case.updated': ['case', 'activity', 'cases'],
  'case.resolved': ['case', 'activity', 'cases'],
  'case.reopened': ['case', 'activity', 'cases'],
  'case.linked': ['links', 'case', 'activity', 'cases', 'alerts', 'incidents'],
  'case.unlinked': ['links', 'case', 'activity', 'cases', 'alerts', 'incidents'],
  'task.created': ['tasks', 'case', 'activity', 'cases'],
  'task.updated': ['tasks', 'case', 'activity', 'cases'],
  'comment.added': ['activity', 'case', 'cases'],
  'contributor.added': ['contributors', 'activity'],
  'contributor.removed': ['contributors', 'activity'],
};
const alertTopics: Record<string, LiveTopic[]> = {
  'alerts.ingested': ['alerts', 'incidents'],
  'alert.confirmed': ['alerts', 'incidents'],
  'alert.dismissed': ['alerts', 'incidents'],
  'alerts.resolved': ['alerts', 'incidents'],
  'alerts.reopened': ['alerts', 'incidents'],
  'incident.updated': ['incident', 'incidents'],
  'incident.split': ['incident', 'incidents', 'alerts'],
  'incident.resolved_automatically': ['incident', 'incidents', 'alerts'],
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const ids = (v: unknown): number[] | undefined =>
  Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n)) : undefined;

function afterOf(row: AuditEventRow): Record<string, unknown> {
  if (!row.after) return {};
  const parsed: unknown = JSON.parse(row.after);
  return isObject(parsed) ? parsed : {};
}

function alertEntry(row: AuditEventRow, topics: LiveTopic[]): LiveEntry {
  const after = afterOf(row);
  const entry: LiveEntry = { seq: row.seq, type: row.action, scope: 'alerts', topics };
  const alertIds =
    row.targetType === 'alert' && row.action !== 'alerts.ingested'
      ? [Number(row.targetId)]
      : ids(after.alertIds);
  if (alertIds && alertIds.length > 0) entry.alertIds = alertIds.slice(0, MAX_ALERT_IDS);
  if (row.action === 'alerts.ingested') entry.created = true;
  if (row.targetType === 'incident') {
    entry.incidentId = Number(row.targetId);
    // Alert resolution of an incident also changes that incident's page.
    if (!topics.includes('incident')) entry.topics = [...topics, 'incident'];
  }
  return entry;
}

/** The log's rows as live entries, in order; rows of kinds not streamed are left out. */
export async function toLiveEntries(
  db: Db,
  workspaceId: number,
  rows: readonly AuditEventRow[],
): Promise<LiveEntry[]> {
  const caseIds = rows.flatMap((r) =>
    r.action in caseTopics && r.targetType !== 'case' && r.caseId !== null ? [r.caseId] : [],
  );
  const numbers = await findCaseNumbers(db, workspaceId, [...new Set(caseIds)]);
  const out: LiveEntry[] = [];
  for (const row of rows) {
    const forCase = caseTopics[row.action];
    if (forCase) {
      // A comment names its case in what it records, not as the event's case.
      const recorded = row.caseId === null ? afterOf(row).caseNumber : undefined;
      const caseNumber =
        row.targetType === 'case'
          ? Number(row.targetId)
          : row.caseId !== null
            ? numbers.get(row.caseId)
            : typeof recorded === 'number'
              ? recorded
              : undefined;
      if (caseNumber === undefined || !Number.isInteger(caseNumber)) continue;
      out.push({
        seq: row.seq,
        type: row.action,
        scope: 'case',
        caseNumber,
        ...(row.action === 'case.created' && { created: true }),
        topics: forCase,
      });
      continue;
    }
    const forAlerts = alertTopics[row.action];
    if (!forAlerts) continue;
    // Alert resolution driven by a case is about that case's alerts: the case's page too.
    if (row.targetType === 'case') {
      const entry = alertEntry(row, [...forAlerts, 'links']);
      out.push({ ...entry, caseNumber: Number(row.targetId) });
      continue;
    }
    out.push(alertEntry(row, forAlerts));
  }
  return out;
}
