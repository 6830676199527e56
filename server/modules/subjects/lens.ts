import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { pseudonymOf, type PseudonymKeys } from '../../lib/pseudonym.ts';
import { loadWorkspaceSettings } from '../settings/index.ts';
import { redactBody, refsWithoutIdentity, type Identity } from './redact.ts';
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

/** A lens that hides every subject of the workspace but the revealed ones. */
export function hidingLens(
  db: Db,
  workspaceId: number,
  key: Buffer,
  revealed: ReadonlySet<number>,
): SubjectLens {
  const cache = new Map<string, string>();
  const pseudonym = (identity: string) => {
    let p = cache.get(identity);
    if (p === undefined) cache.set(identity, (p = pseudonymOf(key, identity)));
    return p;
  };
  const lens: SubjectLens = {
    active: true,
    hides: (id) => !revealed.has(id),
    pseudonym,
    async apply(body, about = []) {
      const owners = about.filter((id) => !revealed.has(id));
      const missing = [...refsWithoutIdentity(body), ...owners].filter((id) => !revealed.has(id));
      const known = new Map(
        missing.length === 0
          ? []
          : (await repo.findIdentities(db, workspaceId, missing)).map((r) => [r.id, r] as const),
      );
      return redactBody(body, lens, known, owners);
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
  const settings = await loadWorkspaceSettings(db, workspaceId);
  if (!settings.privacy.pseudonymise) return open;
  return hidingLens(db, workspaceId, await keys.workspaceKey(workspaceId), new Set());
}

// One lens per request (ctx.request); a context without one makes its lens each time.
const lenses = new WeakMap<object, Promise<SubjectLens>>();

async function makeLens(ctx: Ctx): Promise<SubjectLens> {
  const ws = ctx.actor.workspaceId;
  if (ws === 0) return open;
  const settings = await loadWorkspaceSettings(ctx.db, ws);
  if (!settings.privacy.pseudonymise) return open;
  const revealed = await activeReveals(ctx.db, ctx.clock, ws, ctx.actor.accountId);
  return hidingLens(ctx.db, ws, await ctx.pseudonyms.workspaceKey(ws), revealed);
}

async function activeReveals(db: Db, clock: Clock, ws: number, accountId: number) {
  if (accountId === 0) return new Set<number>();
  const rows = await repo.listActiveReveals(db, ws, accountId, clock.now().toISOString());
  return new Set(rows.map((r) => r.subjectId));
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
