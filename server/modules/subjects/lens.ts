import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { pseudonymOf, type PseudonymKeys } from '../../lib/pseudonym.ts';
import { isPseudonymised, revealedBy } from './privacy-cache.ts';
import { redactBody, type Identity } from './redact.ts';
import * as repo from './reveals.repo.ts';

/**
 * What a caller may see of subjects. In a pseudonymised workspace every subject is shown under
 * its pseudonym, with no identifying field, except those the caller revealed (for a case, with
 * a reason, for a while). `apply` rewrites a response body accordingly; services use `hides`
 * and `pseudonym` to keep searches from matching hidden identities.
 */
export interface SubjectLens {
  /** Whether the workspace pseudonymises subjects. */
  readonly active: boolean;
  /** Whether the subject's identity is hidden from the caller. */
  hides(subjectId: number): boolean;
  /** The subject's pseudonym, from its canonical identity (lower-cased e-mail or UPN). */
  pseudonym(identity: string): string;
  /**
   * The body with every hidden subject pseudonymised (a copy; the input is not changed).
   * `about` names subjects the whole body is about (a case's subject, for an event of the
   * case that does not name it): their identities are rewritten anywhere in it.
   */
  apply<T>(body: T, about?: readonly number[]): Promise<T>;
}

const open: SubjectLens = {
  active: false,
  hides: () => false,
  pseudonym: (identity) => identity,
  apply: (body) => Promise.resolve(body),
};

// Pseudonyms by workspace key (one Buffer per workspace, kept by the key ring): an HMAC per
// subject per request would be a good part of a queue page's time.
const pseudonymCache = new WeakMap<Buffer, Map<string, string>>();
const PSEUDONYMS_KEPT = 100_000;

/** A lens that hides every subject of the workspace but the revealed ones. */
export function hidingLens(
  db: Db,
  workspaceId: number,
  key: Buffer,
  revealed: ReadonlySet<number>,
): SubjectLens {
  let cache = pseudonymCache.get(key);
  if (!cache) pseudonymCache.set(key, (cache = new Map<string, string>()));
  const known = cache;
  const pseudonym = (identity: string) => {
    let p = known.get(identity);
    if (p === undefined) {
      if (known.size >= PSEUDONYMS_KEPT) known.clear();
      known.set(identity, (p = pseudonymOf(key, identity)));
    }
    return p;
  };
  const lens: SubjectLens = {
    active: true,
    hides: (id) => !revealed.has(id),
    pseudonym,
    async apply(body, about = []) {
      const owners = about.filter((id) => !revealed.has(id));
      const first = redactBody(body, lens, new Map(), owners);
      if (first.missing.size === 0) return first.body;
      const rows = await repo.findIdentities(db, workspaceId, [...first.missing]);
      return redactBody(body, lens, new Map(rows.map((r) => [r.id, r] as const)), owners).body;
    },
  };
  return lens;
}

export type { Identity };

/**
 * The lens of a workspace for readers that are not accounts (webhook receivers, e-mails):
 * every subject hidden when the workspace pseudonymises.
 */
export async function workspaceLens(
  db: Db,
  keys: PseudonymKeys,
  workspaceId: number,
): Promise<SubjectLens> {
  if (!(await isPseudonymised(db, workspaceId))) return open;
  return hidingLens(db, workspaceId, await keys.workspaceKey(workspaceId), new Set());
}

// One lens per request (ctx.request); a context without one makes its lens each time.
const lenses = new WeakMap<object, Promise<SubjectLens>>();

async function makeLens(ctx: Ctx): Promise<SubjectLens> {
  const ws = ctx.actor.workspaceId;
  if (ws === 0) return open;
  if (!(await isPseudonymised(ctx.db, ws))) return open;
  const now = ctx.clock.now().toISOString();
  const revealed = await revealedBy(ctx.db, ws, ctx.actor.accountId, now);
  return hidingLens(ctx.db, ws, await ctx.pseudonyms.workspaceKey(ws), revealed);
}

/** The caller's lens, made once per request. */
export function subjectLens(ctx: Ctx): Promise<SubjectLens> {
  const request = ctx.request;
  if (!request) return makeLens(ctx);
  let lens = lenses.get(request);
  if (!lens) {
    lens = makeLens(ctx);
    lenses.set(request, lens);
    lens.catch(() => lenses.delete(request));
  }
  return lens;
}

/** Forgets the request's lens: after a reveal, the rest of the request sees the subject. */
export const forgetLens = (ctx: Ctx): void => void (ctx.request && lenses.delete(ctx.request));
