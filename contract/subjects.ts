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
  manager: z.string().nullable(),
  jobTitle: z.string().nullable(),
  riskScore: z.number().int().describe('The highest risk score among its alerts, 0-100'),
  alertCount: z.number().int(),
  lastAlertAt: InstantOut.nullable(),
  createdAt: InstantOut,
  updatedAt: InstantOut,
});
export type Subject = z.infer<typeof Subject>;

export const ListSubjectsQuery = z.strictObject({
  q: z.string().max(200).optional().describe('Part of the name or e-mail'),
  limit: Limit,
  cursor: Cursor,
});
export type ListSubjectsQuery = z.infer<typeof ListSubjectsQuery>;

export const SubjectPage = page(Subject);
