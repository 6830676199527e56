import { z } from 'zod';
import { Cursor, InstantOut, Limit, page, Ref } from './common.ts';

const Short = (max: number) => z.string().trim().min(1).max(max);

export const SubjectIn = z
  .strictObject({
    email: z.string().trim().max(320).optional(),
    upn: z.string().trim().max(320).optional(),
    name: Short(200).optional(),
    department: Short(200).optional(),
    manager: Short(200).optional(),
    jobTitle: Short(200).optional(),
  })
  .refine((s) => Boolean(s.email ?? s.upn), 'give an email or a upn')
  .describe('The person the alert is about; matched to a subject by e-mail, else UPN');
export type SubjectIn = z.infer<typeof SubjectIn>;

const Pseudonymised = z
  .boolean()
  .describe(
    'The workspace pseudonymises subjects and the caller has not revealed this one: `name` is its pseudonym and no identifying field is given',
  );

/** A subject as other resources refer to it. */
export const SubjectRef = z
  .object({
    id: z.number().int(),
    name: z.string().describe('The name, or the pseudonym (`Anon-7F3K-21QX`)'),
    email: z.string().describe('Empty when pseudonymised'),
    pseudonymised: Pseudonymised,
  })
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
  pseudonymised: Pseudonymised,
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

const Justification = z
  .string()
  .trim()
  .min(10, 'say why, in ten characters or more')
  .max(2000)
  .describe('Why the identity is needed: recorded in the audit log and shown on the case');

export const RevealSubject = z.strictObject({ justification: Justification });
export type RevealSubject = z.infer<typeof RevealSubject>;

/** A reveal: one account saw one subject's identity, for one case, for a while. */
export const SubjectReveal = z.object({
  id: z.number().int(),
  subjectId: z.number().int(),
  by: Ref,
  justification: z.string(),
  createdAt: InstantOut,
  expiresAt: InstantOut,
  isActive: z.boolean().describe('It has not expired or been ended'),
});
export type SubjectReveal = z.infer<typeof SubjectReveal>;

export const CaseReveals = z.object({
  items: z
    .array(SubjectReveal)
    .describe('The reveals made in this case, newest first (at most 100)'),
  mine: SubjectReveal.nullable().describe(
    "The caller's reveal of the case's subject that lasts now",
  ),
});
export type CaseReveals = z.infer<typeof CaseReveals>;

export const LookUpPseudonym = z.strictObject({
  identity: z
    .string()
    .trim()
    .toLowerCase()
    .min(3)
    .max(320)
    .describe("A person's e-mail address or UPN"),
  justification: Justification,
});

export const PseudonymLookup = z.object({
  pseudonym: z
    .string()
    .describe('The pseudonym this identity has (or would have) in the workspace'),
  subjectId: z
    .number()
    .int()
    .nullable()
    .describe('The subject with this identity, if there is one'),
});
