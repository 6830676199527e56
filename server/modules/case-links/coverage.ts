import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The coverage rule, written once: a case covers an alert linked to it directly or through a
 * linked incident, and it covers an incident linked to it directly or through one of the
 * incident's alerts. Confirming an alert links it, so a case made from an alert covers it.
 * Each fragment reads indexes (case links by case or by target, alerts by incident), never a
 * scan of the alerts. Column arguments are references such as `sql.ref('cases.id')`; `when`
 * narrows the covering cases (`c`), e.g. to open ones.
 */

type Value = RawBuilder<unknown> | number;

/** The alert ids a case covers, as a subquery with one column `id`. */
export const alertsCoveredBy = (caseId: Value) =>
  sql<{ id: number }>`select l1.ref_id as id from case_links l1
      where l1.case_id = ${caseId} and l1.kind = 'alert'
    union
    select a2.id from case_links l2 join alerts a2 on a2.incident_id = l2.ref_id
      where l2.case_id = ${caseId} and l2.kind = 'incident'`;

/** The incident ids a case covers, as a subquery with one column `id`. */
export const incidentsCoveredBy = (caseId: Value) =>
  sql<{ id: number }>`select l1.ref_id as id from case_links l1
      where l1.case_id = ${caseId} and l1.kind = 'incident'
    union
    select a2.incident_id from case_links l2 join alerts a2 on a2.id = l2.ref_id
      where l2.case_id = ${caseId} and l2.kind = 'alert' and a2.incident_id is not null`;

const caseMatches = (when?: RawBuilder<SqlBool>) =>
  when ? sql`and exists (select 1 from cases c where c.id = l.case_id and ${when})` : sql``;

/** True when a case (matching `when`) covers the alert with these columns. */
export const caseCoversAlert = (
  alert: {
    id: RawBuilder<unknown>;
    incidentId: RawBuilder<unknown>;
    workspaceId: RawBuilder<unknown>;
  },
  when?: RawBuilder<SqlBool>,
) => sql<SqlBool>`(exists (select 1 from case_links l
      where l.workspace_id = ${alert.workspaceId} and l.kind = 'alert' and l.ref_id = ${alert.id}
        ${caseMatches(when)})
    or exists (select 1 from case_links l
      where l.workspace_id = ${alert.workspaceId} and l.kind = 'incident'
        and l.ref_id = ${alert.incidentId} ${caseMatches(when)}))`;

/** True when a case (matching `when`) covers the incident with these columns. */
export const caseCoversIncident = (
  incident: { id: RawBuilder<unknown>; workspaceId: RawBuilder<unknown> },
  when?: RawBuilder<SqlBool>,
) => sql<SqlBool>`(exists (select 1 from case_links l
      where l.workspace_id = ${incident.workspaceId} and l.kind = 'incident'
        and l.ref_id = ${incident.id} ${caseMatches(when)})
    or exists (select 1 from alerts ca join case_links l on l.workspace_id = ca.workspace_id
        and l.kind = 'alert' and l.ref_id = ca.id
      where ca.incident_id = ${incident.id} ${caseMatches(when)}))`;

/** True when the incident is linked to a case itself (not only through its alerts). */
export const isIncidentLinked = (incident: {
  id: RawBuilder<unknown>;
  workspaceId: RawBuilder<unknown>;
}) => sql<SqlBool>`exists (select 1 from case_links l where l.workspace_id = ${incident.workspaceId}
    and l.kind = 'incident' and l.ref_id = ${incident.id})`;

/** The status category of an open case, for `when`. */
export const openCase = sql<SqlBool>`c.status_category <> 'closed'`;
/** The status category of a closed case, for `when`. */
export const closedCase = sql<SqlBool>`c.status_category = 'closed'`;
