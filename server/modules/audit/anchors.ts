import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import * as repo from './audit.repo.ts';

/**
 * An audit anchor: where a workspace's chain stood at a moment (its head's sequence and hash),
 * kept outside the database. A chain whose tail was cut and whose head was moved back still
 * verifies on its own; against an anchor it does not.
 */
export interface AuditAnchor {
  workspaceId: number;
  seq: number;
  hash: string;
  at: string;
}

/** Where the server and `casefile audit-anchor` write anchors unless told otherwise. */
export const defaultAnchorFile = (dataDir: string) => join(dataDir, 'audit-anchors.jsonl');

/**
 * Appends the head of every workspace's chain to an append-only file, one JSON line each,
 * synced to disk before it returns. Answers the anchors written.
 */
export async function writeAuditAnchors(
  db: Db,
  clock: Clock,
  file: string,
): Promise<AuditAnchor[]> {
  const heads = await repo.listHeads(db);
  const at = clock.now().toISOString();
  const anchors = heads.map((h) => ({ workspaceId: h.workspaceId, seq: h.seq, hash: h.hash, at }));
  if (anchors.length === 0) return anchors;
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, anchors.map((a) => `${JSON.stringify(a)}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return anchors;
}

/** The anchors of a file's text; throws naming the first line that is not one. */
export function parseAuditAnchors(text: string): AuditAnchor[] {
  return text.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    const a = value as Partial<AuditAnchor> | undefined;
    if (
      !a ||
      !Number.isSafeInteger(a.workspaceId) ||
      !Number.isSafeInteger(a.seq) ||
      typeof a.hash !== 'string' ||
      typeof a.at !== 'string'
    )
      throw new Error(`line ${i + 1} of the anchor file is not an audit anchor`);
    return [a as AuditAnchor];
  });
}

/**
 * Checks a workspace's chain against its anchors: every anchored event must still be there
 * with the anchored hash. Answers the first anchor the chain contradicts, or undefined.
 */
export async function checkAuditAnchors(
  db: Db,
  workspaceId: number,
  anchors: readonly AuditAnchor[],
): Promise<{ anchor: AuditAnchor; reason: string } | undefined> {
  const own = anchors.filter((a) => a.workspaceId === workspaceId && a.seq > 0);
  const events = await repo.findHashes(db, workspaceId, [...new Set(own.map((a) => a.seq))]);
  for (const anchor of [...own].sort((a, b) => b.seq - a.seq)) {
    const hash = events.get(anchor.seq);
    if (hash === undefined)
      return {
        anchor,
        reason: `event ${anchor.seq}, anchored at ${anchor.at}, is gone: the chain was cut`,
      };
    if (hash !== anchor.hash)
      return { anchor, reason: `event ${anchor.seq} differs from its anchor of ${anchor.at}` };
  }
  return undefined;
}
