import type { CaseReveals, RevealSubject, SubjectReveal } from '../../../contract/subjects.ts';
import type { Ctx } from '../../context.ts';
import { inTransaction } from '../../events/index.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { loadWorkspaceSettings } from '../settings/index.ts';
import { pseudonymOf } from '../../lib/pseudonym.ts';
import { forgetLens } from './lens.ts';
import * as repo from './reveals.repo.ts';
import * as subjects from './subjects.repo.ts';

/** The case a reveal is for, as the cases module found it (the caller may view it). */
export interface RevealCase {
  id: number;
  number: number;
  subjectId: number | null;
}

const HOUR = 3_600_000;

function requireReveal(ctx: Ctx) {
  if (!can(ctx.actor, 'subjects.reveal'))
    throw forbidden("Revealing a subject's identity needs the subjects.reveal permission");
}

type RevealRow = Awaited<ReturnType<typeof repo.listCaseReveals>>[number];
const present = (r: RevealRow, now: string): SubjectReveal => ({
  id: r.id,
  subjectId: r.subjectId,
  by: { id: r.accountId, name: r.accountName },
  justification: r.justification,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  isActive: r.expiresAt > now,
});

/**
 * Reveals the case's subject to the caller for the workspace's reveal time, with a reason;
 * audited on the case. Throws forbidden (no subjects.reveal), conflict (the workspace does not
 * pseudonymise, or the case has no subject).
 */
export async function revealSubject(
  ctx: Ctx,
  c: RevealCase,
  input: RevealSubject,
): Promise<CaseReveals> {
  requireReveal(ctx);
  const ws = ctx.actor.workspaceId;
  const settings = await loadWorkspaceSettings(ctx.db, ws);
  if (!settings.privacy.pseudonymise)
    throw new AppError('conflict', 'This workspace does not pseudonymise subjects');
  if (c.subjectId === null) throw new AppError('conflict', `Case ${c.number} has no subject`);
  const subjectId = c.subjectId;
  const now = ctx.clock.now();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + settings.privacy.revealHours * HOUR).toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    // A new reveal replaces one that still lasts: one active reveal per account and subject.
    await repo.endReveals(tx, ws, ctx.actor.accountId, subjectId, at);
    await repo.insertReveal(tx, {
      workspaceId: ws,
      accountId: ctx.actor.accountId,
      subjectId,
      caseId: c.id,
      justification: input.justification,
      createdAt: at,
      expiresAt,
    });
    await emit('subject.revealed', {
      targetId: subjectId,
      caseId: c.id,
      after: { caseNumber: c.number, justification: input.justification, expiresAt },
    });
  });
  forgetLens(ctx);
  return listCaseReveals(ctx, c);
}

/** Ends the caller's reveal of the case's subject before it expires; audited. */
export async function endReveal(ctx: Ctx, c: RevealCase): Promise<CaseReveals> {
  const ws = ctx.actor.workspaceId;
  const at = ctx.clock.now().toISOString();
  const mine = (await listCaseReveals(ctx, c)).mine;
  if (mine && c.subjectId !== null) {
    const subjectId = c.subjectId;
    await inTransaction(ctx, async (tx, emit) => {
      await repo.endReveals(tx, ws, ctx.actor.accountId, subjectId, at);
      await emit('subject.reveal_ended', {
        targetId: subjectId,
        caseId: c.id,
        before: { expiresAt: mine.expiresAt },
        after: { caseNumber: c.number },
      });
    });
    forgetLens(ctx);
  }
  return listCaseReveals(ctx, c);
}

/** The reveals made in a case, and the caller's own that lasts now. */
export async function listCaseReveals(ctx: Ctx, c: RevealCase): Promise<CaseReveals> {
  const now = ctx.clock.now().toISOString();
  const rows = await repo.listCaseReveals(ctx.db, ctx.actor.workspaceId, c.id, 100);
  const items = rows.map((r) => present(r, now));
  const mine =
    items.find(
      (r) => r.isActive && r.by.id === ctx.actor.accountId && r.subjectId === c.subjectId,
    ) ?? null;
  return { items, mine };
}

/**
 * The pseudonym a known identity has in the workspace (a reverse lookup), audited with the
 * reason. Throws forbidden without subjects.reveal.
 */
export async function lookUpPseudonym(
  ctx: Ctx,
  input: { identity: string; justification: string },
): Promise<{ pseudonym: string; subjectId: number | null }> {
  requireReveal(ctx);
  const ws = ctx.actor.workspaceId;
  const pseudonym = pseudonymOf(await ctx.pseudonyms.workspaceKey(ws), input.identity);
  const [found] = await subjects.findSubjectsByEmail(ctx.db, ws, [input.identity]);
  await inTransaction(ctx, async (_tx, emit) => {
    await emit('subject.pseudonym_looked_up', {
      targetId: found?.id ?? 0,
      after: {
        identity: input.identity,
        found: found !== undefined,
        justification: input.justification,
      },
    });
  });
  return { pseudonym, subjectId: found?.id ?? null };
}
