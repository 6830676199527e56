/**
 * Every TanStack Query key of the console, in one registry: the pages read through these, and
 * live updates (features/live) invalidate exactly the keys a change made stale.
 */
export const meKey = ['me'] as const;
export const statusesKey = ['case-statuses'] as const;
export const accountsKey = ['accounts'] as const;
export const settingsKey = ['workspace-settings'] as const;
/** Saved views: each list's under its kind. */
export const viewsKey = ['views'] as const;
export const viewsOfKindKey = (kind: string) => [...viewsKey, kind] as const;

/** The case queue: pages under `[...casesKey, 'list', …]`, counts under `'total'`. */
export const casesKey = ['cases'] as const;
export const caseKey = (n: number) => ['case', n] as const;
export const tasksKey = (n: number) => ['tasks', n] as const;
/** A case's activity log; each kind filter is a key below it. */
export const activityKey = (n: number) => ['activity', n] as const;
export const contributorsKey = (n: number) => ['contributors', n] as const;
export const linksKey = (n: number) => ['case-links', n] as const;
export const revealsKey = (n: number) => ['subject-reveals', n] as const;

/** The alert queue: pages under `'list'`, counts under `'total'`, one alert under `'one'`. */
export const alertsKey = ['alerts'] as const;
export const alertKey = (id: number) => [...alertsKey, 'one', id] as const;

export const incidentsKey = ['incidents'] as const;
export const incidentKey = (id: number) => ['incident', id] as const;

/** A subject's activity events: the timeline under `'timeline'`, explorer pages under `'list'`,
 * counts under `'total'`, one event under `'one'`. */
export const activityEventsKey = (subjectId: number) => ['activity-events', subjectId] as const;
export const activityEventKey = (id: number) => ['activity-event', id] as const;
/** The subject list: pages under `[...subjectsKey, 'list', …]`; one subject's reads below `subjectKey`. */
export const subjectsKey = ['subjects'] as const;
export const subjectKey = (id: number) => ['subject', id] as const;

/** Every case's evidence: what a verification of all of it makes stale. */
export const allEvidenceKey = ['evidence'] as const;
/**
 * A case's evidence: list pages under `'list'`, one item (with its custody log, and what the
 * server works out of its content) under `'one'`.
 */
export const evidenceKey = (n: number) => [...allEvidenceKey, n] as const;
export const evidenceItemKey = (n: number, id: number) => [...evidenceKey(n), 'one', id] as const;
export const evidenceMessageKey = (n: number, id: number) =>
  [...evidenceKey(n), 'message', id] as const;
