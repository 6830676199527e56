import { useSyncExternalStore } from 'react';

/** What live updates hold for the queues of this tab, outside the query cache. */
export type LiveKind = 'case' | 'alert';
export type LiveMark = 'new' | 'changed';

interface LiveState {
  /** Rows created (or changed off this page) since the queue was fetched: shown on request. */
  pending: Record<LiveKind, readonly number[]>;
  /** Rows marked on screen: `new` once shown from the banner, `changed` refreshed in place. */
  marks: ReadonlyMap<string, LiveMark>;
}

let state: LiveState = { pending: { case: [], alert: [] }, marks: new Map() };
const listeners = new Set<() => void>();
const set = (next: LiveState) => {
  state = next;
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Rows a change added to a queue, waiting behind the "N new — show" banner. */
export function addPending(kind: LiveKind, ids: readonly number[]): void {
  const known = new Set(state.pending[kind]);
  const added = ids.filter((id) => !known.has(id));
  if (added.length === 0) return;
  set({ ...state, pending: { ...state.pending, [kind]: [...state.pending[kind], ...added] } });
}

/** The banner was used: its rows are now marked new (the caller refetches the queue). */
export function showPending(kind: LiveKind): void {
  const marks = new Map(state.marks);
  for (const id of state.pending[kind]) marks.set(`${kind}:${id}`, 'new');
  set({ pending: { ...state.pending, [kind]: [] }, marks });
}

export function markRow(kind: LiveKind, id: number, mark: LiveMark): void {
  const key = `${kind}:${id}`;
  if (state.marks.get(key) === 'new') return;
  set({ ...state, marks: new Map(state.marks).set(key, mark) });
}

/** A new page is shown: what was pending or marked belongs to the one left. */
export function forgetLive(): void {
  set({ pending: { case: [], alert: [] }, marks: new Map() });
}

export function usePending(kind: LiveKind): readonly number[] {
  return useSyncExternalStore(subscribe, () => state.pending[kind]);
}

/** The mark of each row of a queue, for its table. */
export function useLiveMarks(kind: LiveKind): (id: number) => LiveMark | undefined {
  const marks = useSyncExternalStore(subscribe, () => state.marks);
  return (id) => marks.get(`${kind}:${id}`);
}
