import { z } from 'zod';
import { Id, QueryId, Instant, InstantOut, Priority, Ref, Text } from './common.ts';

export const TaskStatus = z.enum([
  'new',
  'in_progress',
  'failed',
  'partially_completed',
  'skipped',
  'completed',
]);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const openTaskStatuses: readonly TaskStatus[] = ['new', 'in_progress'];

export const Task = z.object({
  id: z.number().int(),
  caseNumber: z.number().int(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  priority: Priority,
  owner: Ref.nullable(),
  dueAt: InstantOut.nullable(),
  closingNote: z.string().nullable(),
  createdAt: InstantOut,
  createdBy: Ref.nullable(),
  updatedAt: InstantOut,
  updatedBy: Ref.nullable(),
  completedAt: InstantOut.nullable().describe('When it left New/In progress'),
  version: z.number().int(),
});
export type Task = z.infer<typeof Task>;

export const CreateTask = z.strictObject({
  title: Text(300),
  description: z.string().max(20_000).default(''),
  status: TaskStatus.default('new'),
  priority: Priority.default('medium'),
  ownerId: Id.nullable().optional(),
  dueAt: Instant.nullable().optional(),
  closingNote: z.string().max(5_000).nullable().optional(),
});
export const UpdateTask = z
  .strictObject({
    title: Text(300).optional(),
    description: z.string().max(20_000).optional(),
    status: TaskStatus.optional(),
    priority: Priority.optional(),
    ownerId: Id.nullable().optional(),
    dueAt: Instant.nullable().optional(),
    closingNote: z.string().max(5_000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export const TaskList = z.object({ items: z.array(Task) });
export const TaskParams = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
  id: QueryId,
});
