import type { ListCasesQuery } from '../../../../contract/cases.ts';
import { TOTAL_CAP, type Total } from '../../../../contract/common.ts';
import type { Ctx } from '../../../context.ts';
import { countUpTo } from '../../../db/count.ts';
import { compareKeys, pageOf, readCursor } from '../../../db/keyset.ts';
import { hiddenSubjectsNamedBy } from '../../subjects/index.ts';
import { seesOnlyContributedCases } from '../cases.policy.ts';
import { presentCase, type CaseView } from '../cases.presenter.ts';
import {
  caseKeyOf,
  caseKeys,
  listCaseQueue,
  selectCaseQueueIds,
  type CaseQueueFilter,
} from '../queue.repo.ts';

type CasePage = { items: CaseView[]; nextCursor: string | null; total?: Total };

/** The queue's filter for what the actor may see, `me` resolved. */
const filterFor = (ctx: Ctx, f: ListCasesQuery): CaseQueueFilter => ({
  ...f,
  workspaceId: ctx.actor.workspaceId,
  contributorId: seesOnlyContributedCases(ctx.actor) ? ctx.actor.accountId : undefined,
  assigneeId:
    f.assignee === undefined
      ? undefined
      : f.assignee === 'none'
        ? null
        : f.assignee === 'me'
          ? ctx.actor.accountId
          : f.assignee,
});

/**
 * The queue: filtered, sorted, one page at a time, for what the actor may see. Throws
 * invalid_input for a malformed cursor.
 *
 * With several categories (the usual "new, active" queue), no index yields rows in sort order:
 * both engines would read and sort every matching case. So each category is read on its own
 * (an index range in sort order, stopping after limit + 1 rows) and the pages are merged here.
 */
export async function listCases(ctx: Ctx, f: ListCasesQuery): Promise<CasePage> {
  const keys = caseKeys(f.sort, f.order);
  const after = readCursor(f.cursor, keys);
  const text = f.q?.trim();
  const filter = {
    ...filterFor(ctx, f),
    hiddenSubjectIds: text ? await hiddenSubjectsNamedBy(ctx, text) : undefined,
  };
  const keyOf = (r: Parameters<typeof presentCase>[0]) => caseKeyOf(f.sort, r);
  const categories = [...new Set(f.category ?? [])];
  const byKey = compareKeys(keys);
  const rows =
    categories.length > 1 && !f.q?.trim()
      ? (
          await Promise.all(
            categories.map((category) =>
              listCaseQueue(ctx.db, { ...filter, category: [category] }, keys, after, f.limit),
            ),
          )
        )
          .flat()
          .sort((a, b) => byKey(keyOf(a), keyOf(b)))
          .slice(0, f.limit + 1)
      : await listCaseQueue(ctx.db, filter, keys, after, f.limit);
  const { page, nextCursor } = pageOf(rows, f.limit, keyOf);
  const result: CasePage = { items: page.map(presentCase), nextCursor };
  if (f.total)
    result.total = await countUpTo(ctx.db, selectCaseQueueIds(ctx.db, filter), TOTAL_CAP);
  return result;
}
