import { openTaskStatuses, type TaskStatus } from '../../../contract/tasks.ts';
import { inTransaction } from '../../events/index.ts';
import type { Ctx } from '../../context.ts';
import type { TaskRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { findRefs } from '../accounts/index.ts';
import {
  adjustCounters,
  insertSearchDoc,
  loadCase,
  requireAssignable,
  updateSearchDoc,
} from '../cases/index.ts';
import * as repo from './tasks.repo.ts';

type Priority = 'very_low' | 'low' | 'medium' | 'high' | 'critical';

const ref = (id: number | null, name: string | null) =>
  id === null ? null : { id, name: name ?? '' };
const isOpen = (status: string) => (openTaskStatuses as readonly string[]).includes(status);

export function presentTask(row: repo.TaskViewRow, caseNumber: number) {
  return {
    id: row.id,
    caseNumber,
    title: row.title,
    description: row.description,
    status: row.status as TaskStatus,
    priority: row.priority as Priority,
    owner: ref(row.ownerId, row.ownerName),
    dueAt: row.dueAt,
    closingNote: row.closingNote,
    createdAt: row.createdAt,
    createdBy: ref(row.createdBy, row.createdByName),
    updatedAt: row.updatedAt,
    updatedBy: ref(row.updatedBy, row.updatedByName),
    completedAt: row.completedAt,
    version: row.version,
  };
}
export type TaskView = ReturnType<typeof presentTask>;

/** The tasks of a case the actor may see, oldest first. */
export async function listTasks(ctx: Ctx, number: number): Promise<TaskView[]> {
  const { row } = await loadCase(ctx, number);
  return (await repo.listTaskViews(ctx.db, row.id)).map((t) => presentTask(t, number));
}

export interface NewTask {
  title: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  ownerId?: number | null | undefined;
  dueAt?: string | null | undefined;
  closingNote?: string | null | undefined;
}

/** Adds a task to a case. Throws not_found, forbidden (no cases.manage), invalid_input (owner). */
export async function createTask(ctx: Ctx, number: number, input: NewTask): Promise<TaskView> {
  const { row: c } = await loadCase(ctx, number, 'canManage');
  const owner = input.ownerId
    ? await requireAssignable(ctx.db, c.workspaceId, input.ownerId, 'ownerId')
    : null;
  const at = ctx.clock.now().toISOString();
  const id = await inTransaction(ctx, async (tx, emit) => {
    const task = await repo.insertTask(tx, {
      workspaceId: c.workspaceId,
      caseId: c.id,
      title: input.title,
      description: input.description,
      status: input.status,
      priority: input.priority,
      ownerId: owner?.id ?? null,
      dueAt: input.dueAt ?? null,
      closingNote: input.closingNote ?? null,
      createdAt: at,
      createdBy: ctx.actor.accountId,
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
      completedAt: isOpen(input.status) ? null : at,
      version: 1,
    });
    await adjustCounters(
      tx,
      c.id,
      { taskTotal: 1, taskOpen: isOpen(input.status) ? 1 : 0 },
      at,
      ctx.actor.accountId,
    );
    await insertSearchDoc(tx, {
      workspaceId: c.workspaceId,
      caseId: c.id,
      kind: 'task',
      refId: task.id,
      body: `${task.title}\n${task.description}`,
    });
    await emit('task.created', {
      workspaceId: c.workspaceId,
      at,
      targetId: task.id,
      caseId: c.id,
      after: {
        title: task.title,
        status: task.status,
        priority: task.priority,
        owner,
        dueAt: task.dueAt,
      },
    });
    return task.id;
  });
  return presentTask(await repo.findTaskView(ctx.db, id), number);
}

export type TaskChanges = Partial<NewTask>;

async function plan(ctx: Ctx, task: TaskRow, changes: TaskChanges) {
  const values: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const set = (
    field: keyof TaskRow,
    audited: string,
    from: unknown,
    to: unknown,
    value: unknown = to,
  ) => {
    values[field] = value;
    before[audited] = from;
    after[audited] = to;
  };
  for (const field of [
    'title',
    'description',
    'status',
    'priority',
    'dueAt',
    'closingNote',
  ] as const) {
    const next = changes[field];
    if (next !== undefined && next !== task[field]) set(field, field, task[field], next);
  }
  if (changes.ownerId !== undefined && changes.ownerId !== task.ownerId) {
    const next =
      changes.ownerId === null
        ? null
        : await requireAssignable(ctx.db, task.workspaceId, changes.ownerId, 'ownerId');
    const prev =
      task.ownerId === null ? null : ((await findRefs(ctx.db, [task.ownerId]))[0] ?? null);
    set('ownerId', 'owner', prev, next, next?.id ?? null);
  }
  return { values, before, after };
}

/**
 * Changes a task. With `expectedVersion`, answers precondition_failed when it moved on.
 * Throws not_found, forbidden (no cases.manage), invalid_input.
 */
export async function updateTask(
  ctx: Ctx,
  number: number,
  taskId: number,
  changes: TaskChanges,
  expectedVersion?: number,
): Promise<TaskView> {
  const { row: c } = await loadCase(ctx, number, 'canManage');
  const task = await repo.findTask(ctx.db, c.id, taskId);
  if (!task) throw notFound(`Task ${taskId} of case ${number}`);
  const stale = () =>
    new AppError(
      'precondition_failed',
      'The task was changed by someone else; reload and try again',
    );
  if (expectedVersion !== undefined && expectedVersion !== task.version) throw stale();
  const p = await plan(ctx, task, changes);
  if (Object.keys(p.values).length === 0)
    return presentTask(await repo.findTaskView(ctx.db, task.id), number);
  const at = ctx.clock.now().toISOString();
  const nextStatus = changes.status ?? task.status;
  const openDelta = Number(isOpen(nextStatus)) - Number(isOpen(task.status));
  if (openDelta !== 0) p.values.completedAt = isOpen(nextStatus) ? null : at;
  await inTransaction(ctx, async (tx, emit) => {
    const updated = await repo.updateTaskAtVersion(tx, task.id, task.version, {
      ...p.values,
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    if (!updated) throw stale();
    await adjustCounters(tx, c.id, { taskOpen: openDelta }, at, ctx.actor.accountId);
    if (p.values.title !== undefined || p.values.description !== undefined) {
      await updateSearchDoc(tx, 'task', task.id, `${updated.title}\n${updated.description}`);
    }
    await emit('task.updated', {
      workspaceId: c.workspaceId,
      at,
      targetId: task.id,
      caseId: c.id,
      before: { title: task.title, ...p.before },
      after: { title: updated.title, ...p.after },
    });
  });
  return presentTask(await repo.findTaskView(ctx.db, task.id), number);
}
