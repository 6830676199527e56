import type { CreateCase } from '../../../../contract/cases.ts';
import type { Ctx } from '../../../context.ts';
import { forbidden } from '../../../lib/errors.ts';
import { can } from '../../access/index.ts';
import { auditActor, recordAudit } from '../../audit/index.ts';
import { firstStatusOf } from '../../statuses/index.ts';
import { caseSearchBody, presentCase, priorityRank, type CaseView } from '../cases.presenter.ts';
import * as repo from '../cases.repo.ts';
import { requireAssignable } from './access.ts';
import { requireOpenStatus } from './update-case.ts';

/**
 * Opens a case with the next number of the workspace. Throws forbidden without cases.manage,
 * invalid_input for an unknown or retired status or an assignee who cannot hold cases.
 */
export async function createCase(ctx: Ctx, input: CreateCase): Promise<CaseView> {
  if (!can(ctx.actor, 'cases.manage') || !can(ctx.actor, 'cases.view')) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const status = input.statusId
    ? await requireOpenStatus(ctx.db, ws, input.statusId)
    : await firstStatusOf(ctx.db, ws, 'new');
  const assignee = input.assigneeId
    ? await requireAssignable(ctx.db, ws, input.assigneeId, 'assigneeId')
    : null;
  const at = ctx.clock.now().toISOString();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const number = await repo.allocateCaseNumber(tx, ws);
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
    });
    await repo.insertSearchDoc(tx, {
      workspaceId: ws,
      caseId: row.id,
      kind: 'case',
      refId: row.id,
      body: caseSearchBody(input),
    });
    await recordAudit(tx, {
      workspaceId: ws,
      at,
      actor: auditActor(ctx.actor),
      action: 'case.created',
      targetType: 'case',
      targetId: number,
      caseId: row.id,
      after: {
        title: input.title,
        priority: input.priority,
        status: { id: status.id, name: status.name },
        assignee,
        dueAt: input.dueAt ?? null,
        tags: input.tags,
      },
    });
    return row.id;
  });
  return presentCase(await repo.findCaseView(ctx.db, id));
}
