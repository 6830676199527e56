import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../events/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { randomSecret, sha256Hex } from '../../lib/crypto.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../access/index.ts';
import { loadActor } from './accounts.service.ts';
import * as repo from './accounts.repo.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import type { SignInThrottle } from './rate-limit.ts';
import * as sessions from './sessions.repo.ts';
import { notifyAccountChanged } from './actor-cache.ts';

export interface SignInDeps {
  db: Db;
  clock: Clock;
  throttle: SignInThrottle;
  sessionTtlHours: number;
}

export interface StartedSession {
  secret: string;
  csrfToken: string;
  expiresAt: string;
  actor: Actor;
}

const refused = () => new AppError('unauthenticated', 'The e-mail or password is not right');

/**
 * Checks a password and starts a session. Unknown e-mail, wrong password and disabled account
 * all answer the same unauthenticated error after the same work, and count as the same
 * failure; too many failures for the e-mail or from the client address answer rate_limited
 * before any password is checked.
 */
export async function signIn(
  deps: SignInDeps,
  email: string,
  password: string,
  clientAddress: string,
): Promise<StartedSession> {
  const normalised = email.trim().toLowerCase();
  const attempt = deps.throttle.begin(normalised, clientAddress, deps.clock.now().getTime());
  const account = (await repo.findAccountsByEmail(deps.db, normalised))[0];
  if (!account?.passwordHash) {
    await burnPasswordCheck(password);
    throw refused();
  }
  const ok = await verifyPassword(account.passwordHash, password);
  if (!ok || account.disabled) throw refused();
  const actor = await loadActor(deps.db, account.id, 'session');
  if (!actor) throw refused();
  const started = await startSession(deps, actor, 'auth.signed_in');
  attempt.succeeded();
  return started;
}

/** Creates a fresh session (new id) for the actor and audits it. */
export async function startSession(
  deps: Omit<SignInDeps, 'throttle'>,
  actor: Actor,
  action: 'auth.signed_in' | 'auth.session_renewed',
): Promise<StartedSession> {
  const secret = randomSecret();
  const csrfToken = randomSecret();
  const at = deps.clock.now();
  const expiresAt = new Date(at.getTime() + deps.sessionTtlHours * 3_600_000).toISOString();
  await inTransaction({ ...deps, actor }, async (tx, emit) => {
    await sessions.insertSession(tx, {
      id: sha256Hex(secret),
      workspaceId: actor.workspaceId,
      accountId: actor.accountId,
      csrfToken,
      createdAt: at.toISOString(),
      expiresAt,
    });
    await emit(action, {
      workspaceId: actor.workspaceId,
      at: at.toISOString(),
      targetId: actor.accountId,
    });
  });
  return { secret, csrfToken, expiresAt, actor };
}

/** The actor and CSRF token behind a session cookie, or undefined when it is unknown or over. */
export async function authenticateSession(
  db: Db,
  clock: Clock,
  secret: string,
): Promise<{ actor: Actor; csrfToken: string; id: string; expiresAt: string } | undefined> {
  const id = sha256Hex(secret);
  const session = await sessions.findSession(db, id);
  if (!session || session.expiresAt <= clock.now().toISOString()) return undefined;
  const actor = await loadActor(db, session.accountId, 'session');
  return actor
    ? { actor, csrfToken: session.csrfToken, id, expiresAt: session.expiresAt }
    : undefined;
}

export async function endSession(db: Db, secret: string): Promise<void> {
  const session = await sessions.findSession(db, sha256Hex(secret));
  if (!session) return;
  await sessions.deleteSession(db, session.id);
  notifyAccountChanged(session.accountId);
}
