import type { Ctx } from '../../../context.ts';
import { AppError, forbidden } from '../../../lib/errors.ts';
import { can } from '../../access/index.ts';
import { loadCase } from './access.ts';
import { applyCaseChanges } from './update-case.ts';

type BulkSet = {
  assigneeId?: number | null | undefined;
  statusId?: number | undefined;
  priority?: 'very_low' | 'low' | 'medium' | 'high' | 'critical' | undefined;
};

/**
 * Applies the same change to many cases, each in its own transaction, and reports each
 * outcome; one case failing does not undo the others. Throws forbidden without cases.manage.
 */
export async function bulkUpdateCases(ctx: Ctx, numbers: number[], set: BulkSet) {
  if (!can(ctx.actor, 'cases.manage') || !can(ctx.actor, 'cases.view')) throw forbidden();
  const results: Array<{ number: number; ok: boolean; error?: { code: string; message: string } }> =
    [];
  for (const number of [...new Set(numbers)]) {
    try {
      const { row } = await loadCase(ctx, number, 'canManage');
      await applyCaseChanges(ctx, row, set);
      results.push({ number, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ number, ok: false, error: { code: error.code, message: error.message } });
    }
  }
  return { results };
}
