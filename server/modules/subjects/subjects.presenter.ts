import type { SubjectRow } from '../../db/schema.ts';

/** The subject as the API shows it. */
export const presentSubject = (row: SubjectRow) => ({
  id: row.id,
  email: row.email,
  name: row.name,
  department: row.department,
  manager: row.manager,
  jobTitle: row.jobTitle,
  // Pseudonymised on the way out, per caller (lens.ts): services present what is stored.
  pseudonymised: false,
  riskScore: row.riskScore,
  alertCount: row.alertCount,
  lastAlertAt: row.lastAlertAt,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
export type SubjectView = ReturnType<typeof presentSubject>;

/** A subject as other resources refer to it; null when there is none. */
export const subjectRef = (
  id: number | null,
  name: string | null | undefined,
  email: string | null | undefined,
) => (id === null ? null : { id, name: name ?? '', email: email ?? '', pseudonymised: false });
