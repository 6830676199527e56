import type { Readable } from 'node:stream';
import type { ListCasesQuery } from '../../../../contract/cases.ts';
import type { Ctx } from '../../../context.ts';
import { csvPages, type CsvColumn } from '../../../lib/csv.ts';
import { subjectLens } from '../../subjects/index.ts';
import type { CaseView } from '../cases.presenter.ts';
import { listCases } from './list-cases.ts';

export type ExportCasesQuery = Omit<ListCasesQuery, 'limit' | 'cursor' | 'total'>;

const columns: ReadonlyArray<CsvColumn<CaseView>> = [
  ['number', (c) => c.number],
  ['title', (c) => c.title],
  ['status', (c) => c.status.name],
  ['category', (c) => c.status.category],
  ['priority', (c) => c.priority],
  ['assignee', (c) => c.assignee?.name],
  ['subject', (c) => c.subject?.name],
  ['tags', (c) => c.tags.join(' ')],
  ['due_at', (c) => c.dueAt],
  ['created_at', (c) => c.createdAt],
  ['created_by', (c) => c.createdBy?.name],
  ['updated_at', (c) => c.updatedAt],
  ['open_tasks', (c) => c.taskCounts.open],
  ['tasks', (c) => c.taskCounts.total],
  ['comments', (c) => c.commentCount],
  ['classification', (c) => c.resolution?.classification],
  ['resolved_at', (c) => c.resolution?.resolvedAt],
];

/**
 * The case queue with the caller's filters and sort as CSV, a page at a time, with what the actor
 * may see, through the lens a JSON answer goes through (pseudonyms, and names in titles, stay
 * hidden). Throws invalid_input for a malformed filter before the first byte.
 */
export async function exportCases(ctx: Ctx, query: ExportCasesQuery): Promise<Readable> {
  const lens = await subjectLens(ctx);
  return csvPages(columns, async (cursor) =>
    lens.apply(await listCases(ctx, { ...query, limit: 200, cursor })),
  );
}
