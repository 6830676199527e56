import { Readable } from 'node:stream';
import type { ListCasesQuery } from '../../../../contract/cases.ts';
import type { Ctx } from '../../../context.ts';
import { csvCell } from '../../../lib/csv.ts';
import { subjectLens } from '../../subjects/index.ts';
import type { CaseView } from '../cases.presenter.ts';
import { listCases } from './list-cases.ts';

export type ExportCasesQuery = Omit<ListCasesQuery, 'limit' | 'cursor' | 'total'>;

const columns: ReadonlyArray<[string, (c: CaseView) => string | number | null]> = [
  ['number', (c) => c.number],
  ['title', (c) => c.title],
  ['status', (c) => c.status.name],
  ['category', (c) => c.status.category],
  ['priority', (c) => c.priority],
  ['assignee', (c) => c.assignee?.name ?? null],
  ['subject', (c) => c.subject?.name ?? null],
  ['tags', (c) => c.tags.join(' ')],
  ['due_at', (c) => c.dueAt],
  ['created_at', (c) => c.createdAt],
  ['created_by', (c) => c.createdBy?.name ?? null],
  ['updated_at', (c) => c.updatedAt],
  ['open_tasks', (c) => c.taskCounts.open],
  ['tasks', (c) => c.taskCounts.total],
  ['comments', (c) => c.commentCount],
  ['classification', (c) => c.resolution?.classification ?? null],
  ['resolved_at', (c) => c.resolution?.resolvedAt ?? null],
];

const line = (cells: ReadonlyArray<string | number | null>) =>
  cells.map(csvCell).join(',') + '\r\n';

/**
 * The case queue with the caller's filters and sort as CSV, a page of the queue at a time (the
 * whole queue is never held), with what the actor may see and subjects as the actor sees them
 * (the lens a JSON answer goes through: pseudonyms, and names in titles, stay hidden). Throws invalid_input for malformed filters before the first
 * byte: the first page is read before the stream is handed back.
 */
export async function exportCases(ctx: Ctx, query: ExportCasesQuery): Promise<Readable> {
  const lens = await subjectLens(ctx);
  const read = async (cursor?: string) =>
    lens.apply(await listCases(ctx, { ...query, limit: 200, cursor }));
  const first = await read();
  async function* lines() {
    yield line(columns.map(([name]) => name));
    let page = first;
    for (;;) {
      yield page.items.map((c) => line(columns.map(([, cell]) => cell(c)))).join('');
      if (!page.nextCursor) return;
      page = await read(page.nextCursor);
    }
  }
  return Readable.from(lines());
}
