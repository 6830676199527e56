import type { CreateCase } from '../../../../contract/cases.ts';
import type { Ctx } from '../../../context.ts';
import type { Db } from '../../../db/connection.ts';
import { inTransaction, joinUnit } from '../../../events/index.ts';
import { forbidden } from '../../../lib/errors.ts';
import { can } from '../../access/index.ts';
import { firstStatusOf } from '../../statuses/index.ts';
import { requireSubject } from '../../subjects/index.ts';
import { allocateCaseNumber } from '../../workspaces/index.ts';
import {
  caseSearchBody,
  presentCaseDetail,
  priorityRank,
  type CaseDetailView,
} from '../cases.presenter.ts';
import { caseAccess } from '../cases.policy.ts';
import * as repo from '../cases.repo.ts';
import { requireAssignable } from './access.ts';
import { requireOpenStatus } from './update-case.ts';

/** A case checked and ready to insert: `insertCase` writes it inside a caller's transaction. */
export interface PreparedCase {
  input: CreateCase;
  status: { id: number; name: string; category: string };
  assignee: { id: number; name: string } | null;
  subject: { id: number; name: string; email: string } | null;
}

/**
 * Checks a new case before any write. Throws forbidden without cases.manage, invalid_input for
 * an unknown or retired status, an assignee who cannot hold cases or an unknown subject.
 */
export async function prepareCase(
  ctx: Ctx,
  input: CreateCase,
  path = 'body',
): Promise<PreparedCase> {
  if (!can(ctx.actor, 'cases.manage') || !can(ctx.actor, 'cases.view')) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const status = input.statusId
    ? await requireOpenStatus(ctx.db, ws, input.statusId)
    : await firstStatusOf(ctx.db, ws, 'new');
  const assignee = input.assigneeId
    ? await requireAssignable(ctx.db, ws, input.assigneeId, 'assigneeId')
    : null;
  const subject = input.subjectId
    ? await requireSubject(ctx.db, ws, input.subjectId, `${path}.subjectId`)
    : null;
  return { input, status, assignee, subject };
}

/** Writes a prepared case with its search text and audit event; returns its id and number. */
export async function insertPreparedCase(
  ctx: Ctx,
  tx: Db,
  prepared: PreparedCase,
  at: string,
): Promise<{ id: number; number: number }> {
  const { input, status, assignee, subject } = prepared;
  const ws = ctx.actor.workspaceId;
  const number = await allocateCaseNumber(tx, ws);
  const row = await repo.insertCase(tx, {
    workspaceId: ws,
    number,
    title: input.title,
    description: input.description,
    priority: input.priority,
    priorityRank: priorityRank[input.priority],
    statusId: status.id,
    statusCategory: status.category,
    assigneeId: assignee?.id ?? null,
    dueAt: input.dueAt ?? null,
    tags: JSON.stringify(input.tags),
    createdAt: at,
    createdBy: ctx.actor.accountId,
    updatedAt: at,
    updatedBy: ctx.actor.accountId,
    version: 1,
    resolutionClassification: null,
    resolutionReason: null,
    resolvedAt: null,
    resolvedBy: null,
    subjectId: subject?.id ?? null,
  });
  await repo.insertSearchDoc(tx, {
    workspaceId: ws,
    caseId: row.id,
    kind: 'case',
    refId: row.id,
    body: caseSearchBody(input),
  });
  await joinUnit(tx).emit('case.created', {
    workspaceId: ws,
    at,
    targetId: number,
    caseId: row.id,
    after: {
      title: input.title,
      priority: input.priority,
      status: { id: status.id, name: status.name },
      assignee,
      dueAt: input.dueAt ?? null,
      tags: input.tags,
      ...(subject && { subject }),
    },
  });
  return { id: row.id, number };
}

/**
 * Opens a case with the next number of the workspace. Throws forbidden without cases.manage,
 * invalid_input for an unknown or retired status, an assignee who cannot hold cases or an
 * unknown subject.
 */
export async function createCase(ctx: Ctx, input: CreateCase): Promise<CaseDetailView> {
  const prepared = await prepareCase(ctx, input);
  const { id } = await inTransaction(ctx, (tx, _emit, { at }) =>
    insertPreparedCase(ctx, tx, prepared, at),
  );
  return presentCaseDetail(await repo.findCaseView(ctx.db, id), caseAccess(ctx.actor, false));
}
