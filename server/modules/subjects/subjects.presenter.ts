import type { SubjectRow } from '../../db/schema.ts';

/** A subject as other resources refer to it; null when there is none. */
export const subjectRef = (
  id: number | null,
  name: string | null | undefined,
  email: string | null | undefined,
) => (id === null ? null : { id, name: name ?? '', email: email ?? '', pseudonymised: false });

type Ref = { id: number; name: string; email: string };

/**
 * The subject as the API shows it; `managerSubject` is the subject its manager string names,
 * when one does (`linkManagers`). Every subject identity the API answers passes through here
 * or `subjectRef`.
 */
export const presentSubject = (row: SubjectRow, managerSubject: Ref | null = null) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  department: row.department,
  manager: row.manager,
  managerSubject: managerSubject
    ? subjectRef(managerSubject.id, managerSubject.name, managerSubject.email)
    : null,
  jobTitle: row.jobTitle,
  // Pseudonymised on the way out, per caller (lens.ts): services present what is stored.
  pseudonymised: false,
  riskScore: row.riskScore,
  activityRiskScore: row.activityRiskScore,
  activityRiskOn: row.activityRiskOn,
  alertCount: row.alertCount,
  lastAlertAt: row.lastAlertAt,
  lastActivityAt: row.lastActivityAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type SubjectView = ReturnType<typeof presentSubject>;
