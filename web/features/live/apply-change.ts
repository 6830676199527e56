import type { QueryClient } from '@tanstack/react-query';
import type { LiveChange } from '../../../contract/live.ts';
import { api, type AlertList, type CaseList } from '../../api.ts';
import {
  activityKey,
  alertKey,
  allEvidenceKey,
  alertsKey,
  caseKey,
  casesKey,
  contributorsKey,
  evidenceKey,
  incidentKey,
  incidentsKey,
  linksKey,
  tasksKey,
} from '../../query-keys.ts';
import { addPending, markRow } from './live-store.ts';

/**
 * Refreshes one case's row in every cached page of the queue where it is, in its place: the
 * rows do not move under the pointer. False when no cached page holds it.
 */
async function refreshCaseRow(client: QueryClient, number: number): Promise<boolean> {
  const pages = client.getQueriesData<CaseList>({ queryKey: [...casesKey, 'list'] });
  if (!pages.some(([, page]) => page?.items.some((c) => c.number === number))) return false;
  const { access: _access, ...row } = await api.getCase(number);
  // Applied to each page as it is now: a refetch that finished meanwhile is not undone.
  for (const [key] of pages)
    client.setQueryData<CaseList>(
      key,
      (page) => page && { ...page, items: page.items.map((c) => (c.number === number ? row : c)) },
    );
  markRow('case', number, 'changed');
  return true;
}

async function refreshAlertRows(client: QueryClient, ids: readonly number[]): Promise<void> {
  const pages = client.getQueriesData<AlertList>({ queryKey: [...alertsKey, 'list'] });
  const shown = new Set(pages.flatMap(([, page]) => page?.items.map((a) => a.id) ?? []));
  for (const id of ids) {
    void client.invalidateQueries({ queryKey: alertKey(id) });
    if (!shown.has(id)) continue;
    const fresh = await api.getAlert(id);
    for (const [key] of pages)
      client.setQueryData<AlertList>(
        key,
        (page) =>
          page && {
            ...page,
            items: page.items.map((a) => (a.id === id ? { ...a, ...pickRow(a, fresh) } : a)),
          },
      );
    markRow('alert', id, 'changed');
  }
}

/** The fields of a fresh alert that its queue row has: the row keeps its own shape. */
function pickRow<T extends object>(row: T, fresh: object): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(row) as (keyof T)[]) if (key in fresh) out[key] = (fresh as T)[key];
  return out;
}

/**
 * One change heard on the stream: invalidates exactly the queries it made stale. New rows of a
 * queue wait behind its banner; changed rows on screen are refreshed where they are.
 */
export async function applyChange(client: QueryClient, change: LiveChange): Promise<void> {
  const n = change.caseNumber;
  for (const topic of change.topics) {
    if (topic === 'case' && n !== undefined)
      void client.invalidateQueries({ queryKey: caseKey(n) });
    if (topic === 'tasks' && n !== undefined)
      void client.invalidateQueries({ queryKey: tasksKey(n) });
    if (topic === 'activity' && n !== undefined)
      void client.invalidateQueries({ queryKey: activityKey(n) });
    if (topic === 'contributors' && n !== undefined)
      void client.invalidateQueries({ queryKey: contributorsKey(n) });
    if (topic === 'links' && n !== undefined)
      void client.invalidateQueries({ queryKey: linksKey(n) });
    // The list, the open item's custody log and its content; without a case, every case's.
    if (topic === 'evidence')
      void client.invalidateQueries({
        queryKey: n === undefined ? allEvidenceKey : evidenceKey(n),
      });
    if (topic === 'incident' && change.incidentId !== undefined)
      void client.invalidateQueries({ queryKey: incidentKey(change.incidentId) });
    if (topic === 'incidents') void client.invalidateQueries({ queryKey: incidentsKey });
    if (topic === 'cases' && n !== undefined) {
      if (change.created || !(await refreshCaseRow(client, n))) addPending('case', [n]);
    }
    if (topic === 'alerts') {
      if (change.created) addPending('alert', change.alertIds ?? []);
      else await refreshAlertRows(client, change.alertIds ?? []);
    }
  }
}
