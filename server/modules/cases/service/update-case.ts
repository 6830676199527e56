import type { UpdateCase } from '../../../../contract/cases.ts';
import type { Ctx } from '../../../context.ts';
import type { CaseRow, CaseUpdate } from '../../../db/schema.ts';
import { inTransaction, type CaseFieldChanges } from '../../../events/index.ts';
import { AppError, conflict, invalidInput } from '../../../lib/errors.ts';
import { findRefs } from '../../accounts/index.ts';
import { findStatus, requireUsableStatus } from '../../statuses/index.ts';
import { requireSubject } from '../../subjects/index.ts';
import {
  caseSearchBody,
  presentCaseDetail,
  priorityRank,
  type CaseDetailView,
} from '../cases.presenter.ts';
import * as repo from '../cases.repo.ts';
import { loadCase, requireAssignable } from './access.ts';

export const staleVersion = () =>
  new AppError(
    'precondition_failed',
    'The case was changed by someone else since you loaded it; reload and try again',
  );

/**
 * A status a case may be given by an edit: usable and not closed. A case closes only by being
 * resolved, so every closed case carries a classification and a reason.
 */
export async function requireOpenStatus(db: Ctx['db'], workspaceId: number, id: number) {
  const status = await requireUsableStatus(db, workspaceId, id);
  if (status.category === 'closed') {
    throw invalidInput(`"${status.name}" is a closed status: resolve the case to close it`, [
      { path: 'body.statusId', message: 'closed status; resolve the case instead' },
    ]);
  }
  return status;
}

/**
 * Works out the row update and the audited before/after for a set of field changes; fields
 * that would not change are left out. Throws invalid_input for a bad status or assignee.
 */
async function planChanges(ctx: Ctx, row: CaseRow, changes: UpdateCase) {
  const ws = ctx.actor.workspaceId;
  const values: CaseUpdate = {};
  const before: CaseFieldChanges = {};
  const after: CaseFieldChanges = {};
  const note = <F extends keyof CaseFieldChanges>(
    field: F,
    from: CaseFieldChanges[F],
    to: CaseFieldChanges[F],
  ) => {
    before[field] = from;
    after[field] = to;
  };
  if (changes.title !== undefined && changes.title !== row.title) {
    values.title = changes.title;
    note('title', row.title, changes.title);
  }
  if (changes.description !== undefined && changes.description !== row.description) {
    values.description = changes.description;
    note('description', row.description, changes.description);
  }
  if (changes.priority !== undefined && changes.priority !== row.priority) {
    values.priority = changes.priority;
    values.priorityRank = priorityRank[changes.priority];
    note('priority', row.priority, changes.priority);
  }
  if (changes.statusId !== undefined && changes.statusId !== row.statusId) {
    if (row.statusCategory === 'closed') {
      throw conflict(
        `Case ${row.number} is closed: reopen it, with a reason, to change its status`,
      );
    }
    const next = await requireOpenStatus(ctx.db, ws, changes.statusId);
    const prev = await findStatus(ctx.db, ws, row.statusId);
    values.statusId = next.id;
    values.statusCategory = next.category;
    note('status', prev ? { id: prev.id, name: prev.name } : null, {
      id: next.id,
      name: next.name,
    });
  }
  if (changes.assigneeId !== undefined && changes.assigneeId !== row.assigneeId) {
    const next =
      changes.assigneeId === null
        ? null
        : await requireAssignable(ctx.db, ws, changes.assigneeId, 'assigneeId');
    const prev =
      row.assigneeId === null ? null : ((await findRefs(ctx.db, [row.assigneeId]))[0] ?? null);
    values.assigneeId = next?.id ?? null;
    note('assignee', prev, next);
  }
  if (changes.dueAt !== undefined && changes.dueAt !== row.dueAt) {
    values.dueAt = changes.dueAt;
    note('dueAt', row.dueAt, changes.dueAt);
  }
  if (changes.tags !== undefined) {
    const prevTags = JSON.parse(row.tags) as string[];
    if (JSON.stringify(prevTags) !== JSON.stringify(changes.tags)) {
      values.tags = JSON.stringify(changes.tags);
      note('tags', prevTags, changes.tags);
    }
  }
  if (changes.subjectId !== undefined && changes.subjectId !== row.subjectId) {
    const next =
      changes.subjectId === null
        ? null
        : await requireSubject(ctx.db, ws, changes.subjectId, 'body.subjectId');
    const prev =
      row.subjectId === null
        ? null
        : await requireSubject(ctx.db, ws, row.subjectId, 'body.subjectId');
    values.subjectId = next?.id ?? null;
    note('subject', prev, next);
  }
  return { values, before, after };
}

/** Applies planned changes at the row's version, with its audit event and search text. */
export async function applyCaseChanges(
  ctx: Ctx,
  row: CaseRow,
  changes: UpdateCase,
): Promise<number> {
  const plan = await planChanges(ctx, row, changes);
  if (Object.keys(plan.values).length === 0) return row.id;
  await inTransaction(ctx, async (tx, emit, { at }) => {
    const updated = await repo.updateCaseAtVersion(tx, row.id, row.version, {
      ...plan.values,
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    if (!updated) throw staleVersion();
    if (
      plan.values.title !== undefined ||
      plan.values.description !== undefined ||
      plan.values.tags !== undefined
    ) {
      const tags = JSON.parse(updated.tags) as string[];
      await repo.updateSearchDoc(
        tx,
        'case',
        row.id,
        caseSearchBody({ title: updated.title, description: updated.description, tags }),
      );
    }
    await emit('case.updated', {
      workspaceId: row.workspaceId,
      targetId: row.number,
      caseId: row.id,
      before: plan.before,
      after: plan.after,
    });
  });
  return row.id;
}

/**
 * Changes case fields. With `expectedVersion` (If-Match), answers precondition_failed when the
 * case moved on. Throws not_found, forbidden (no cases.manage), invalid_input.
 */
export async function updateCase(
  ctx: Ctx,
  number: number,
  changes: UpdateCase,
  expectedVersion?: number,
): Promise<CaseDetailView> {
  const { row, access } = await loadCase(ctx, number, 'canManage');
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw staleVersion();
  const id = await applyCaseChanges(ctx, row, changes);
  return presentCaseDetail(await repo.findCaseView(ctx.db, id), access);
}

/** Reads one case the actor may see, with what the actor may do with it (not_found otherwise). */
export async function getCase(ctx: Ctx, number: number): Promise<CaseDetailView> {
  const { row, access } = await loadCase(ctx, number);
  return presentCaseDetail(await repo.findCaseView(ctx.db, row.id), access);
}
