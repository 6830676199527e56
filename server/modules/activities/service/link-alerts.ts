import type { ActivityIn } from '../../../../contract/activities.ts';
import type { Db } from '../../../db/connection.ts';
import { invalidInput } from '../../../lib/errors.ts';
import { findAlertRefs } from '../../alerts/index.ts';
import { impossibleTimes } from '../../../lib/source-times.ts';

const keyOf = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/**
 * The alert id each event links to (null when it names none), in the batch's order. Throws
 * invalid_input, one detail per event, when a link names no alert of the workspace: the alert
 * must be sent first.
 */
export async function resolveAlertLinks(
  db: Db,
  workspaceId: number,
  events: readonly ActivityIn[],
): Promise<Array<number | null>> {
  const ids = new Set<number>();
  const keys = new Map<string, [string, string]>();
  for (const e of events) {
    if (e.alertId !== undefined) ids.add(e.alertId);
    if (e.alertExternalId !== undefined) {
      const source = e.alertSource ?? e.source;
      keys.set(keyOf(source, e.alertExternalId), [source, e.alertExternalId]);
    }
  }
  if (ids.size === 0 && keys.size === 0) return events.map(() => null);
  const found = await findAlertRefs(db, workspaceId, [...ids], [...keys.values()]);
  const problems: Array<{ path: string; message: string }> = [];
  const links = events.map((e, i) => {
    if (e.alertId !== undefined) {
      if (found.ids.has(e.alertId)) return e.alertId;
      problems.push({
        path: `body.activities.${i}.alertId`,
        message: `names no alert of the workspace (send alert ${e.alertId} first)`,
      });
      return null;
    }
    if (e.alertExternalId === undefined) return null;
    const source = e.alertSource ?? e.source;
    const id = found.byKey.get(keyOf(source, e.alertExternalId));
    if (id !== undefined) return id;
    problems.push({
      path: `body.activities.${i}.alertExternalId`,
      message: `names no alert of the workspace from source ${source} (send the alert first)`,
    });
    return null;
  });
  if (problems.length > 0)
    throw invalidInput('Some activity events link to alerts that are not stored', problems);
  return links;
}

/** Times before 1970 or later than `latest` are typing or clock errors of the source. */
export function refuseImpossibleTimes(events: readonly ActivityIn[], latest: number): void {
  const wrong = impossibleTimes(
    events.map((e) => e.occurredAt),
    latest,
    (i) => `body.activities.${i}.occurredAt`,
  );
  if (wrong.length > 0)
    throw invalidInput('Some activity events carry a time that cannot be right', wrong);
}
