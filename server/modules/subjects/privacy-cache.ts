import type { Db } from '../../db/connection.ts';
import { onCommitted } from '../../events/index.ts';
import { loadWorkspaceSettings } from '../settings/index.ts';
import * as repo from './reveals.repo.ts';

/**
 * What every request of a workspace asks before it answers: whether the workspace
 * pseudonymises, and what the caller revealed. Kept in memory until the workspace's next
 * commit — this process's, or on PostgreSQL another's, heard through LISTEN — and for 5 s at
 * most, in case a wake-up was lost: turning the setting on, a reveal and its end all commit,
 * so each takes effect with the next request.
 */
const TTL_MS = 5_000;
const generations = new Map<number, number>();
let listening = false;

interface Entry {
  generation: number;
  at: number;
  pseudonymise: boolean;
  reveals: Map<number, Array<{ subjectId: number; expiresAt: string }>>;
}
const byDb = new WeakMap<Db, Map<number, Entry>>();

function listen() {
  if (listening) return;
  listening = true;
  onCommitted(({ workspaceId }) =>
    generations.set(workspaceId, (generations.get(workspaceId) ?? 0) + 1),
  );
}

async function entryOf(db: Db, workspaceId: number): Promise<Entry> {
  listen();
  let entries = byDb.get(db);
  if (!entries) byDb.set(db, (entries = new Map<number, Entry>()));
  const generation = generations.get(workspaceId) ?? 0;
  const now = Date.now();
  const known = entries.get(workspaceId);
  if (known && known.generation === generation && now - known.at < TTL_MS) return known;
  const settings = await loadWorkspaceSettings(db, workspaceId);
  const entry: Entry = {
    generation,
    at: now,
    pseudonymise: settings.privacy.pseudonymise,
    reveals: new Map(),
  };
  entries.set(workspaceId, entry);
  return entry;
}

/** Whether the workspace pseudonymises its subjects. */
export const isPseudonymised = async (db: Db, workspaceId: number): Promise<boolean> =>
  (await entryOf(db, workspaceId)).pseudonymise;

/** The subjects an account has revealed at `now`. */
export async function revealedBy(
  db: Db,
  workspaceId: number,
  accountId: number,
  now: string,
): Promise<Set<number>> {
  if (accountId === 0) return new Set();
  const entry = await entryOf(db, workspaceId);
  let rows = entry.reveals.get(accountId);
  if (!rows) {
    // Every reveal lasting beyond now; the expiry is checked again at each use.
    rows = await repo.listActiveReveals(db, workspaceId, accountId, now);
    entry.reveals.set(accountId, rows);
  }
  return new Set(rows.filter((r) => r.expiresAt > now).map((r) => r.subjectId));
}
