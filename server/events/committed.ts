import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { isPostgres } from '../db/dialect.ts';

/** A workspace's event log grew: its events up to `seq` are committed. */
export interface Committed {
  workspaceId: number;
  seq: number;
}

type Listener = (committed: Committed) => void;
const listeners = new Set<Listener>();

/** The PostgreSQL channel that carries wake-ups between server processes. */
export const COMMITTED_CHANNEL = 'casefile_events';

/**
 * Listens to this process's commits (and, once `listenForCommits` runs, other processes' on
 * the same PostgreSQL). A wake-up carries only the workspace and sequence: a consumer re-reads
 * the log from its own cursor, so a wake-up lost or doubled costs a read, never an event.
 */
export function onCommitted(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells the listeners of this process; called by the unit of work once a commit succeeded. */
export function publishCommitted(committed: Committed): void {
  for (const listener of listeners) {
    try {
      listener(committed);
    } catch {
      // A listener's failure is its own; the change it hears of has committed.
    }
  }
}

/**
 * Queues the cross-process wake-up inside the transaction: PostgreSQL delivers a NOTIFY only
 * when its transaction commits, and never when it rolls back. SQLite has one process.
 */
export async function notifyOtherProcesses(tx: Db, committed: Committed): Promise<void> {
  if (!isPostgres(tx)) return;
  await sql`select pg_notify(${COMMITTED_CHANNEL}, ${`${committed.workspaceId}:${committed.seq}`})`.execute(
    tx,
  );
}

/** Reads a wake-up sent by `notifyOtherProcesses`; undefined when it is not one. */
export function parseCommitted(payload: string | undefined): Committed | undefined {
  const match = /^(\d+):(\d+)$/.exec(payload ?? '');
  if (!match) return undefined;
  return { workspaceId: Number(match[1]), seq: Number(match[2]) };
}
