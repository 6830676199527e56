import type { SubjectRef } from '../../../contract/subjects.ts';
import type { Db } from '../../db/connection.ts';
import { LISTED_SUBJECTS, presentIncident, type IncidentView } from './incidents.presenter.ts';
import { casesCoveringIncidents, type CoveringCaseRow } from '../case-links/index.ts';
import * as repo from './incidents.repo.ts';

/** Incidents as the API shows them, their subjects read in one query for all of them. */
export async function presentIncidents(
  db: Db,
  rows: repo.IncidentViewRow[],
): Promise<IncidentView[]> {
  const subjects = new Map<number, SubjectRef[]>();
  const counts = new Map<number, number>();
  for (const s of await repo.subjectsOfIncidents(
    db,
    rows.map((r) => r.id),
  )) {
    counts.set(s.incidentId, (counts.get(s.incidentId) ?? 0) + 1);
    const list = subjects.get(s.incidentId) ?? [];
    if (list.length < LISTED_SUBJECTS)
      list.push({ id: s.id, name: s.name, email: s.email, pseudonymised: false });
    subjects.set(s.incidentId, list);
  }
  return rows.map((r) => presentIncident(r, subjects.get(r.id) ?? [], counts.get(r.id) ?? 0));
}

/** As presentIncidents, with the cases covering each incident or its alerts. */
export async function presentIncidentItems(
  db: Db,
  workspaceId: number,
  rows: repo.IncidentViewRow[],
) {
  const views = await presentIncidents(db, rows);
  const covering = new Map<number, Map<number, CoveringCaseRow>>();
  for (const c of await casesCoveringIncidents(
    db,
    workspaceId,
    rows.map((r) => r.id),
  )) {
    const byNumber = covering.get(c.incidentId) ?? new Map<number, CoveringCaseRow>();
    // A case linked to the incident itself says so, even when it also holds some of its alerts.
    if (!byNumber.has(c.number) || c.via === 'incident') byNumber.set(c.number, c);
    covering.set(c.incidentId, byNumber);
  }
  return views.map((v) => {
    const cases = [...(covering.get(v.id)?.values() ?? [])]
      .sort((a, b) => a.number - b.number)
      .map((c) => ({
        number: c.number,
        title: c.title,
        closed: c.statusCategory === 'closed',
        via: c.via,
      }));
    return { ...v, caseNumbers: cases.map((c) => c.number), cases };
  });
}
