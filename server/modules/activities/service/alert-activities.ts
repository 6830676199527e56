import type { ActivityIn } from '../../../../contract/activities.ts';
import { AppError } from '../../../lib/errors.ts';
import type { StoreAlertActivities } from '../../alerts/index.ts';
import { ingestActivities } from './ingest-activities.ts';

/** Rewrites `body.activities.N...` of a refusal to where the event sat in the alert batch. */
function relocate(error: unknown, origin: string[]): unknown {
  if (!(error instanceof AppError) || !Array.isArray(error.details)) return error;
  const details = (error.details as Array<{ path?: unknown; message: string }>).map((d) => {
    const m = typeof d.path === 'string' ? /^body\.activities\.(\d+)(.*)$/.exec(d.path) : null;
    return m ? { ...d, path: `${origin[Number(m[1])] ?? 'body.alerts'}${m[2]}` } : d;
  });
  return new AppError(error.code, error.message, details);
}

/**
 * How alert ingestion stores the activity events alerts carry: each becomes an event of the
 * alert's subject, linked to the alert, with the alert's source unless it names its own, under
 * the same rules as POST /activities (idempotent, all-or-nothing, in the alerts' transaction).
 */
export const alertActivityStore =
  (limits: { futureSkewMinutes: number }): StoreAlertActivities =>
  async (ctx, items) => {
    const origin: string[] = [];
    const events: ActivityIn[] = items.flatMap((item) =>
      item.activities.map((a, j) => {
        origin.push(`body.alerts.${item.index}.activities.${j}`);
        return {
          ...a,
          source: a.source ?? item.source,
          subject: item.subject,
          alertId: item.alertId,
        };
      }),
    );
    try {
      return await ingestActivities(ctx, events, limits);
    } catch (error) {
      throw relocate(error, origin);
    }
  };
