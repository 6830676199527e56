import type { LiveChange, LiveTopic, StreamQuery } from '../../../contract/live.ts';
import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { canViewAlerts } from '../alerts/index.ts';
import { caseAccess, loadCase, seesOnlyContributedCases } from '../cases/index.ts';
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

const caseTopics = new Set<LiveTopic>([
  'case',
  'tasks',
  'activity',
  'contributors',
  'links',
  'evidence',
]);
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

/**
 * Whether the viewer may see a case's evidence, by the rule of the evidence routes
 * (`loadEvidenceCase`: the case's `canManageEvidence`). That needs workspace-wide case access,
 * which being a contributor never gives, so it is the actor's alone: no read per event. Were a
 * contributor ever given it, this would still refuse (it asks as a non-contributor): it fails
 * closed.
 */
const maySeeEvidence = (ctx: Ctx): boolean => caseAccess(ctx.actor, false).canManageEvidence;

/** Which of an entry's topics this tab shows. */
function watchedTopics(entry: LiveEntry, watch: Watch): LiveTopic[] {
  const opensCase =
    watch.caseNumber !== undefined &&
    (entry.everyCase === true || entry.caseNumber === watch.caseNumber);
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
 * was not given), alerts and incidents without `alerts.view`, evidence events (every topic of
 * them, their ids and the event itself) without the right to see the case's evidence. Only ids
 * and topics leave.
 */
export async function viewFor(
  ctx: Ctx,
  entry: LiveEntry,
  watch: Watch,
): Promise<LiveChange | undefined> {
  const seesAlerts = canViewAlerts(ctx.actor);
  if (entry.scope === 'alerts' && !seesAlerts) return undefined;
  if (entry.scope === 'evidence' && !maySeeEvidence(ctx)) return undefined;
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
    ...(entry.evidenceIds !== undefined && { evidenceIds: entry.evidenceIds }),
    ...(entry.created === true && { created: true }),
    topics,
  };
}
