import type { Readable } from 'node:stream';
import type {
  ActivityListItem,
  ExportActivitiesQuery,
} from '../../../../contract/activity-explorer.ts';
import type { Ctx } from '../../../context.ts';
import { csvPages, type CsvColumn } from '../../../lib/csv.ts';
import { subjectLens } from '../../subjects/index.ts';
import { listActivities } from './list-activities.ts';

type Row = ActivityListItem & { subjectName: string };

const columns: ReadonlyArray<CsvColumn<Row>> = [
  ['id', (a) => a.id],
  ['occurred_at', (a) => a.occurredAt],
  ['subject', (a) => a.subjectName],
  ['category', (a) => a.category],
  ['activity_type', (a) => a.activityType],
  ['risk_score', (a) => a.riskScore],
  ['indicators', (a) => a.indicators.map((i) => `${i.name}:${i.score}`).join(' ')],
  ['object_name', (a) => a.objectName],
  ['sensitivity_label', (a) => a.sensitivityLabel],
  ['sequence_id', (a) => a.sequenceId],
  ['alert_id', (a) => a.alertId],
  ['reviewed_at', (a) => a.reviewedAt],
  ['reviewed_by', (a) => a.reviewedBy?.name],
];

/**
 * A subject's activity events with the explorer's filters and sort as CSV, a page at a time,
 * through the lens a JSON answer goes through (a hidden subject's name, and object names that
 * carry it, read as the pseudonym). Throws as the explorer does before the first byte.
 */
export async function exportActivities(
  ctx: Ctx,
  subjectId: number,
  query: ExportActivitiesQuery,
): Promise<Readable> {
  const lens = await subjectLens(ctx);
  return csvPages(columns, async (cursor) => {
    const page = await lens.apply(
      await listActivities(ctx, subjectId, { ...query, limit: 200, cursor }),
    );
    return {
      items: page.items.map((a) => ({ ...a, subjectName: page.subject.name })),
      nextCursor: page.nextCursor,
    };
  });
}
