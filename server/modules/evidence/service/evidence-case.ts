import type { Ctx } from '../../../context.ts';
import { notFound } from '../../../lib/errors.ts';
import { loadCase, type LoadedCase } from '../../cases/index.ts';

/**
 * The case whose evidence the caller works with. Throws not_found when the case does not exist,
 * is not visible, or the caller may not see evidence (evidence.manage): to everyone else a
 * case's evidence does not exist.
 */
export async function loadEvidenceCase(ctx: Ctx, number: number): Promise<LoadedCase> {
  const loaded = await loadCase(ctx, number);
  if (!loaded.access.canManageEvidence) throw notFound(`Evidence of case ${number}`);
  return loaded;
}
