import type { Ctx } from '../../../context.ts';
import type { Db } from '../../../db/connection.ts';
import type { CaseRow } from '../../../db/schema.ts';
import { forbidden, invalidInput, notFound } from '../../../lib/errors.ts';
import { can, mayWorkCases } from '../../access/index.ts';
import { loadActor } from '../../accounts/index.ts';
import { caseAccess, type CaseAccess } from '../cases.policy.ts';
import * as repo from '../cases.repo.ts';

export interface LoadedCase {
  row: CaseRow;
  access: CaseAccess;
}

/**
 * Finds a case by number for the actor. Throws not_found when it does not exist or the actor
 * may not see it, forbidden when the actor sees it but lacks `need`.
 */
export async function loadCase(
  ctx: Ctx,
  number: number,
  need: keyof CaseAccess = 'canView',
): Promise<LoadedCase> {
  const row = await repo.findCaseByNumber(ctx.db, ctx.actor.workspaceId, number);
  if (!row) throw notFound(`Case ${number}`);
  const member = can(ctx.actor, 'cases.view') && can(ctx.actor, 'comments.add');
  const contributor = member
    ? false
    : await repo.isContributor(ctx.db, row.id, ctx.actor.accountId);
  const access = caseAccess(ctx.actor, contributor);
  if (!access.canView) throw notFound(`Case ${number}`);
  if (!access[need]) throw forbidden();
  return { row, access };
}

/** An account a case or task may be assigned to: active, in the workspace, able to work cases. */
export async function requireAssignable(
  db: Db,
  workspaceId: number,
  accountId: number,
  field: string,
): Promise<{ id: number; name: string }> {
  const actor = await loadActor(db, accountId, 'session');
  if (!actor || actor.workspaceId !== workspaceId || !mayWorkCases(actor.permissions)) {
    throw invalidInput(`Account ${accountId} cannot be assigned`, [
      { path: `body.${field}`, message: 'not an active member of the workspace' },
    ]);
  }
  return { id: actor.accountId, name: actor.name };
}
