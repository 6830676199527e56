import { z } from 'zod';
import {
  csv,
  Cursor,
  Id,
  QueryId,
  Instant,
  InstantOut,
  Limit,
  countedPage,
  CountQuery,
  Priority,
  Ref,
  Text,
} from './common.ts';
import { SubjectRef } from './subjects.ts';

export const StatusCategory = z.enum(['new', 'active', 'closed']);
export const Classification = z
  .enum(['benign', 'confirmed_violation'])
  .describe('Benign, or Confirmed policy violation');

const Tags = z.array(z.string().min(1).max(64)).max(50).describe('Free labels, at most 50');

export const Case = z.object({
  number: z.number().int().describe('Per-workspace case number, from 1000, never reused'),
  title: z.string(),
  description: z.string(),
  priority: Priority,
  status: z.object({ id: z.number().int(), name: z.string(), category: StatusCategory }),
  assignee: Ref.nullable(),
  dueAt: InstantOut.nullable(),
  tags: z.array(z.string()),
  createdAt: InstantOut,
  createdBy: Ref.nullable(),
  updatedAt: InstantOut,
  updatedBy: Ref.nullable(),
  version: z
    .number()
    .int()
    .describe('Increases with every change to the case fields; send as If-Match'),
  resolution: z
    .object({
      classification: Classification,
      reason: z.string(),
      resolvedAt: InstantOut,
      resolvedBy: Ref.nullable(),
    })
    .nullable(),
  taskCounts: z.object({
    total: z.number().int(),
    open: z.number().int().describe('New or in progress'),
  }),
  commentCount: z.number().int(),
  subject: SubjectRef.nullable().describe('The person the case focuses on, if any'),
  alertCount: z
    .number()
    .int()
    .describe('Alerts linked to the case, directly or through a linked incident'),
});
export type Case = z.infer<typeof Case>;

export const CaseAccess = z
  .object({
    canEdit: z
      .boolean()
      .describe('May change its fields, status, tasks and links, and resolve or reopen it'),
    canComment: z.boolean().describe('May add comments'),
    canManageContributors: z.boolean().describe('May add and remove contributors'),
    canRevealSubject: z
      .boolean()
      .describe("May reveal the case's pseudonymised subject, saying why (subjects.reveal)"),
    canManageEvidence: z
      .boolean()
      .describe("May see and add the case's evidence and open its content (evidence.manage)"),
    underLegalHold: z
      .boolean()
      .describe('The case is under legal hold: its evidence cannot be removed'),
  })
  .describe('What the caller may do with this case');

/** One case as its own page reads it: with what the caller may do with it. */
export const CaseDetail = Case.extend({ access: CaseAccess });
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CreateCase = z.strictObject({
  title: Text(300),
  description: z.string().max(50_000).default(''),
  priority: Priority.default('medium'),
  statusId: Id.optional().describe('Defaults to the workspace default status'),
  assigneeId: Id.nullable().optional(),
  dueAt: Instant.nullable().optional(),
  tags: Tags.default([]),
  subjectId: Id.nullable().optional().describe('The subject the case focuses on'),
});
export type CreateCase = z.infer<typeof CreateCase>;

export const UpdateCase = z
  .strictObject({
    title: Text(300).optional(),
    description: z.string().max(50_000).optional(),
    priority: Priority.optional(),
    statusId: Id.optional(),
    assigneeId: Id.nullable().optional(),
    dueAt: Instant.nullable().optional(),
    tags: Tags.optional(),
    subjectId: Id.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateCase = z.infer<typeof UpdateCase>;

export const CaseSort = z.enum(['updatedAt', 'createdAt', 'priority', 'dueAt', 'number']);
export type CaseSort = z.infer<typeof CaseSort>;

export const ListCasesQuery = z.strictObject({
  status: csv(QueryId).describe('Status ids, comma-separated'),
  category: csv(StatusCategory).describe('new, active, closed; comma-separated'),
  priority: csv(Priority),
  assignee: z
    .union([z.literal('none'), z.literal('me'), QueryId])
    .optional()
    .describe('An account id, `me`, or `none` for unassigned'),
  createdFrom: Instant.optional(),
  createdTo: Instant.optional(),
  updatedFrom: Instant.optional(),
  updatedTo: Instant.optional(),
  dueBefore: Instant.optional().describe('Due strictly before this time (overdue: now)'),
  subject: QueryId.optional().describe('A subject id: the cases that focus on them'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe('Case number, or words in title, description, tasks and comments'),
  sort: CaseSort.default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: Limit,
  cursor: Cursor,
  total: CountQuery,
});
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

export const CasePage = countedPage(Case);

export const ResolveCase = z.strictObject({
  classification: Classification,
  reason: Text(5_000),
  statusId: Id.optional().describe('A closed status; defaults to the first closed status'),
});
export const ReopenCase = z.strictObject({
  reason: Text(5_000),
  statusId: Id.optional().describe('A new or active status; defaults to the first active status'),
});

export const BulkUpdateCases = z.strictObject({
  numbers: z.array(z.number().int().positive()).min(1).max(500),
  set: z
    .strictObject({
      assigneeId: Id.nullable().optional(),
      statusId: Id.optional(),
      priority: Priority.optional(),
    })
    .refine((v) => Object.keys(v).length > 0, 'give at least one field to set'),
});
export const BulkOutcome = z.object({
  results: z.array(
    z.object({
      number: z.number().int(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
