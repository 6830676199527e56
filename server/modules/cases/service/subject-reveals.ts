import type { CaseReveals, RevealSubject } from '../../../../contract/subjects.ts';
import type { Ctx } from '../../../context.ts';
import * as subjects from '../../subjects/index.ts';
import { loadCase } from './access.ts';

const revealCase = async (ctx: Ctx, number: number) => {
  const { row } = await loadCase(ctx, number);
  return { id: row.id, number: row.number, subjectId: row.subjectId };
};

/**
 * Reveals the case's subject to the caller, with a reason (audited on the case). Throws
 * not_found, forbidden (no subjects.reveal), conflict (no subject, or names are shown anyway).
 */
export async function revealCaseSubject(
  ctx: Ctx,
  number: number,
  input: RevealSubject,
): Promise<CaseReveals> {
  return subjects.revealSubject(ctx, await revealCase(ctx, number), input);
}

/** Ends the caller's reveal of the case's subject. Throws not_found. */
export async function endCaseSubjectReveal(ctx: Ctx, number: number): Promise<CaseReveals> {
  return subjects.endReveal(ctx, await revealCase(ctx, number));
}

/** Who revealed the case's subject, when and why. Throws not_found. */
export async function listCaseSubjectReveals(ctx: Ctx, number: number): Promise<CaseReveals> {
  return subjects.listCaseReveals(ctx, await revealCase(ctx, number));
}
