import { z } from 'zod';
import { Cursor, InstantOut, Limit, page, QueryId, Ref } from './common.ts';

export const CommentFormat = z.enum(['plain', 'markdown']);

export const Comment = z.object({
  kind: z.literal('comment'),
  id: z.number().int(),
  at: InstantOut,
  author: Ref.nullable(),
  body: z.string(),
  format: CommentFormat,
});
export const AuditEntry = z.object({
  kind: z.literal('audit'),
  id: z.number().int(),
  at: InstantOut,
  actor: z.object({ id: z.number().int().nullable(), name: z.string() }),
  action: z.string().describe('What happened, e.g. case.updated, task.created'),
  targetType: z.string(),
  targetId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export const ActivityItem = z.discriminatedUnion('kind', [Comment, AuditEntry]);
export type ActivityItem = z.infer<typeof ActivityItem>;

export const ActivityQuery = z.strictObject({
  kind: z.enum(['all', 'comment', 'audit']).default('all'),
  limit: Limit,
  cursor: Cursor,
});
export const ActivityPage = page(ActivityItem);

export const CreateComment = z.strictObject({
  body: z
    .string()
    .max(50_000)
    .refine((s) => s.trim().length > 0, 'must not be blank'),
  format: CommentFormat.default('plain'),
});
export const CommentParams = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
  id: QueryId,
});
