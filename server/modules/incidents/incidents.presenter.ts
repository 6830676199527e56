import type { Severity } from '../../../contract/alerts.ts';
import type { SubjectRef } from '../../../contract/subjects.ts';
import { subjectRef } from '../subjects/index.ts';
import type { IncidentViewRow } from './incidents.repo.ts';

/** At most this many subjects are listed on an incident; subjectCount says how many there are. */
export const LISTED_SUBJECTS = 20;

/**
 * The title people see: the most severe alert's title after the names of the subjects
 * ("Megan Bowen — …", "Megan Bowen and Alex Wilber — …", "Megan Bowen and 3 others — …"),
 * or the title someone gave it.
 */
export function incidentTitle(title: string, custom: boolean, names: string[], count: number) {
  if (custom || count === 0) return title;
  const [first = '', second = ''] = names;
  const who =
    count === 1
      ? first
      : count === 2
        ? `${first} and ${second}`
        : `${first} and ${count - 1} others`;
  return `${who} — ${title}`;
}

/** The incident as the API shows it, with its subjects in the order of their first alert. */
export const presentIncident = (row: IncidentViewRow, subjects: SubjectRef[], count: number) => ({
  id: row.id,
  title: incidentTitle(
    row.title,
    row.titleCustom === 1,
    subjects.map((s) => s.name || s.email),
    count,
  ),
  titleCustom: row.titleCustom === 1,
  status: row.status as 'active' | 'resolved',
  severity: row.severity as Severity,
  subject: subjectRef(row.subjectId, row.subjectName, row.subjectEmail),
  subjects,
  subjectCount: count,
  assignee: row.assigneeId === null ? null : { id: row.assigneeId, name: row.assigneeName ?? '' },
  alertCount: row.alertCount,
  firstAlertAt: row.firstAlertAt,
  lastAlertAt: row.lastAlertAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  version: row.version,
});
export type IncidentView = ReturnType<typeof presentIncident>;
