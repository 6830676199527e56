import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { silentLogger, type Logger } from '../lib/logger.ts';
import type { Actor } from '../modules/access/index.ts';
import { auditActor, recordAudit } from '../modules/audit/index.ts';
import { notifyOtherProcesses, publishCommitted, type Committed } from './committed.ts';
import { eventTargets, type EventInput, type EventType } from './event-map.ts';

/** What a unit of work needs from the caller's context. */
export interface UnitCtx {
  readonly db: Db;
  readonly actor: Actor;
  readonly clock: Clock;
  readonly log?: Logger;
}

/** Emits a typed domain event; its audit record is written at once, in the transaction. */
export type Emit = <K extends EventType>(type: K, event: EventInput<K>) => Promise<number>;

/** One change in progress: its transaction, its events and what runs after it commits. */
export interface Unit {
  readonly tx: Db;
  readonly emit: Emit;
  /** The unit's time, ISO-8601: rows and events of one change carry the same instant. */
  readonly at: string;
  /** Runs `hook` once the transaction committed (never when it rolls back). */
  afterCommit(hook: () => void): void;
}

interface OpenUnit extends Unit {
  /** The last sequence emitted per workspace, for the wake-ups after commit. */
  readonly heads: Map<number, number>;
  readonly hooks: (() => void)[];
}

// A service called inside another's unit (alert resolution inside a case's resolve) receives
// the transaction as its `db`; it joins that unit rather than opening a second one.
const open = new WeakMap<Db, OpenUnit>();

function openUnit(ctx: UnitCtx, tx: Db): OpenUnit {
  const at = ctx.clock.now().toISOString();
  const heads = new Map<number, number>();
  const hooks: (() => void)[] = [];
  const emit: Emit = async (type, event) => {
    const workspaceId = event.workspaceId ?? ctx.actor.workspaceId;
    const seq = await recordAudit(tx, {
      workspaceId,
      at: event.at ?? at,
      actor: auditActor(ctx.actor),
      action: type,
      targetType: event.targetType ?? eventTargets[type],
      targetId: event.targetId,
      caseId: event.caseId ?? null,
      before: (event.before as Record<string, unknown> | null | undefined) ?? null,
      after: (event.after as Record<string, unknown> | null | undefined) ?? null,
    });
    heads.set(workspaceId, seq);
    return seq;
  };
  return { tx, emit, at, heads, hooks, afterCommit: (hook) => hooks.push(hook) };
}

/**
 * Runs one change as a unit of work: `work` writes its rows on `tx` and `emit`s its domain
 * events (each writes its audit record in the same transaction); after-commit hooks and the
 * wake-ups of the event log's consumers run only once the commit succeeded. Called with a
 * context whose `db` is already a unit's transaction, it joins that unit.
 */
export async function inTransaction<T>(
  ctx: UnitCtx,
  work: (tx: Db, emit: Emit, unit: Unit) => Promise<T>,
): Promise<T> {
  const outer = open.get(ctx.db);
  if (outer) return work(outer.tx, outer.emit, outer);
  let unit: OpenUnit | undefined;
  const result = await ctx.db.transaction().execute(async (tx) => {
    unit = openUnit(ctx, tx);
    open.set(tx, unit);
    const value = await work(tx, unit.emit, unit);
    for (const [workspaceId, seq] of unit.heads)
      await notifyOtherProcesses(tx, { workspaceId, seq });
    return value;
  });
  if (unit) runAfterCommit(unit, ctx.log ?? silentLogger);
  return result;
}

/**
 * The unit of work whose transaction `tx` is, for a function that writes inside its caller's
 * change (a case opened by a bulk confirm). Throws when `tx` is not one: a write outside a unit
 * of work would have no audit record.
 */
export function joinUnit(tx: Db): Unit {
  const unit = open.get(tx);
  if (!unit) throw new Error('joinUnit: this database handle is not a unit of work in progress');
  return unit;
}

function runAfterCommit(unit: OpenUnit, log: Logger): void {
  for (const hook of unit.hooks) {
    try {
      hook();
    } catch (error) {
      log.error({ err: error }, 'an after-commit hook failed; the change itself committed');
    }
  }
  for (const [workspaceId, seq] of unit.heads)
    publishCommitted({ workspaceId, seq } satisfies Committed);
}
