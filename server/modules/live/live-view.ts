import type { LiveChange, LiveTopic, StreamQuery } from '../../../contract/live.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { canViewAlerts } from '../alerts/index.ts';
import { loadCase, seesOnlyContributedCases } from '../cases/index.ts';
import type { LiveEntry } from './entries.ts';

/** What one tab watches. */
export interface Watch {
  queues: ReadonlySet<string>;
  caseNumber?: number;
  incidentId?: number;
}

export const watchOf = (query: StreamQuery): Watch => ({
  queues: new Set(query.queues ?? []),
  ...(query.case !== undefined && { caseNumber: query.case }),
  ...(query.incident !== undefined && { incidentId: query.incident }),
});

const caseTopics = new Set<LiveTopic>(['case', 'tasks', 'activity', 'contributors', 'links']);
const alertSide = new Set<LiveTopic>(['alerts', 'incidents', 'incident', 'links']);

/** Whether the viewer may see this case now, by the rule `GET /cases/{number}` applies. */
async function maySeeCase(ctx: Ctx, caseNumber: number): Promise<boolean> {
  // Members see every case of the workspace: no read per event for them.
  if (!seesOnlyContributedCases(ctx.actor)) return true;
  try {
    await loadCase(ctx, caseNumber);
    return true;
  } catch (error) {
    if (error instanceof AppError && (error.code === 'not_found' || error.code === 'forbidden'))
      return false;
    throw error;
  }
}

/** Which of an entry's topics this tab shows. */
function watchedTopics(entry: LiveEntry, watch: Watch): LiveTopic[] {
  const opensCase = entry.caseNumber !== undefined && entry.caseNumber === watch.caseNumber;
  const opensIncident = entry.incidentId !== undefined && entry.incidentId === watch.incidentId;
  return entry.topics.filter((topic) => {
    if (caseTopics.has(topic)) return opensCase;
    if (topic === 'incident') return opensIncident;
    return watch.queues.has(topic);
  });
}

/**
 * The event as this viewer's tab receives it, or undefined when the tab does not show what it
 * changed or the viewer may not know of it: a case the viewer cannot open (a guest's case it
 * was not given), alerts and incidents without `alerts.view`. Only ids and topics leave.
 */
export async function viewFor(
  ctx: Ctx,
  entry: LiveEntry,
  watch: Watch,
): Promise<LiveChange | undefined> {
  const seesAlerts = canViewAlerts(ctx.actor);
  if (entry.scope === 'alerts' && !seesAlerts) return undefined;
  // Links, alerts and incidents are alert data: a guest's case page has none of them.
  const topics = watchedTopics(entry, watch).filter((t) => seesAlerts || !alertSide.has(t));
  if (topics.length === 0) return undefined;
  if (entry.caseNumber !== undefined && !(await maySeeCase(ctx, entry.caseNumber)))
    return undefined;
  return {
    seq: entry.seq,
    type: entry.type,
    ...(entry.caseNumber !== undefined && { caseNumber: entry.caseNumber }),
    ...(entry.incidentId !== undefined && { incidentId: entry.incidentId }),
    ...(entry.alertIds !== undefined && { alertIds: entry.alertIds }),
    ...(entry.created === true && { created: true }),
    topics,
  };
}
