import type { Db } from '../../../db/connection.ts';
import * as repo from '../alerts.repo.ts';

/**
 * Which of the given alert ids and (source, externalId) keys name an alert of the workspace,
 * for other modules that link to alerts: the ids found, and the id of each key found (by
 * `source \0 externalId`).
 */
export async function findAlertRefs(
  db: Db,
  workspaceId: number,
  ids: number[],
  keys: Array<[string, string]>,
): Promise<{ ids: Set<number>; byKey: Map<string, number> }> {
  const found = ids.length > 0 ? await repo.findTriageStates(db, workspaceId, ids) : [];
  const byKey = new Map<string, number>();
  if (keys.length > 0)
    for (const r of await repo.findByKeys(db, workspaceId, keys))
      byKey.set(`${r.source}\u0000${r.externalId}`, r.id);
  return { ids: new Set(found.map((r) => r.id)), byKey };
}
