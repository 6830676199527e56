import { canonicalJson } from '../../lib/canonical-json.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import type { Db } from '../../db/connection.ts';
import type { AuditEventRow } from '../../db/schema.ts';
import * as repo from './audit.repo.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  workspaceId: number;
  at: string;
  actor: { accountId: number | null; name: string };
  action: string;
  targetType: string;
  targetId: string | number;
  caseId?: number | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type Hashable = Pick<
  AuditEventRow,
  | 'seq'
  | 'occurredAt'
  | 'actorId'
  | 'actorName'
  | 'action'
  | 'targetType'
  | 'targetId'
  | 'caseId'
  | 'before'
  | 'after'
>;

/** The hash of one event: its fields as stored, chained to the previous event's hash. */
export function hashEvent(prevHash: string, e: Hashable): string {
  const fields = [
    e.seq,
    e.occurredAt,
    e.actorId,
    e.actorName,
    e.action,
    e.targetType,
    e.targetId,
    e.caseId,
    e.before,
    e.after,
  ];
  return sha256Hex(`${prevHash}\n${JSON.stringify(fields)}`);
}

/**
 * Takes the workspace's audit lock until the transaction ends, before reading what a change
 * depends on. Every audited change takes it when it records its event, so the writers that take
 * it first (ingestion, alert resolution) see each other's changes whole and never deadlock with
 * them; SQLite has a single writer already.
 */
export const lockAuditChain = (db: Db, workspaceId: number): Promise<void> =>
  repo.lockHead(db, workspaceId);

/**
 * Appends one event to the workspace's hash chain and returns its sequence number. Services
 * reach it through the unit of work (`server/events`), which derives the input from a domain
 * event inside the transaction that makes the change: both commit together or not at all.
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<number> {
  const { seq, prevHash } = await repo.advanceHead(db, input.workspaceId);
  const event: repo.NewAuditEvent = {
    workspaceId: input.workspaceId,
    seq,
    occurredAt: input.at,
    actorId: input.actor.accountId,
    actorName: input.actor.name,
    action: input.action,
    targetType: input.targetType,
    targetId: String(input.targetId),
    caseId: input.caseId ?? null,
    before: input.before ? canonicalJson(input.before) : null,
    after: input.after ? canonicalJson(input.after) : null,
    prevHash,
    hash: '',
  };
  event.hash = hashEvent(prevHash, event);
  await repo.insertEvent(db, event);
  await repo.setHeadHash(db, input.workspaceId, event.hash);
  return seq;
}

export async function startAuditChain(db: Db, workspaceId: number): Promise<void> {
  await repo.insertHead(db, workspaceId, GENESIS_HASH);
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first event that does not verify, and why. */
  firstBroken?: { seq: number; id: number | null; reason: string };
}

/** Recomputes the workspace's chain from the start; names the first event that breaks it. */
export async function verifyAuditChain(db: Db, workspaceId: number): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const page = await repo.listChainPage(db, workspaceId, expectedSeq - 1, 5000);
    for (const e of page) {
      const broken = (reason: string): ChainReport => ({
        ok: false,
        checked,
        firstBroken: { seq: e.seq, id: e.id, reason },
      });
      if (e.seq !== expectedSeq) {
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq, id: null, reason: `event ${expectedSeq} is missing` },
        };
      }
      if (e.prevHash !== prevHash) return broken('its link to the previous event does not match');
      if (hashEvent(prevHash, e) !== e.hash) return broken('its content does not match its hash');
      prevHash = e.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (page.length < 5000) break;
  }
  const head = await repo.findHead(db, workspaceId);
  if (head && (head.seq !== expectedSeq - 1 || head.hash !== prevHash)) {
    return {
      ok: false,
      checked,
      firstBroken: {
        seq: expectedSeq,
        id: null,
        reason: `the chain ends at ${expectedSeq - 1} but its head records ${head.seq}`,
      },
    };
  }
  return { ok: true, checked };
}

/** Events of a workspace after a sequence number, in order: the durable event log, read. */
export const listAuditEventsAfter = (
  db: Db,
  workspaceId: number,
  afterSeq: number,
  limit: number,
): Promise<AuditEventRow[]> => repo.listChainPage(db, workspaceId, afterSeq, limit);

/** One event of a workspace by its sequence number. */
export const findAuditEvent = (
  db: Db,
  workspaceId: number,
  seq: number,
): Promise<AuditEventRow | undefined> => repo.findEventBySeq(db, workspaceId, seq);

/** The last sequence number of a workspace's log (0 before the first event). */
export async function auditHeadSeq(db: Db, workspaceId: number): Promise<number> {
  return (await repo.findHead(db, workspaceId))?.seq ?? 0;
}
