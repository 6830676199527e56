import { sql, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { caseCoversIncident } from '../case-links/index.ts';
import { selectIncidentViews, type IncidentViewRow } from './incidents.repo.ts';

export type IncidentSort = 'lastAlertAt' | 'severity' | 'alertCount';

/** What the incident queue shows, already resolved for the actor (`me`). */
export interface IncidentQueueFilter {
  workspaceId: number;
  status?: string[] | undefined;
  severityRanks?: number[] | undefined;
  subject?: number | undefined;
  /** An account id, or null for unassigned incidents. */
  assigneeId?: number | null | undefined;
  /** In a case (linked, or through one of its alerts), or in none. */
  linked?: boolean | undefined;
}

/** The sort keys before the last alert time and the id; each has an index, alone and by status. */
const leadingKey = {
  severity: 'incidents.severityRank',
  alertCount: 'incidents.alertCount',
} as const;

/** The queue's order for a sort: severity and alert count break ties by the last alert. */
export const incidentKeys = (sort: IncidentSort, order: 'asc' | 'desc'): Keyset =>
  sort === 'lastAlertAt'
    ? { columns: ['incidents.lastAlertAt', 'incidents.id'], kinds: ['time', 'int'], order }
    : {
        columns: [leadingKey[sort], 'incidents.lastAlertAt', 'incidents.id'],
        kinds: ['int', 'time', 'int'],
        order,
      };

/** A row's position in the queue's order. */
export const incidentKeyOf = (sort: IncidentSort, r: IncidentViewRow): KeyValue[] =>
  sort === 'lastAlertAt'
    ? [r.lastAlertAt, r.id]
    : [sort === 'severity' ? r.severityRank : r.alertCount, r.lastAlertAt, r.id];

type Query = SelectQueryBuilder<DB, 'incidents', object>;

/** Every filter of the incident queue (not the cursor), over any query of incidents. */
function applyFilters<Q extends Query>(query: Q, f: IncidentQueueFilter): Q {
  const ws = f.workspaceId;
  let q = query.where('incidents.workspaceId', '=', ws) as Q;
  if (f.status?.length) q = q.where('incidents.status', 'in', f.status) as Q;
  if (f.severityRanks?.length) q = q.where('incidents.severityRank', 'in', f.severityRanks) as Q;
  if (f.subject !== undefined)
    q = q.where(
      'incidents.id',
      'in',
      sql<number>`(select s.incident_id from incident_subjects s
        where s.workspace_id = ${ws} and s.subject_id = ${f.subject})`,
    ) as Q;
  if (f.assigneeId === null) q = q.where('incidents.assigneeId', 'is', null) as Q;
  else if (f.assigneeId !== undefined) q = q.where('incidents.assigneeId', '=', f.assigneeId) as Q;
  if (f.linked !== undefined) {
    const inCase = caseCoversIncident({
      id: sql.ref('incidents.id'),
      workspaceId: sql.ref('incidents.workspace_id'),
    });
    q = q.where(f.linked ? inCase : sql<SqlBool>`not ${inCase}`) as Q;
  }
  return q;
}

/** Up to limit + 1 incidents of the queue after `after`, ready to present. */
export const listIncidentQueue = (
  db: Db,
  f: IncidentQueueFilter,
  keys: Keyset,
  after: KeyValue[] | undefined,
  limit: number,
) =>
  keysetPage(
    applyFilters(selectIncidentViews(db) as unknown as Query, f),
    keys,
    after,
    limit,
  ).execute() as unknown as Promise<IncidentViewRow[]>;

/** The queue's filtered incidents without order or page, for counting. */
export const selectIncidentQueueIds = (db: Db, f: IncidentQueueFilter) =>
  applyFilters(db.selectFrom('incidents') as unknown as Query, f);
