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
  /**
   * `case`: the viewer must see the case; `alerts`: the viewer must see alerts; `evidence`: the
   * viewer must see the case's evidence.
   */
  scope: 'case' | 'alerts' | 'evidence';
  /** Absent on an evidence entry about every case (`everyCase`). */
  caseNumber?: number;
  /** An evidence entry about the evidence of every case: a verification of all of it. */
  everyCase?: boolean;
  incidentId?: number;
  alertIds?: number[];
  evidenceIds?: number[];
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
/**
 * Evidence events, streamed only to viewers who may see the case's evidence (live-view.ts). A
 * view, and the server's parse of an e-mail or thumbnail of a capture, are audited for this:
 * the log is what live updates read, and a job tells no consumer itself (STYLE.md). Those three
 * are left out of the case's activity log, so they do not make it stale.
 */
const evidenceTopics: Record<string, LiveTopic[]> = {
  'evidence.added': ['evidence', 'activity'],
  'evidence.downloaded': ['evidence', 'activity'],
  'evidence.removed': ['evidence', 'activity'],
  'evidence.integrity_failed': ['evidence', 'activity'],
  'evidence.viewed': ['evidence'],
  'evidence.parse_finished': ['evidence'],
  'evidence.thumbnail_finished': ['evidence'],
  // Every item verified got a custody entry; the report itself is read by administrators.
  'evidence.verified': ['evidence'],
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

/** An evidence event as a live entry; undefined when the case it belongs to is not known. */
function evidenceEntry(
  row: AuditEventRow,
  topics: LiveTopic[],
  numbers: ReadonlyMap<number, number>,
): LiveEntry | undefined {
  const entry: LiveEntry = { seq: row.seq, type: row.action, scope: 'evidence', topics };
  if (row.targetType === 'evidence') {
    const caseNumber = row.caseId === null ? undefined : numbers.get(row.caseId);
    if (caseNumber === undefined) return undefined;
    return { ...entry, caseNumber, evidenceIds: [Number(row.targetId)] };
  }
  // A verification names the case it covered in its report; null: all of the evidence.
  const verified = afterOf(row).caseNumber;
  if (typeof verified === 'number' && Number.isInteger(verified))
    return { ...entry, caseNumber: verified };
  return verified === null ? { ...entry, everyCase: true } : undefined;
}

/** The log's rows as live entries, in order; rows of kinds not streamed are left out. */
export async function toLiveEntries(
  db: Db,
  workspaceId: number,
  rows: readonly AuditEventRow[],
): Promise<LiveEntry[]> {
  const caseIds = rows.flatMap((r) =>
    (r.action in caseTopics || r.action in evidenceTopics) &&
    r.targetType !== 'case' &&
    r.caseId !== null
      ? [r.caseId]
      : [],
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
    const forEvidence = evidenceTopics[row.action];
    if (forEvidence) {
      const entry = evidenceEntry(row, forEvidence, numbers);
      if (entry) out.push(entry);
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
