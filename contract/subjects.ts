import { z } from 'zod';
import { Cursor, InstantOut, Limit, page } from './common.ts';

/** A subject as other resources refer to it. */
export const SubjectRef = z
  .object({ id: z.number().int(), name: z.string(), email: z.string() })
  .describe('A monitored person, by id, name and e-mail/UPN');
export type SubjectRef = z.infer<typeof SubjectRef>;

export const Subject = z.object({
  id: z.number().int(),
  email: z.string().describe('E-mail address or UPN, lower-cased: the key alerts match on'),
  name: z.string(),
  department: z.string().nullable(),
  manager: z.string().nullable().describe('The manager as the sources name them'),
  managerSubject: SubjectRef.nullable().describe(
    'The subject the manager is, when `manager` is the e-mail/UPN of another subject, or the name of exactly one other',
  ),
  jobTitle: z.string().nullable(),
  riskScore: z.number().int().describe('The highest risk score among its alerts, 0-100'),
  activityRiskScore: z
    .number()
    .int()
    .describe(
      'The risk score of its activity (docs/investigation.md) on `activityRiskOn`, stored on the subject: ingestion updates it, an hourly duty lets it fade with the days. `GET /subjects/{id}/risk` works it out at the moment asked',
    ),
  activityRiskOn: z
    .string()
    .nullable()
    .describe(
      'The UTC day (YYYY-MM-DD) `activityRiskScore` holds for; null before first worked out',
    ),
  alertCount: z.number().int(),
  lastAlertAt: InstantOut.nullable(),
  lastActivityAt: InstantOut.nullable().describe('When its latest activity event happened'),
  createdAt: InstantOut,
  updatedAt: InstantOut,
});
export type Subject = z.infer<typeof Subject>;

export const SubjectSort = z.enum([
  'name',
  'activityRiskScore',
  'riskScore',
  'alertCount',
  'lastActivityAt',
]);
export type SubjectSort = z.infer<typeof SubjectSort>;

export const ListSubjectsQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Part of the name, e-mail/UPN or department'),
  sort: SubjectSort.default('name').describe(
    'Ties go by id; subjects without activity sort last by lastActivityAt',
  ),
  order: z
    .enum(['asc', 'desc'])
    .optional()
    .describe('Ascending by name, descending otherwise, unless given'),
  limit: Limit,
  cursor: Cursor,
});
export type ListSubjectsQuery = z.infer<typeof ListSubjectsQuery>;

export const SubjectPage = page(Subject);
